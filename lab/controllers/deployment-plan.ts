// Pure decisions of the lab's Deployment controller: which ReplicaSet carries the current pod
// template, how every owned ReplicaSet is scaled, which old ones fall out of the revision
// history, and the Deployment status kube reports (what helm --wait and kstatus read).
// Rollouts are immediate (the new ReplicaSet gets every replica, old ones go to 0): the lab has
// no nodes to surge onto. Tests: deployment-plan.test.ts.
import type { KubeObject } from '../apiserver/types.js';
import { stampCondition, type Condition } from './conditions.js';
import {
  controllerRef,
  desiredReplicas,
  podTemplateHash,
  type PodTemplate,
} from './workload-pods.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const HASH_LABEL = 'pod-template-hash';

interface DeploymentSpec {
  replicas?: number;
  paused?: boolean;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  template?: PodTemplate;
  strategy?: {
    type?: string;
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  };
}

interface ReplicaSetStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}

/** What the executor must write for one Deployment. */
export interface DeploymentPlan {
  /** The current template's ReplicaSet when it does not exist yet. */
  create?: KubeObject;
  /** Existing ReplicaSets whose replicas or revision must change. */
  scale: { name: string; replicas: number; revision?: string }[];
  /** Old ReplicaSets beyond revisionHistoryLimit. */
  delete: string[];
  /** The revision the Deployment's annotation must carry. */
  revision: string;
}

const specOf = (o: KubeObject): DeploymentSpec => o.spec ?? {};
const revisionOf = (rs: KubeObject): number =>
  Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '0') || 0;
const rsReplicas = (rs: KubeObject): number =>
  (rs.spec as { replicas?: number } | undefined)?.replicas ?? 0;
const rsStatus = (rs: KubeObject): ReplicaSetStatus => rs.status ?? {};

/** The hash that names the ReplicaSet of the Deployment's current template. */
export function currentHash(dep: KubeObject): string {
  const collisions = (dep.status as { collisionCount?: number } | undefined)?.collisionCount ?? 0;
  return podTemplateHash(specOf(dep).template ?? {}, collisions);
}

/** The owned ReplicaSet running the current template, if any. */
export function findNewReplicaSet(dep: KubeObject, owned: KubeObject[]): KubeObject | undefined {
  const hash = currentHash(dep);
  return owned.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
}

