// The Pod Table columns of kube-apiserver (printPod): READY, STATUS (with init-container,
// waiting/terminated reasons and Terminating), RESTARTS with the age of the last restart, AGE,
// and the wide IP/NODE/NOMINATED NODE/READINESS GATES cells. Pure.
import type { KubeObject } from '../types.js';
import type { BuiltinColumn, TableRowCondition } from './cells.js';
import { ageColumn, column, get, int, list, nameColumn, wide, str } from './cells.js';
import { doc } from './descriptions.js';
import { timestampAge } from './human-duration.js';

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart: string;
}

function isRestartableInit(spec: unknown): boolean {
  return get(spec, 'restartPolicy') === 'Always';
}

function later(a: string, b: unknown): string {
  const t = str(b);
  return t !== '' && (a === '' || Date.parse(t) > Date.parse(a)) ? t : a;
}

function terminatedReason(t: unknown, prefix: string): string {
  const reason = str(get(t, 'reason'));
  if (reason) return prefix + reason;
  const signal = int(get(t, 'signal'));
  return signal !== 0
    ? `${prefix}Signal:${signal}`
    : `${prefix}ExitCode:${int(get(t, 'exitCode'))}`;
}

/** The STATUS an init container gives the pod, or undefined when it has completed. */
function initReason(
  s: unknown,
  restartable: boolean,
  index: number,
  total: number,
): string | undefined {
  const terminated = get(s, 'state', 'terminated');
  if (terminated && int(get(terminated, 'exitCode')) === 0) return undefined;
  if (restartable && get(s, 'started') === true) return undefined;
  if (terminated) return terminatedReason(terminated, 'Init:');
  const waiting = str(get(s, 'state', 'waiting', 'reason'));
  if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
  return `Init:${index}/${total}`;
}

function initContainerSpecs(o: KubeObject): Map<string, unknown> {
  return new Map(list(get(o, 'spec', 'initContainers')).map((c) => [str(get(c, 'name')), c]));
}

function scanInitContainers(o: KubeObject, sum: PodSummary): boolean {
  const specs = initContainerSpecs(o);
  const statuses = list(get(o, 'status', 'initContainerStatuses'));
  for (let i = 0; i < statuses.length; i++) {
    const s = statuses[i];
    const restartable = isRestartableInit(specs.get(str(get(s, 'name'))));
    sum.restarts += int(get(s, 'restartCount'));
    sum.lastRestart = later(sum.lastRestart, get(s, 'lastState', 'terminated', 'finishedAt'));
    if (restartable && get(s, 'started') === true && get(s, 'ready') === true) sum.ready++;
    const reason = initReason(s, restartable, i, specs.size);
    if (reason !== undefined) {
      sum.reason = reason;
      return true;
    }
  }
  return false;
}

function containerReason(s: unknown): string | undefined {
  const waiting = str(get(s, 'state', 'waiting', 'reason'));
  if (waiting) return waiting;
  const terminated = get(s, 'state', 'terminated');
  return terminated ? terminatedReason(terminated, '') : undefined;
}

function hasCondition(o: KubeObject, type: string): boolean {
  return list(get(o, 'status', 'conditions')).some(
    (c) => get(c, 'type') === type && get(c, 'status') === 'True',
  );
}

function scanContainers(o: KubeObject, sum: PodSummary): void {
  let running = false;
  const statuses = list(get(o, 'status', 'containerStatuses'));
  for (const s of [...statuses].reverse()) {
    sum.restarts += int(get(s, 'restartCount'));
    sum.lastRestart = later(sum.lastRestart, get(s, 'lastState', 'terminated', 'finishedAt'));
    const reason = containerReason(s);
    if (reason !== undefined) sum.reason = reason;
    else if (get(s, 'ready') === true && get(s, 'state', 'running') !== undefined) {
      running = true;
      sum.ready++;
    }
  }
  if (sum.reason === 'Completed' && running)
    sum.reason = hasCondition(o, 'Ready') ? 'Running' : 'NotReady';
}

