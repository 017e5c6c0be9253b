// Names of what the plugin writes that are the plugin's own (field manager, created-by label,
// default agent image, `generate kubeconfig` defaults). Sveltos' shared names (kubeconfig Secret,
// agent objects and args, reserved labels) come from api/naming.ts and api/labels.ts.
export { RESERVED_CLUSTER_LABELS as RESERVED_LABEL_KEYS } from '../../api/labels.js';
export {
  AGENT_NAMESPACE,
  AGENT_OBJECT_NAMES as AGENT_NAMES,
  KUBECONFIG_SECRET_KEY,
  kubeconfigSecretName,
  pullAgentArgs,
} from '../../api/naming.js';

/** Field manager of every write the plugin makes (server-side apply owner). */
export const FIELD_MANAGER = 'kubectl-sveltos';

/** Label on namespaces `register cluster` created, so `deregister` may remove them. */
export const CREATED_BY_LABEL = 'app.kubernetes.io/created-by';
export const CREATED_BY_VALUE = 'kubectl-sveltos';

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
