// The YAML `register cluster --pullmode` prints for the managed cluster: the pull agent's
// namespace, identity, rights, metrics Service and Deployment, and the Secret holding its
// kubeconfig for the management cluster. Document order is the seed blog post's `kubectl apply`
// order and must not change. Pure; tests in pull-manifests.test.ts.
import type { KubeObject } from '../../lib/kube-client.js';
import {
  AGENT_NAMES,
  AGENT_NAMESPACE,
  KUBECONFIG_SECRET_KEY,
  kubeconfigSecretName,
  pullAgentArgs,
} from './names.js';

/** What the managed cluster's agent must know. */
export interface PullManifestInput {
  clusterNamespace: string;
  clusterName: string;
  image: string;
  /** Kubeconfig (YAML) for the management cluster; ends up base64-encoded in a Secret. */
  managementKubeconfig: string;
}

const SELECTOR = { 'control-plane': 'sveltos-applier' };
const COMMON_LABELS = {
  'app.kubernetes.io/name': 'sveltos-applier',
  'app.kubernetes.io/part-of': 'sveltos-ts',
};
const METRICS_PORT = 8443;

/** Namespace, ServiceAccount, ClusterRole, ClusterRoleBinding, Service, Deployment, Secret — in that order. */
export function pullManifests(input: PullManifestInput): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: AGENT_NAMESPACE } },
    namespaced('v1', 'ServiceAccount', AGENT_NAMES.serviceAccount),
    agentClusterRole(),
    agentClusterRoleBinding(),
    metricsService(),
    agentDeployment(input),
    agentKubeconfigSecret(input),
  ];
}

/** Headers of the managed-cluster objects in safe deletion order (reverse of creation). */
export function pullManifestRefs(clusterName: string): KubeObject[] {
  return pullManifests({
    clusterNamespace: '',
    clusterName,
    image: '',
    managementKubeconfig: '',
  })
    .map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { ...o.metadata } }))
    .reverse();
}

function namespaced(apiVersion: string, kind: string, name: string): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: AGENT_NAMESPACE } };
}

/** The agent applies arbitrary add-ons, so on its own cluster it needs every right. */
function agentClusterRole(): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: AGENT_NAMES.clusterRole },
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  };
}

function agentClusterRoleBinding(): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: AGENT_NAMES.clusterRoleBinding },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: AGENT_NAMES.clusterRole,
    },
    subjects: [
      { kind: 'ServiceAccount', name: AGENT_NAMES.serviceAccount, namespace: AGENT_NAMESPACE },
    ],
  };
}

function metricsService(): KubeObject {
  return {
    ...namespaced('v1', 'Service', AGENT_NAMES.service),
    spec: {
      selector: { ...SELECTOR },
      ports: [{ name: 'metrics', port: METRICS_PORT, protocol: 'TCP', targetPort: METRICS_PORT }],
    },
  };
}

function agentDeployment(input: PullManifestInput): KubeObject {
  const deployment = namespaced('apps/v1', 'Deployment', AGENT_NAMES.deployment);
  deployment.metadata.labels = { ...COMMON_LABELS, ...SELECTOR };
  return {
    ...deployment,
    spec: {
      replicas: 1,
      selector: { matchLabels: { ...SELECTOR } },
      template: {
        metadata: { labels: { ...COMMON_LABELS, ...SELECTOR } },
        spec: {
          serviceAccountName: AGENT_NAMES.serviceAccount,
          containers: [
            {
              name: AGENT_NAMES.container,
              image: input.image,
              args: agentArgs(input),
              ports: [{ name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' }],
            },
          ],
        },
      },
    },
  };
}

/** The agent's flags, as Sveltos' sveltos-applier takes them. */
export function agentArgs(
  input: Pick<PullManifestInput, 'clusterNamespace' | 'clusterName'>,
): string[] {
  return pullAgentArgs(input.clusterNamespace, input.clusterName);
}

function agentKubeconfigSecret(input: PullManifestInput): KubeObject {
  return {
    ...namespaced('v1', 'Secret', kubeconfigSecretName(input.clusterName)),
    type: 'Opaque',
    data: {
      [KUBECONFIG_SECRET_KEY]: Buffer.from(input.managementKubeconfig, 'utf8').toString('base64'),
    },
  };
}
