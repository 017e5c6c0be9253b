// Group, version, kind and resource names of every Sveltos kind this project serves, exactly as
// Sveltos v1beta1 registers them. The CRDs in manifests/crds are generated from these, so a
// client, a CRD and a test can never disagree on a plural or a scope. Pure constants.

export const CONFIG_GROUP = 'config.projectsveltos.io';
export const LIB_GROUP = 'lib.projectsveltos.io';
export const API_VERSION = 'v1beta1';

/** Everything needed to address one kind: REST path parts, CRD names and scope. */
export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Resource name in URLs and in `kubectl get`. */
  plural: string;
  singular: string;
  namespaced: boolean;
  /** `group/version`, the value of `apiVersion` in objects. */
  apiVersion: string;
  /** `<plural>.<group>`: the name of the CRD. */
  crdName: string;
}

function kindInfo(group: string, kind: string, plural: string, namespaced: boolean): KindInfo {
  return {
    group,
    version: API_VERSION,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    apiVersion: `${group}/${API_VERSION}`,
    crdName: `${plural}.${group}`,
  };
}

/** A managed cluster registered with Sveltos (namespaced). */
export const SVELTOS_CLUSTER = kindInfo(LIB_GROUP, 'SveltosCluster', 'sveltosclusters', true);

/** Add-ons for clusters of any namespace (cluster-scoped). */
export const CLUSTER_PROFILE = kindInfo(CONFIG_GROUP, 'ClusterProfile', 'clusterprofiles', false);

/** Add-ons for clusters of its own namespace (namespaced). */
export const PROFILE = kindInfo(CONFIG_GROUP, 'Profile', 'profiles', true);

/** One per (profile, cluster), in the cluster's namespace. */
export const CLUSTER_SUMMARY = kindInfo(CONFIG_GROUP, 'ClusterSummary', 'clustersummaries', true);

/** Pull mode: what one requestor wants deployed in one cluster, in the cluster's namespace. */
export const CONFIGURATION_GROUP = kindInfo(
  LIB_GROUP,
  'ConfigurationGroup',
  'configurationgroups',
  true,
);

/** Pull mode: a batch of rendered objects referenced by a ConfigurationGroup. */
export const CONFIGURATION_BUNDLE = kindInfo(
  LIB_GROUP,
  'ConfigurationBundle',
  'configurationbundles',
  true,
);

/** A pool of clusters ClusterProfiles pick from (cluster-scoped). */
export const CLUSTER_SET = kindInfo(LIB_GROUP, 'ClusterSet', 'clustersets', false);

/** A pool of clusters Profiles of the same namespace pick from (namespaced). */
export const SET = kindInfo(LIB_GROUP, 'Set', 'sets', true);

/** Every kind, in the order CRDs are listed. */
export const ALL_KINDS: readonly KindInfo[] = [
  SVELTOS_CLUSTER,
  CLUSTER_PROFILE,
  PROFILE,
  CLUSTER_SUMMARY,
  CONFIGURATION_GROUP,
  CONFIGURATION_BUNDLE,
  CLUSTER_SET,
  SET,
];

/** The KindInfo for `apiVersion` + `kind`, or undefined when it is not a Sveltos kind we serve. */
export function findKind(apiVersion: string, kind: string): KindInfo | undefined {
  return ALL_KINDS.find((k) => k.apiVersion === apiVersion && k.kind === kind);
}
