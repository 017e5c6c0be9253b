// Which features a profile spec asks for, in the order they are deployed: Helm charts first
// (they often bring the CRDs that resources need), then Resources, then Kustomize. Pure.
import type { ClusterSummary, FeatureID, Spec } from '../../api/types/index.js';

export const FEATURE_ORDER: readonly FeatureID[] = ['Helm', 'Resources', 'Kustomize'];

/** Features with something to deploy in `spec`. */
export function featuresOf(spec: Spec | undefined): FeatureID[] {
  const present: Record<FeatureID, boolean> = {
    Helm: (spec?.helmCharts ?? []).length > 0,
    Resources: (spec?.policyRefs ?? []).length > 0,
    Kustomize: (spec?.kustomizationRefs ?? []).length > 0,
  };
  return FEATURE_ORDER.filter((f) => present[f]);
}

/**
 * Features a summary must reconcile: those in its spec plus those it recorded before (a feature
 * emptied in the spec is reconciled once more so what it deployed is removed).
 */
export function featuresToReconcile(summary: ClusterSummary): FeatureID[] {
  const wanted = new Set<FeatureID>(featuresOf(summary.spec?.clusterProfileSpec));
  for (const fs of summary.status?.featureSummaries ?? []) {
    if (fs.status !== 'Removed') wanted.add(fs.featureID);
  }
  return FEATURE_ORDER.filter((f) => wanted.has(f));
}
