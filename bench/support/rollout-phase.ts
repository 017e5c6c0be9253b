// One measured rollout of a push fleet: apply one change to the management cluster, then poll
// (in-process, uncounted) until every ClusterSummary of the profile reports the feature
// Provisioned with a hash different from before the change. Collects the time to the first and
// the last cluster, the controller's reconciles (/metrics), the requests each lab cluster
// received, the controller's CPU time and its peak RSS during the rollout.
import type { FeatureID } from '../../api/types/index.js';
import { sumBy } from './controller-process.js';
import { featureOf } from './push-fleet.js';
import type { Fleet } from './push-fleet.js';
import { sumRequests } from './request-counter.js';
import type { ClusterRequests } from './request-counter.js';

export interface PhaseSpec {
  label: string;
  profile: string;
  feature: FeatureID;
  /** The one change whose rollout is measured. */
  change: () => Promise<void>;
  timeoutMs: number;
}

export interface PhaseFigures {
  label: string;
  clusters: number;
  /** Summaries that reached the new Provisioned state. */
  provisioned: number;
  firstMs: number;
  allMs: number;
  timedOut: boolean;
  /** Reconciles by controller during the rollout (and a 2 s tail). */
  reconciles: Record<string, number>;
  /** Mean seconds of one summary reconcile (controller histogram). */
  summaryReconcileMean: number;
  /** Mean seconds of one feature deploy in one cluster (controller histogram). */
  deployMean: number;
  /** CPU seconds of this process, which hosts the lab API server. */
  labCpu: number;
  managed: ClusterRequests;
  mgmt: ClusterRequests;
  cpuOwn: number;
  cpuChildren: number;
  peakRss: number;
  /** Failure messages seen at the end (first 3). */
  failures: string[];
}

const POLL_MS = 100;
const TAIL_MS = 2000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function hashes(fleet: Fleet, spec: PhaseSpec): Map<string, string> {
  return new Map(
    fleet
      .summaries(spec.profile)
      .map((s) => [s.metadata.name ?? '', featureOf(s, spec.feature).hash ?? '']),
  );
}

function progress(
  fleet: Fleet,
  spec: PhaseSpec,
  before: Map<string, string>,
): { done: number; failures: string[] } {
  let done = 0;
  const failures: string[] = [];
  for (const s of fleet.summaries(spec.profile)) {
    const f = featureOf(s, spec.feature);
    const fresh = f.hash !== undefined && f.hash !== before.get(s.metadata.name ?? '');
    if (f.status === 'Provisioned' && fresh) done++;
    else if (f.failureMessage) failures.push(`${s.metadata.name ?? ''}: ${f.failureMessage}`);
  }
  return { done, failures };
}

const PREFIX = 'sveltos_controller_';

function delta(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  return new Map([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]));
}

/** Mean of a histogram over the samples whose labels contain `where`. */
function mean(samples: Map<string, number>, name: string, where: string): number {
  const sum = sumBy(samples, `${PREFIX}${name}_sum`, { by: 'x', where });
  const count = sumBy(samples, `${PREFIX}${name}_count`, { by: 'x', where });
  return (sum['?'] ?? 0) / Math.max(1, count['?'] ?? 0);
}

/** Runs one phase; never throws on a timeout (the figures say how far it got). */
export async function runPhase(fleet: Fleet, spec: PhaseSpec): Promise<PhaseFigures> {
  const n = fleet.names.length;
  const before = hashes(fleet, spec);
  const rec0 = await fleet.controller.metrics();
  const cpu0 = fleet.controller.cpu();
  const lab0 = process.cpuUsage();
  fleet.requests.reset();
  const t0 = performance.now();
  await spec.change();
  let firstMs = 0;
  let peakRss = 0;
  let state = { done: 0, failures: [] as string[] };
  const deadline = t0 + spec.timeoutMs;
  while (state.done < n && performance.now() < deadline) {
    await sleep(POLL_MS);
    state = progress(fleet, spec, before);
    peakRss = Math.max(peakRss, fleet.controller.memory().rss);
    if (state.done > 0 && firstMs === 0) firstMs = performance.now() - t0;
  }
  const allMs = performance.now() - t0;
  await sleep(TAIL_MS);
  const snap = fleet.requests.snapshot();
  const cpu1 = fleet.controller.cpu();
  const lab = process.cpuUsage(lab0);
  const metrics = delta(await fleet.controller.metrics(), rec0);
  return {
    label: spec.label,
    clusters: n,
    provisioned: state.done,
    firstMs,
    allMs,
    timedOut: state.done < n,
    reconciles: sumBy(metrics, `${PREFIX}reconcile_total`, { by: 'controller' }),
    summaryReconcileMean: mean(metrics, 'reconcile_duration_seconds', 'controller="summaries"'),
    deployMean: mean(metrics, 'deploy_duration_seconds', `feature="${spec.feature}"`),
    labCpu: (lab.user + lab.system) / 1e6,
    managed: sumRequests(snap, (name) => name !== 'mgmt'),
    mgmt: sumRequests(snap, (name) => name === 'mgmt'),
    cpuOwn: cpu1.own - cpu0.own,
    cpuChildren: cpu1.children - cpu0.children,
    peakRss: Math.max(peakRss, fleet.controller.memory().rss),
    failures: state.failures.slice(0, 3),
  };
}
