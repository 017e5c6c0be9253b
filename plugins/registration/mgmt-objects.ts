// The objects `register cluster` writes on the management cluster, as pure builders: the
// cluster namespace, the SveltosCluster, the push-mode kubeconfig Secret, and for pull mode the
// agent's ServiceAccount, its long-lived token Secret and a Role/RoleBinding granting exactly
// what the agent needs in its own namespace. Pure; tests in mgmt-objects.test.ts.
import { CONFIGURATION_BUNDLE, CONFIGURATION_GROUP, SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { KubeObject } from '../../lib/kube-client.js';
import {
  CREATED_BY_LABEL,
  CREATED_BY_VALUE,
  KUBECONFIG_SECRET_KEY,
  kubeconfigSecretName,
} from './names.js';

/** Which cluster is registered, and how. */
export interface ClusterIdentity {
  namespace: string;
  name: string;
}

const RBAC = 'rbac.authorization.k8s.io/v1';

/** The cluster namespace, marked as created by the plugin. */
export function clusterNamespace(namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, labels: { [CREATED_BY_LABEL]: CREATED_BY_VALUE } },
  };
}

/** The SveltosCluster; pull mode sets `spec.pullMode: true` (immutable once created). */
export function sveltosCluster(
  id: ClusterIdentity,
  labels: Record<string, string>,
  pullMode: boolean,
): KubeObject {
  return {
    apiVersion: SVELTOS_CLUSTER.apiVersion,
    kind: SVELTOS_CLUSTER.kind,
    metadata: { name: id.name, namespace: id.namespace, labels: { ...labels } },
    spec: pullMode ? { pullMode: true } : {},
  };
}

/** Push mode: Secret `<cluster>-sveltos-kubeconfig` with the managed cluster's kubeconfig. */
export function kubeconfigSecret(id: ClusterIdentity, kubeconfigYaml: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: kubeconfigSecretName(id.name), namespace: id.namespace },
    type: 'Opaque',
    data: { [KUBECONFIG_SECRET_KEY]: Buffer.from(kubeconfigYaml, 'utf8').toString('base64') },
  };
}

/** Pull mode: the agent's identity on the management cluster, named after the cluster. */
export function agentServiceAccount(id: ClusterIdentity): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: id.name, namespace: id.namespace },
  };
}

/** Pull mode: a long-lived token Secret the token controller fills for the agent's ServiceAccount. */
export function agentTokenSecret(id: ClusterIdentity): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: id.name,
      namespace: id.namespace,
      annotations: { 'kubernetes.io/service-account.name': id.name },
    },
    type: 'kubernetes.io/service-account-token',
  };
}

/**
 * Pull mode: the agent may read and watch its ConfigurationGroups and ConfigurationBundles,
 * write ConfigurationGroup status, and read/update its own SveltosCluster and its status —
 * all in its own namespace only, and never Secrets.
 */
export function agentRole(id: ClusterIdentity): KubeObject {
  const group = SVELTOS_CLUSTER.group;
  return {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: id.name, namespace: id.namespace },
    rules: [
      {
        apiGroups: [group],
        resources: [CONFIGURATION_GROUP.plural, CONFIGURATION_BUNDLE.plural],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: [group],
        resources: [`${CONFIGURATION_GROUP.plural}/status`],
        verbs: ['update', 'patch'],
      },
      {
        apiGroups: [group],
        resources: [SVELTOS_CLUSTER.plural, `${SVELTOS_CLUSTER.plural}/status`],
        resourceNames: [id.name],
        verbs: ['get', 'update', 'patch'],
      },
    ],
  };
}

/** Pull mode: binds the agent's Role to its ServiceAccount. */
export function agentRoleBinding(id: ClusterIdentity): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: id.name, namespace: id.namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: id.name },
    subjects: [{ kind: 'ServiceAccount', name: id.name, namespace: id.namespace }],
  };
}

/** Everything register writes on the management cluster, in write order (namespace first). */
export function managementObjects(input: {
  id: ClusterIdentity;
  labels: Record<string, string>;
  pullMode: boolean;
  kubeconfigYaml?: string;
}): KubeObject[] {
  const { id } = input;
  const cluster = sveltosCluster(id, input.labels, input.pullMode);
  if (!input.pullMode) {
    return [
      clusterNamespace(id.namespace),
      kubeconfigSecret(id, input.kubeconfigYaml ?? ''),
      cluster,
    ];
  }
  return [
    clusterNamespace(id.namespace),
    agentServiceAccount(id),
    agentTokenSecret(id),
    agentRole(id),
    agentRoleBinding(id),
    cluster,
  ];
}
