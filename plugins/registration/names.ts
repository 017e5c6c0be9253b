// Names of what `register cluster` writes, on the management cluster and in the YAML for a
// pull-mode managed cluster. Sveltos' conventions (sveltosctl, the seed blog post); the agent,
// the controller and the lab's process kubelet rely on the same strings. Pure constants.
// TODO(issue 3): switch to api/naming.ts and api/labels.ts once they land.

/** Field manager of every write the plugin makes (server-side apply owner). */
export const FIELD_MANAGER = 'kubectl-sveltos';

/** Label on namespaces `register cluster` created, so `deregister` may remove them. */
export const CREATED_BY_LABEL = 'app.kubernetes.io/created-by';
export const CREATED_BY_VALUE = 'kubectl-sveltos';

/** Labels Sveltos stamps on SveltosClusters itself; users may not set them with `--labels`. */
export const RESERVED_LABEL_KEYS: readonly string[] = [
  'projectsveltos.io/k8s-version',
  'sveltos-agent',
];

/** Secret holding a cluster's kubeconfig: `<cluster>-sveltos-kubeconfig`, key `kubeconfig`. */
export function kubeconfigSecretName(cluster: string): string {
  return `${cluster}-sveltos-kubeconfig`;
}
export const KUBECONFIG_SECRET_KEY = 'kubeconfig';

/** Namespace of the pull agent on the managed cluster. */
export const AGENT_NAMESPACE = 'projectsveltos';
/** Names of the pull agent's objects on the managed cluster (seed blog post). */
export const AGENT_NAMES = {
  serviceAccount: 'sveltos-applier-manager',
  clusterRole: 'sveltos-applier-manager-role',
  clusterRoleBinding: 'sveltos-applier-manager-rolebinding',
  service: 'sveltos-applier-metrics-service',
  deployment: 'sveltos-applier-manager',
  container: 'controller',
} as const;

/**
 * Default image of the pull agent. The lab's process kubelet runs any image whose repository
 * ends in `sveltos-agent` or `sveltos-applier` as this project's agent.
 */
export function defaultAgentImage(version: string): string {
  return `ghcr.io/sveltos-ts/sveltos-agent:${version}`;
}

/** Namespace and ServiceAccount `generate kubeconfig` uses by default (as sveltosctl). */
export const GENERATE_DEFAULT_NAMESPACE = 'projectsveltos';
export const GENERATE_DEFAULT_SERVICE_ACCOUNT = 'projectsveltos';
/** ClusterRole granting Sveltos full rights on a push-mode managed cluster. */
export const PUSH_CLUSTER_ROLE = 'projectsveltos';
