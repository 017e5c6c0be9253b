// The ClusterSummary a profile owns for one cluster, exactly as Sveltos writes it: name
// `<profile>-sveltos-<cluster>` (`p--…` for a Profile), in the cluster's namespace, labelled with
// the profile, cluster and cluster type, owned by the profile, spec copying the profile spec.
// Pure; the profile reconciler applies it. Tests: matching-plan.test.ts.
import { CLUSTER_SUMMARY } from '../../api/gvk.js';
import {
  CLUSTER_NAME_LABEL,
  CLUSTER_PROFILE_NAME_LABEL,
  CLUSTER_TYPE_LABEL,
  PROFILE_NAME_LABEL,
  SERVICE_ACCOUNT_NAMESPACE_LABEL,
  SERVICE_ACCOUNT_NAME_LABEL,
} from '../../api/labels.js';
import { clusterSummaryName } from '../../api/naming.js';
import type { OwnerReference } from '../../api/kube-types.js';
import type { ClusterSummary, SveltosCluster } from '../../api/types/index.js';
import type { AnyProfile, ProfileRef } from './profile-ref.js';

/** The label naming a summary's owner profile, by profile kind. */
export function ownerLabel(kind: ProfileRef['kind']): string {
  return kind === 'ClusterProfile' ? CLUSTER_PROFILE_NAME_LABEL : PROFILE_NAME_LABEL;
}

/** The profile that owns a summary, read from its labels (undefined if it has none). */
export function ownerOfSummary(summary: ClusterSummary): ProfileRef | undefined {
  const labels = summary.metadata.labels ?? {};
  const clusterProfile = labels[CLUSTER_PROFILE_NAME_LABEL];
  if (clusterProfile) return { kind: 'ClusterProfile', name: clusterProfile };
  const profile = labels[PROFILE_NAME_LABEL];
  if (profile)
    return { kind: 'Profile', name: profile, namespace: summary.metadata.namespace ?? '' };
  return undefined;
}

function summaryLabels(profile: AnyProfile, cluster: SveltosCluster): Record<string, string> {
  const labels: Record<string, string> = {
    [ownerLabel(profile.kind)]: profile.metadata.name ?? '',
    [CLUSTER_NAME_LABEL]: cluster.metadata.name ?? '',
    [CLUSTER_TYPE_LABEL]: 'Sveltos',
  };
  // A tenant's profile carries its admin ServiceAccount; Sveltos copies it to the summaries.
  for (const key of [SERVICE_ACCOUNT_NAME_LABEL, SERVICE_ACCOUNT_NAMESPACE_LABEL]) {
    const value = profile.metadata.labels?.[key];
    if (value) labels[key] = value;
  }
  return labels;
}

function ownerReference(profile: AnyProfile): OwnerReference {
  return {
    apiVersion: profile.apiVersion,
    kind: profile.kind,
    name: profile.metadata.name ?? '',
    uid: profile.metadata.uid ?? '',
  };
}

/** The desired ClusterSummary of `profile` for `cluster`. */
export function buildSummary(profile: AnyProfile, cluster: SveltosCluster): ClusterSummary {
  return {
    apiVersion: CLUSTER_SUMMARY.apiVersion as ClusterSummary['apiVersion'],
    kind: 'ClusterSummary',
    metadata: {
      name: clusterSummaryName(
        profile.kind,
        profile.metadata.name ?? '',
        cluster.metadata.name ?? '',
      ),
      namespace: cluster.metadata.namespace ?? '',
      labels: summaryLabels(profile, cluster),
      ownerReferences: [ownerReference(profile)],
    },
    spec: {
      clusterNamespace: cluster.metadata.namespace ?? '',
      clusterName: cluster.metadata.name ?? '',
      clusterType: 'Sveltos',
      clusterProfileSpec: profile.spec ?? {},
    },
  };
}
