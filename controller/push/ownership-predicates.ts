// Who may deploy a resource or Helm release that several profiles want in one cluster (Sveltos'
// tier rule): the lower tier wins; at equal tiers the first owner keeps it. An owner whose
// ClusterSummary no longer exists (withdrawn with LeavePolicies, or deleted) has given it up.
// Pure predicates returning reasons (STYLE §8). Tests: ownership-predicates.test.ts.
import { clusterSummaryName } from '../../api/naming.js';
import type { ClusterSummary } from '../../api/types/index.js';
import type { EventRecorder } from '../context.js';
import type { ObjectStore } from '../../lib/informer.js';
import { describeOwner, sameOwner } from '../features/owner-labels.js';
import type { FeatureOwner } from '../features/owner-labels.js';

/** What to do about something `me` wants that `current` may already own. */
export type OwnershipDecision =
  | { action: 'claim' }
  | { action: 'keep' }
  | { action: 'takeover'; previous: FeatureOwner; why: string }
  | { action: 'conflict'; winner: FeatureOwner; why: string };

/**
 * Decides ownership. `current` is the owner recorded in the cluster (undefined when none);
 * `currentLive` is '' when that owner's ClusterSummary still exists, else why it does not.
 */
export function decideOwnership(
  me: FeatureOwner,
  current: FeatureOwner | undefined,
  currentLive: string,
): OwnershipDecision {
  if (!current) return { action: 'claim' };
  if (sameOwner(me, current)) return { action: 'keep' };
  if (currentLive !== '') return { action: 'takeover', previous: current, why: currentLive };
  if (me.tier < current.tier) {
    return {
      action: 'takeover',
      previous: current,
      why: `tier ${me.tier} wins over ${describeOwner(current)}`,
    };
  }
  const rule = me.tier === current.tier ? 'first owner at equal tier keeps it' : 'lower tier wins';
  return {
    action: 'conflict',
    winner: current,
    why: `managed by ${describeOwner(current)} (${rule})`,
  };
}

/**
 * '' when `owner`'s ClusterSummary for the cluster exists, else why the owner no longer holds
 * it. Summaries live in the cluster's namespace. A summary being deleted still holds what it
 * deployed: its withdrawal is deleting it, and taking it over meanwhile would race that
 * withdrawal (the new owner's release uninstalled under it); its deletion re-queues the waiting
 * owners (summaries/summary-mappers.ts summariesAfterWithdrawal).
 */
export function ownerLiveness(
  owner: FeatureOwner,
  summaries: ObjectStore<ClusterSummary>,
  cluster: { namespace: string; name: string },
): string {
  const [ns, name] = owner.summary.includes('/')
    ? owner.summary.split('/', 2)
    : [cluster.namespace, clusterSummaryName(owner.kind, owner.name, cluster.name)];
  const summary = summaries.get(name, ns);
  if (!summary)
    return `previous owner ${describeOwner(owner)} no longer has ClusterSummary ${ns}/${name}`;
  return '';
}

/**
 * Tells the previous owner, on its ClusterSummary, that something it deployed was taken over:
 * its own status cannot change until it is reconciled again, so the Event is what an operator
 * sees on it meanwhile. Owners without a cached summary get nothing.
 */
export function notifyTakenOver(
  deps: { summaries: ObjectStore<ClusterSummary>; events: EventRecorder },
  previous: FeatureOwner,
  message: string,
): void {
  const [ns, name] = previous.summary.split('/', 2);
  const summary = ns && name ? deps.summaries.get(name, ns) : undefined;
  if (summary) deps.events.warning(summary, 'TakenOver', message);
}