function baseReason(o: KubeObject): string {
  const gated = list(get(o, 'status', 'conditions')).some(
    (c) => get(c, 'type') === 'PodScheduled' && get(c, 'reason') === 'SchedulingGated',
  );
  if (gated) return 'SchedulingGated';
  return str(get(o, 'status', 'reason')) || str(get(o, 'status', 'phase'));
}

function finalReason(o: KubeObject, reason: string): string {
  if (!o.metadata.deletionTimestamp) return reason;
  if (get(o, 'status', 'reason') === 'NodeLost') return 'Unknown';
  const phase = get(o, 'status', 'phase');
  return phase === 'Succeeded' || phase === 'Failed' ? reason : 'Terminating';
}

/** printPod's READY/STATUS/RESTARTS computation. */
export function summarizePod(o: KubeObject): PodSummary {
  const restartableInits = list(get(o, 'spec', 'initContainers')).filter(isRestartableInit).length;
  const total = list(get(o, 'spec', 'containers')).length + restartableInits;
  const sum: PodSummary = { ready: 0, total, reason: baseReason(o), restarts: 0, lastRestart: '' };
  const initializing = scanInitContainers(o, sum);
  if (!initializing || hasCondition(o, 'Initialized')) {
    sum.restarts = 0;
    sum.lastRestart = '';
    sum.ready = 0;
    scanRestartableInits(o, sum);
    scanContainers(o, sum);
  }
  sum.reason = finalReason(o, sum.reason);
  return sum;
}

function scanRestartableInits(o: KubeObject, sum: PodSummary): void {
  const specs = initContainerSpecs(o);
  for (const s of list(get(o, 'status', 'initContainerStatuses'))) {
    if (!isRestartableInit(specs.get(str(get(s, 'name'))))) continue;
    sum.restarts += int(get(s, 'restartCount'));
    sum.lastRestart = later(sum.lastRestart, get(s, 'lastState', 'terminated', 'finishedAt'));
    if (get(s, 'started') === true && get(s, 'ready') === true) sum.ready++;
  }
}

function restartsText(o: KubeObject, now: number): string {
  const { restarts, lastRestart } = summarizePod(o);
  if (restarts === 0 || lastRestart === '') return String(restarts);
  return `${restarts} (${timestampAge(lastRestart, now)} ago)`;
}

function readinessGates(o: KubeObject): string {
  const gates = list(get(o, 'spec', 'readinessGates'));
  if (gates.length === 0) return '<none>';
  const ok = gates.filter((g) => hasCondition(o, str(get(g, 'conditionType')))).length;
  return `${ok}/${gates.length}`;
}

function podConditions(o: KubeObject): TableRowCondition[] | undefined {
  const phase = get(o, 'status', 'phase');
  if (phase === 'Succeeded') {
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  }
  if (phase === 'Failed')
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

export const podColumns: BuiltinColumn[] = [
  { ...nameColumn(), conditions: podConditions },
  column(
    'Ready',
    'string',
    'The aggregate readiness state of this pod for accepting traffic.',
    (o) => {
      const s = summarizePod(o);
      return `${s.ready}/${s.total}`;
    },
  ),
  column(
    'Status',
    'string',
    'The aggregate status of the containers in this pod.',
    (o) => summarizePod(o).reason,
  ),
  column(
    'Restarts',
    'string',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    (o, c) => restartsText(o, c.now),
  ),
  ageColumn(),
  wide(
    column(
      'IP',
      'string',
      doc('PodStatus.podIP'),
      (o) => str(get(o, 'status', 'podIPs', 0, 'ip')) || '<none>',
    ),
  ),
  wide(
    column(
      'Node',
      'string',
      doc('PodSpec.nodeName'),
      (o) => str(get(o, 'spec', 'nodeName')) || '<none>',
    ),
  ),
  wide(
    column(
      'Nominated Node',
      'string',
      doc('PodStatus.nominatedNodeName'),
      (o) => str(get(o, 'status', 'nominatedNodeName')) || '<none>',
    ),
  ),
  wide(column('Readiness Gates', 'string', doc('PodSpec.readinessGates'), readinessGates)),
];
