// Workload and pod conditions with kube's time-keeping: an unchanged condition keeps its times,
// a changed reason or message moves lastUpdateTime, a changed status moves both. Pure.

/** A condition as workloads carry them (`lastUpdateTime` only where the kind has it). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
}

function sameCondition(a: Condition | undefined, b: Condition): boolean {
  return (
    a !== undefined && a.status === b.status && a.reason === b.reason && a.message === b.message
  );
}

/** Stamps `next` against `previous` at `now`; `withUpdateTime` adds lastUpdateTime (Deployments). */
export function stampCondition(
  next: Condition,
  previous: Condition[] | undefined,
  now: string,
  withUpdateTime = false,
): Condition {
  const old = previous?.find((c) => c.type === next.type);
  const transition = old?.status === next.status ? (old.lastTransitionTime ?? now) : now;
  if (!withUpdateTime) return { ...next, lastTransitionTime: transition };
  const updated = sameCondition(old, next) ? (old?.lastUpdateTime ?? now) : now;
  return { ...next, lastUpdateTime: updated, lastTransitionTime: transition };
}
