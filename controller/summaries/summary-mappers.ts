// Related object → ClusterSummary keys, from the caches: a cluster change goes to the summaries
// deployed to it, a ConfigMap/Secret change to the summaries whose policyRefs or valuesFrom
// reference it (namespace defaulted as Sveltos does: empty → the cluster's namespace for a
// ClusterProfile; a Profile reads its own namespace), the Helm mirror ConfigMap to every summary
// with Helm charts.
import type { ClusterSummary, SveltosCluster } from '../../api/types/index.js';
import type { ObjectStore } from '../../lib/informer.js';
import { PROFILE_NAME_LABEL } from '../../api/labels.js';

export function summaryKey(s: ClusterSummary): string {
  return `${s.metadata.namespace ?? ''}/${s.metadata.name ?? ''}`;
}

/** Keys of the summaries deployed to `cluster`. */
export function summariesForCluster(
  summaries: ObjectStore<ClusterSummary>,
  cluster: SveltosCluster,
): string[] {
  return summaries
    .list(cluster.metadata.namespace ?? '')
    .filter((s) => s.spec?.clusterName === cluster.metadata.name)
    .map(summaryKey);
}

/** A ConfigMap or Secret by kind, namespace and name. */
export interface SourceRef {
  kind: 'ConfigMap' | 'Secret';
  namespace: string;
  name: string;
}

interface RawRef {
  kind?: string;
  name?: string;
  namespace?: string;
}

function referencedSources(s: ClusterSummary): RawRef[] {
  const spec = s.spec?.clusterProfileSpec;
  return [
    ...(spec?.policyRefs ?? []),
    ...(spec?.helmCharts ?? []).flatMap((c) => c.valuesFrom ?? []),
  ];
}

/** True when summary `s` references `source`. */
export function referencesSource(s: ClusterSummary, source: SourceRef): boolean {
  const ownNamespace = s.metadata.labels?.[PROFILE_NAME_LABEL] !== undefined;
  const fallback = ownNamespace ? (s.metadata.namespace ?? '') : (s.spec?.clusterNamespace ?? '');
  return referencedSources(s).some(
    (r) =>
      (r.kind ?? 'ConfigMap') === source.kind &&
      r.name === source.name &&
      (ownNamespace ? fallback : r.namespace || fallback) === source.namespace,
  );
}

/** Keys of the summaries that read `source`. */
export function summariesForSource(
  summaries: ObjectStore<ClusterSummary>,
  source: SourceRef,
): string[] {
  return summaries
    .list()
    .filter((s) => referencesSource(s, source))
    .map(summaryKey);
}

/** Keys of every summary with Helm charts (the Helm mirror ConfigMap changed). */
export function summariesWithHelm(summaries: ObjectStore<ClusterSummary>): string[] {
  return summaries
    .list()
    .filter((s) => (s.spec?.clusterProfileSpec?.helmCharts ?? []).length > 0)
    .map(summaryKey);
}

/** True when the summary lost a release to another owner or has a failing feature. */
function waitsForOwnership(s: ClusterSummary): boolean {
  const failing = (s.status?.featureSummaries ?? []).some(
    (f) => f.status === 'Failed' || f.status === 'FailedNonRetriable',
  );
  return failing || (s.status?.helmReleaseSummaries ?? []).some((h) => h.status === 'Conflict');
}

/**
 * Keys of the other summaries of `gone`'s cluster that lost a conflict (or are failing), to
 * reconcile now that `gone` was deleted: what it withdrew may now be theirs to take, and their
 * retry backoff may otherwise hold them back for minutes.
 */
export function summariesAfterWithdrawal(
  summaries: ObjectStore<ClusterSummary>,
  gone: ClusterSummary,
): string[] {
  const cluster = gone.spec?.clusterName;
  return summaries
    .list(gone.metadata.namespace ?? '')
    .filter(
      (s) =>
        s.metadata.name !== gone.metadata.name &&
        s.spec?.clusterName === cluster &&
        waitsForOwnership(s),
    )
    .map(summaryKey);
}

/**
 * True when a feature's recorded hash was removed since `old`: another profile took over
 * something the summary deployed (controller/push/previous-owner.ts), so it must reconcile again
 * even though only its status changed.
 */
export function featureHashReset(s: ClusterSummary, old: ClusterSummary | undefined): boolean {
  const now = new Map((s.status?.featureSummaries ?? []).map((f) => [f.featureID, f.hash]));
  return (old?.status?.featureSummaries ?? []).some(
    (f) => !!f.hash && now.has(f.featureID) && !now.get(f.featureID),
  );
}