/** The ReplicaSet kube's Deployment controller creates for the current template. */
export function buildReplicaSet(dep: KubeObject, revision: number): KubeObject {
  const spec = specOf(dep);
  const hash = currentHash(dep);
  const template = spec.template ?? {};
  const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  const selector = {
    ...(spec.selector ?? {}),
    matchLabels: { ...(spec.selector?.matchLabels ?? {}), [HASH_LABEL]: hash },
  };
  const replicas = desiredReplicas(dep);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${dep.metadata.name ?? ''}-${hash}`,
      namespace: dep.metadata.namespace,
      labels,
      annotations: {
        [REVISION_ANNOTATION]: String(revision),
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge(dep)),
      },
      ownerReferences: [controllerRef(dep)],
    },
    spec: {
      replicas,
      selector,
      template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
    },
  };
}

/** Plans the ReplicaSet writes for a Deployment given the ReplicaSets it controls. */
export function planDeployment(dep: KubeObject, owned: KubeObject[]): DeploymentPlan {
  const current = findNewReplicaSet(dep, owned);
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  if (specOf(dep).paused) return { scale: [], delete: [], revision: String(maxRevision) };
  const plan: DeploymentPlan = { scale: [], delete: [], revision: String(maxRevision + 1) };
  if (current) planCurrent(plan, dep, current, maxRevision);
  else plan.create = buildReplicaSet(dep, maxRevision + 1);
  const old = owned.filter((rs) => rs !== current);
  for (const rs of old)
    if (rsReplicas(rs) > 0) plan.scale.push({ name: rs.metadata.name ?? '', replicas: 0 });
  plan.delete = historyToDelete(old, specOf(dep).revisionHistoryLimit ?? 10);
  return plan;
}

/** Scales the current ReplicaSet; a template rolled back to an old one gets a new revision. */
function planCurrent(
  plan: DeploymentPlan,
  dep: KubeObject,
  current: KubeObject,
  maxRevision: number,
): void {
  const desired = desiredReplicas(dep);
  const rolledBack = revisionOf(current) < maxRevision;
  plan.revision = String(rolledBack ? maxRevision + 1 : revisionOf(current));
  if (rsReplicas(current) === desired && !rolledBack) return;
  plan.scale.push({
    name: current.metadata.name ?? '',
    replicas: desired,
    ...(rolledBack ? { revision: plan.revision } : {}),
  });
}

function historyToDelete(old: KubeObject[], limit: number): string[] {
  const idle = old
    .filter((rs) => rsReplicas(rs) === 0 && (rsStatus(rs).replicas ?? 0) === 0)
    .sort((a, b) => revisionOf(a) - revisionOf(b));
  return idle.slice(0, Math.max(0, idle.length - limit)).map((rs) => rs.metadata.name ?? '');
}

function resolveIntOrPercent(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (typeof value === 'number') return value;
  const percent = Number.parseInt(value ?? '25%', 10);
  const exact = (total * percent) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function maxSurge(dep: KubeObject): number {
  const strategy = specOf(dep).strategy;
  if (strategy?.type === 'Recreate') return 0;
  return resolveIntOrPercent(strategy?.rollingUpdate?.maxSurge, desiredReplicas(dep), true);
}

/** kube's deploymentutil.MaxUnavailable: 0 for Recreate, 1 when surge and unavailable are both 0. */
export function maxUnavailable(dep: KubeObject): number {
  const strategy = specOf(dep).strategy;
  const desired = desiredReplicas(dep);
  if (strategy?.type === 'Recreate' || desired === 0) return 0;
  const unavailable = resolveIntOrPercent(strategy?.rollingUpdate?.maxUnavailable, desired, false);
  if (unavailable === 0 && maxSurge(dep) === 0) return 1;
  return Math.min(unavailable, desired);
}

/** Input of {@link deploymentStatus}. */
export interface DeploymentStatusInput {
  dep: KubeObject;
  owned: KubeObject[];
  now: string;
}

/** The Deployment status kube's controller would write for these ReplicaSets. */
export function deploymentStatus(input: DeploymentStatusInput): Record<string, unknown> {
  const { dep, owned, now } = input;
  const current = findNewReplicaSet(dep, owned);
  const sum = (f: (s: ReplicaSetStatus) => number | undefined): number =>
    owned.reduce((n, rs) => n + (f(rsStatus(rs)) ?? 0), 0);
  const desired = desiredReplicas(dep);
  const counts = {
    replicas: sum((s) => s.replicas),
    updatedReplicas: current ? (rsStatus(current).replicas ?? 0) : 0,
    readyReplicas: sum((s) => s.readyReplicas),
    availableReplicas: sum((s) => s.availableReplicas),
  };
  const previous =
    (dep.status as { conditions?: Condition[]; collisionCount?: number } | undefined) ?? {};
  const conditions = [
    stampCondition(
      availableCondition(counts.availableReplicas, desired - maxUnavailable(dep)),
      previous.conditions,
      now,
      true,
    ),
    stampCondition(progressingCondition(input, current, counts), previous.conditions, now, true),
  ];
  const unavailable = Math.max(0, desired - counts.availableReplicas);
  return {
    observedGeneration: dep.metadata.generation ?? 1,
    ...omitZero(counts),
    ...(unavailable > 0 ? { unavailableReplicas: unavailable } : {}),
    ...(previous.collisionCount ? { collisionCount: previous.collisionCount } : {}),
    conditions,
  };
}

/** kube's status counters are `omitempty`: a zero is absent from the JSON. */
export function omitZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

function availableCondition(available: number, minimum: number): Condition {
  return available >= minimum
    ? {
        type: 'Available',
        status: 'True',
        reason: 'MinimumReplicasAvailable',
        message: 'Deployment has minimum availability.',
      }
    : {
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
        message: 'Deployment does not have minimum availability.',
      };
}

function progressingCondition(
  input: DeploymentStatusInput,
  current: KubeObject | undefined,
  counts: { replicas: number; updatedReplicas: number; availableReplicas: number },
): Condition {
  const name = current?.metadata.name ?? '';
  const desired = desiredReplicas(input.dep);
  const complete =
    current &&
    counts.updatedReplicas === desired &&
    counts.replicas === desired &&
    counts.availableReplicas === desired;
  if (complete)
    return {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${name}" has successfully progressed.`,
    };
  if (deadlineExceeded(input))
    return {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${name}" has timed out progressing.`,
    };
  return {
    type: 'Progressing',
    status: 'True',
    reason: 'ReplicaSetUpdated',
    message: `ReplicaSet "${name}" is progressing.`,
  };
}

/** True when the rollout has made no progress for progressDeadlineSeconds (default 600). */
export function deadlineExceeded(input: DeploymentStatusInput): boolean {
  const conditions = (input.dep.status as { conditions?: Condition[] } | undefined)?.conditions;
  const progressing = conditions?.find((c) => c.type === 'Progressing');
  if (!progressing) return false;
  const rsName = findNewReplicaSet(input.dep, input.owned)?.metadata.name ?? '';
  if (progressing.reason === 'ProgressDeadlineExceeded') {
    return (progressing.message ?? '').includes(`"${rsName}"`);
  }
  if (progressing.reason !== 'ReplicaSetUpdated') return false;
  return olderThanDeadline(input, progressing.lastUpdateTime);
}

function olderThanDeadline(input: DeploymentStatusInput, since: string | undefined): boolean {
  if (!since) return false;
  const deadlineMs = (specOf(input.dep).progressDeadlineSeconds ?? 600) * 1000;
  return Date.parse(input.now) - Date.parse(since) > deadlineMs;
}
