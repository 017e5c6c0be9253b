// Observe → classify → plan for one profile (STYLE §3): from the profile, every cluster, the
// sets it may reference and the summaries it already owns, which clusters match (with reasons)
// and which ClusterSummaries to create, update or delete. Pure; the profile reconciler executes
// the plan. Tests: matching-plan.test.ts.
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import type {
  ClusterSet,
  ClusterSummary,
  ObjectReference,
  SveltosCluster,
  SveltosSet,
} from '../../api/types/index.js';
import { jsonEqual } from '../operations/status-writer.js';
import { clusterName, decideMatch } from './matching-predicates.js';
import type { MatchDecision } from './matching-predicates.js';
import type { AnyProfile } from './profile-ref.js';
import { buildSummary } from './summary-builder.js';

export interface SummaryDeletion {
  summary: ClusterSummary;
  /** Why its cluster no longer matches. */
  reason: string;
}

export interface MatchingPlan {
  /** status.matchingClusters: sorted by namespace, then name. */
  matching: ObjectReference[];
  /** Every cluster that matched, with how it was selected. */
  decisions: Array<{ cluster: string } & MatchDecision>;
  summariesToCreate: ClusterSummary[];
  summariesToUpdate: ClusterSummary[];
  summariesToDelete: SummaryDeletion[];
  /** Matching clusters whose old summary is still being deleted: create once it is gone. */
  waitingForDeletion: string[];
}

function byNamespaceName(a: SveltosCluster, b: SveltosCluster): number {
  return clusterName(a).localeCompare(clusterName(b));
}

function clusterRef(c: SveltosCluster): ObjectReference {
  return {
    apiVersion: SVELTOS_CLUSTER.apiVersion,
    kind: SVELTOS_CLUSTER.kind,
    namespace: c.metadata.namespace ?? '',
    name: c.metadata.name ?? '',
  };
}

function summaryKey(s: ClusterSummary): string {
  return `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`;
}

/** True when the live summary lacks something the desired one sets (labels, owner, spec). */
export function summaryNeedsUpdate(live: ClusterSummary, desired: ClusterSummary): boolean {
  const labels = live.metadata.labels ?? {};
  const labelsDiffer = Object.entries(desired.metadata.labels ?? {}).some(
    ([k, v]) => labels[k] !== v,
  );
  const ownerUid = desired.metadata.ownerReferences?.[0]?.uid;
  const owned = (live.metadata.ownerReferences ?? []).some((o) => o.uid === ownerUid);
  return labelsDiffer || !owned || !jsonEqual(live.spec, desired.spec);
}

/**
 * Plans the summaries of `profile`. `existing` are the summaries it owns (by label);
 * `sets` the ClusterSets/Sets it may reference.
 */
export function planMatching(
  profile: AnyProfile,
  clusters: readonly SveltosCluster[],
  sets: readonly (ClusterSet | SveltosSet)[],
  existing: readonly ClusterSummary[],
): MatchingPlan {
  const plan: MatchingPlan = {
    matching: [],
    decisions: [],
    summariesToCreate: [],
    summariesToUpdate: [],
    summariesToDelete: [],
    waitingForDeletion: [],
  };
  const state: PlanState = {
    plan,
    live: new Map(existing.map((s) => [summaryKey(s), s])),
    wanted: new Set<string>(),
    misses: new Map<string, string>(),
  };
  for (const cluster of [...clusters].sort(byNamespaceName)) {
    considerCluster(state, profile, cluster, decideMatch(profile, cluster, sets));
  }
  plan.summariesToDelete = staleSummaries(existing, state.wanted, state.misses);
  return plan;
}

interface PlanState {
  plan: MatchingPlan;
  live: Map<string, ClusterSummary>;
  wanted: Set<string>;
  misses: Map<string, string>;
}

function considerCluster(
  state: PlanState,
  profile: AnyProfile,
  cluster: SveltosCluster,
  decision: MatchDecision,
): void {
  if (!decision.matched) {
    state.misses.set(clusterName(cluster), decision.reason);
    return;
  }
  state.plan.matching.push(clusterRef(cluster));
  state.plan.decisions.push({ cluster: clusterName(cluster), ...decision });
  const desired = buildSummary(profile, cluster);
  state.wanted.add(summaryKey(desired));
  classifyDesired(state.plan, desired, state.live.get(summaryKey(desired)));
}

function staleSummaries(
  existing: readonly ClusterSummary[],
  wanted: Set<string>,
  misses: Map<string, string>,
): SummaryDeletion[] {
  return existing
    .filter((s) => !wanted.has(summaryKey(s)) && !s.metadata.deletionTimestamp)
    .map((summary) => {
      const cluster = `${summary.spec?.clusterNamespace ?? ''}/${summary.spec?.clusterName ?? ''}`;
      return { summary, reason: misses.get(cluster) ?? 'cluster no longer exists' };
    });
}

function classifyDesired(
  plan: MatchingPlan,
  desired: ClusterSummary,
  live: ClusterSummary | undefined,
): void {
  if (!live) plan.summariesToCreate.push(desired);
  else if (live.metadata.deletionTimestamp) plan.waitingForDeletion.push(summaryKey(live));
  else if (summaryNeedsUpdate(live, desired)) plan.summariesToUpdate.push(desired);
}
