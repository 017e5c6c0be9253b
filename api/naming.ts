// Names Sveltos derives deterministically: ClusterSummaries, kubeconfig Secrets and their keys,
// the pull-mode objects on both sides, ConfigurationGroup/Bundle names, and finalizers. Taken
// from addon-controller `lib/clusterops`, libsveltos `lib/clusterproxy` and `lib/pullmode`, and
// sveltosctl `onboard/pullmode.go`. Pure; tests in naming.test.ts.
import type { ClusterType, ProfileKind } from './types/index.js';

/** `capi` or `sveltos`: how a cluster type appears inside derived names. */
export function clusterTypePrefix(clusterType: ClusterType): 'capi' | 'sveltos' {
  return clusterType === 'Sveltos' ? 'sveltos' : 'capi';
}

/**
 * Name of the ClusterSummary a profile owns for one cluster: `<profile>-<prefix>-<cluster>`
 * for a ClusterProfile (kept for backward compatibility), `p--<profile>-<prefix>-<cluster>` for
 * a Profile, where prefix is `sveltos` or `capi`. E.g. `deploy-kyverno-sveltos-cluster02`.
 */
export function clusterSummaryName(
  profileKind: ProfileKind,
  profileName: string,
  clusterName: string,
  clusterType: ClusterType = 'Sveltos',
): string {
  const base = `${profileName}-${clusterTypePrefix(clusterType)}-${clusterName}`;
  return profileKind === 'ClusterProfile' ? base : `p--${base}`;
}

/** Value of the `projectsveltos.io/clustersummary` annotation: `<prefix>-<namespace>-<name>`. */
export function clusterSummaryAnnotationValue(
  clusterType: ClusterType,
  clusterNamespace: string,
  clusterName: string,
): string {
  return `${clusterTypePrefix(clusterType)}-${clusterNamespace}-${clusterName}`;
}

// --- Kubeconfig Secrets -----------------------------------------------------------------------

/** Secret with a SveltosCluster's kubeconfig, unless `spec.kubeconfigName` says otherwise. */
export function kubeconfigSecretName(clusterName: string): string {
  return `${clusterName}-sveltos-kubeconfig`;
}

/** Secret with a Cluster API cluster's kubeconfig (written by CAPI). */
export function capiKubeconfigSecretName(clusterName: string): string {
  return `${clusterName}-kubeconfig`;
}

/** Data key the kubeconfig is written under by `register cluster` (and sveltosctl). */
export const KUBECONFIG_SECRET_KEY = 'kubeconfig';

/** Data key a renewed kubeconfig goes to when tokenRequestRenewalOption names none. */
export const RENEWED_KUBECONFIG_SECRET_KEY = 're-kubeconfig';

/** Sveltos registers the management cluster itself as SveltosCluster mgmt/mgmt. */
export const MANAGEMENT_CLUSTER = { namespace: 'mgmt', name: 'mgmt' } as const;

// --- Pull mode: the managed cluster -----------------------------------------------------------

/** Namespace of the pull agent in a managed cluster. */
export const AGENT_NAMESPACE = 'projectsveltos';

/** Objects `register cluster --pullmode` prints for the managed cluster (sveltos-applier). */
export const AGENT_OBJECT_NAMES = {
  serviceAccount: 'sveltos-applier-manager',
  clusterRole: 'sveltos-applier-manager-role',
  clusterRoleBinding: 'sveltos-applier-manager-rolebinding',
  service: 'sveltos-applier-metrics-service',
  deployment: 'sveltos-applier-manager',
  container: 'controller',
} as const;

/**
 * Arguments identifying the cluster to its agent, as sveltosctl writes them; the agent reads
 * its management-cluster kubeconfig from Secret `<cluster>-sveltos-kubeconfig` in its namespace.
 */
export function pullAgentArgs(clusterNamespace: string, clusterName: string): string[] {
  return [
    `--cluster-namespace=${clusterNamespace}`,
    `--cluster-name=${clusterName}`,
    '--cluster-type=sveltos',
    `--secret-with-kubeconfig=${kubeconfigSecretName(clusterName)}`,
  ];
}

// --- Pull mode: the management cluster --------------------------------------------------------

/**
 * Names of what registration creates for a pull-mode cluster on the management cluster: a
 * ServiceAccount, its token Secret, Role and RoleBinding named after the cluster in its
 * namespace, and a ClusterRole/ClusterRoleBinding `<namespace>-<cluster>`.
 */
export function pullModeManagementNames(
  clusterNamespace: string,
  clusterName: string,
): {
  serviceAccount: string;
  tokenSecret: string;
  role: string;
  roleBinding: string;
  clusterRole: string;
  clusterRoleBinding: string;
} {
  const clusterWide = `${clusterNamespace}-${clusterName}`;
  return {
    serviceAccount: clusterName,
    tokenSecret: clusterName,
    role: clusterName,
    roleBinding: clusterName,
    clusterRole: clusterWide,
    clusterRoleBinding: clusterWide,
  };
}

/** Prefix of ConfigurationGroup and ConfigurationBundle names. */
export const CONFIG_OBJECT_NAME_PREFIX = 'config-';
const CONFIG_NAME_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';
const CONFIG_NAME_RANDOM_LENGTH = 20;

/**
 * A fresh ConfigurationGroup/ConfigurationBundle name, `config-` plus 20 characters of
 * [0-9a-z] as Sveltos draws them. `random` returns numbers in [0, 1) (Math.random by default).
 */
export function configObjectName(random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < CONFIG_NAME_RANDOM_LENGTH; i++) {
    const index = Math.floor(random() * CONFIG_NAME_CHARS.length) % CONFIG_NAME_CHARS.length;
    suffix += CONFIG_NAME_CHARS.charAt(index);
  }
  return `${CONFIG_OBJECT_NAME_PREFIX}${suffix}`;
}

// --- Finalizers -------------------------------------------------------------------------------

export const CLUSTER_PROFILE_FINALIZER = 'clusterprofilefinalizer.projectsveltos.io';
export const PROFILE_FINALIZER = 'profilefinalizer.projectsveltos.io';
export const CLUSTER_SUMMARY_FINALIZER = 'clustersummaryfinalizer.projectsveltos.io';
export const CLUSTER_SET_FINALIZER = 'clustersetfinalizer.projectsveltos.io';
export const SET_FINALIZER = 'setfinalizer.projectsveltos.io';
