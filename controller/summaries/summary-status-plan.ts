// The next ClusterSummary status from the current one and what this reconcile did per feature:
// featureSummaries in deploy order, helmReleaseSummaries replaced when the Helm feature was
// delivered, and deployedGVKs mirrored from the features. Pure; written once at the end of a
// reconcile by the status writer. Tests: summary-status-plan.test.ts.
import type {
  ClusterSummaryStatus,
  FeatureDeploymentInfo,
  FeatureSummary,
  HelmChartSummary,
} from '../../api/types/index.js';
import { FEATURE_ORDER } from './feature-list.js';

/** What one reconcile changed; features it did not touch keep their recorded summary. */
export interface StatusChanges {
  features: FeatureSummary[];
  /** Set when the Helm feature was delivered or withdrawn. */
  helmReleaseSummaries?: HelmChartSummary[] | undefined;
}

function byFeatureOrder(a: FeatureSummary, b: FeatureSummary): number {
  return FEATURE_ORDER.indexOf(a.featureID) - FEATURE_ORDER.indexOf(b.featureID);
}

export function planSummaryStatus(
  current: ClusterSummaryStatus | undefined,
  changes: StatusChanges,
): ClusterSummaryStatus {
  const merged = new Map((current?.featureSummaries ?? []).map((f) => [f.featureID, f]));
  for (const f of changes.features) merged.set(f.featureID, f);
  const featureSummaries = [...merged.values()].sort(byFeatureOrder);
  const next: ClusterSummaryStatus = { ...current };
  if (featureSummaries.length > 0) next.featureSummaries = featureSummaries;
  else delete next.featureSummaries;
  if (changes.helmReleaseSummaries !== undefined) {
    if (changes.helmReleaseSummaries.length > 0)
      next.helmReleaseSummaries = changes.helmReleaseSummaries;
    else delete next.helmReleaseSummaries;
  }
  const gvks: FeatureDeploymentInfo[] = featureSummaries
    .filter((f) => (f.deployedGroupVersionKind ?? []).length > 0)
    .map((f) => ({ featureID: f.featureID, deployedGroupVersionKind: f.deployedGroupVersionKind }));
  if (gvks.length > 0) next.deployedGVKs = gvks;
  else delete next.deployedGVKs;
  return next;
}
