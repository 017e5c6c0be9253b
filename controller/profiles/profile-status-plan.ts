// A profile's status from its matching clusters and the ClusterSummaries it owns: which
// clusters are updated (every feature Provisioned), updating, or failed (with the feature and its
// message). Other status fields are kept. Pure; written by the profile reconciler through the
// status writer (only when it changed). Tests: profile-status-plan.test.ts.
import type {
  ClusterSummary,
  FailedCluster,
  ObjectReference,
  Status,
} from '../../api/types/index.js';
import { featuresOf } from '../summaries/feature-list.js';

export type SummaryProgress =
  | { state: 'updated' }
  | { state: 'updating'; reason: string }
  | { state: 'failed'; failureMessage: string };

/** Where one summary stands across the features its spec asks for. */
export function summaryProgress(summary: ClusterSummary | undefined): SummaryProgress {
  if (!summary) return { state: 'updating', reason: 'ClusterSummary not created yet' };
  if (summary.metadata.deletionTimestamp)
    return { state: 'updating', reason: 'ClusterSummary is being deleted' };
  const recorded = summary.status?.featureSummaries ?? [];
  const failures = recorded
    .filter((f) => f.status === 'Failed' || f.status === 'FailedNonRetriable')
    .map((f) => `${f.featureID}: ${f.failureMessage ?? f.status ?? ''}`);
  if (failures.length > 0) return { state: 'failed', failureMessage: failures.join('; ') };
  const pending = featuresOf(summary.spec?.clusterProfileSpec).filter(
    (feature) => recorded.find((f) => f.featureID === feature)?.status !== 'Provisioned',
  );
  if (pending.length > 0)
    return { state: 'updating', reason: `${pending.join(', ')} not provisioned yet` };
  return { state: 'updated' };
}

function refKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** The next status of a profile (unset lists are omitted, as Sveltos' omitempty does). */
export function planProfileStatus(
  current: Status | undefined,
  matching: readonly ObjectReference[],
  summaries: readonly ClusterSummary[],
): Status {
  const byCluster = new Map(
    summaries.map((s) => [refKey(s.spec?.clusterNamespace, s.spec?.clusterName), s]),
  );
  const updated: ObjectReference[] = [];
  const updating: ObjectReference[] = [];
  const failed: FailedCluster[] = [];
  for (const ref of matching) {
    const progress = summaryProgress(byCluster.get(refKey(ref.namespace, ref.name)));
    if (progress.state === 'updated') updated.push(ref);
    else if (progress.state === 'updating') updating.push(ref);
    else failed.push({ clusterRef: ref, failureMessage: progress.failureMessage });
  }
  const next: Status = { ...current };
  setOrDelete(next, 'matchingClusters', matching.length ? [...matching] : undefined);
  setOrDelete(next, 'updatedClusters', updated.length ? { clusters: updated } : undefined);
  setOrDelete(next, 'updatingClusters', updating.length ? { clusters: updating } : undefined);
  setOrDelete(next, 'failedClusters', failed.length ? failed : undefined);
  return next;
}

function setOrDelete<K extends keyof Status>(
  status: Status,
  key: K,
  value: Status[K] | undefined,
): void {
  if (value === undefined) delete status[key];
  else status[key] = value;
}
