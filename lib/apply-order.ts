// The order in which a set of objects is applied to a cluster, as Helm installs them:
// Namespaces, then CustomResourceDefinitions (which must be established before their objects),
// then cluster-scoped kinds, then namespaced ones, each group in Helm's kind order and otherwise
// in the order given. Pure. Tests: apply-order.test.ts.
import type { KubeObject } from './kube-client.js';

/** Helm's install order of built-in kinds (pkg/release/util/kind_sorter.go). */
const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

/** Rank of a kind in Helm's order; unknown kinds (custom resources) come last. */
export function kindRank(kind: string): number {
  const index = INSTALL_ORDER.indexOf(kind);
  return index < 0 ? INSTALL_ORDER.length : index;
}

/** Stable sort by Helm's kind order. */
export function sortByKind<T extends { kind: string }>(objects: readonly T[]): T[] {
  return objects
    .map((obj, index) => ({ obj, index }))
    .sort((a, b) => kindRank(a.obj.kind) - kindRank(b.obj.kind) || a.index - b.index)
    .map((e) => e.obj);
}

export function isNamespace(obj: { apiVersion: string; kind: string }): boolean {
  return obj.apiVersion === 'v1' && obj.kind === 'Namespace';
}

export function isCrd(obj: { apiVersion: string; kind: string }): boolean {
  return (
    obj.kind === 'CustomResourceDefinition' && obj.apiVersion.startsWith('apiextensions.k8s.io/')
  );
}

/** Splits objects into the phases that must run one after the other. */
export function applyPhases(objects: readonly KubeObject[]): {
  namespaces: KubeObject[];
  crds: KubeObject[];
  others: KubeObject[];
} {
  return {
    namespaces: objects.filter(isNamespace),
    crds: objects.filter(isCrd),
    others: objects.filter((o) => !isNamespace(o) && !isCrd(o)),
  };
}

/**
 * Orders the remaining objects once their scope is known: cluster-scoped first, then
 * namespaced, each by kind. `namespaced` answers for every object, in the same order.
 */
export function orderByScope(
  objects: readonly KubeObject[],
  namespaced: readonly boolean[],
): KubeObject[] {
  const cluster = objects.filter((_, i) => !namespaced[i]);
  const spaced = objects.filter((_, i) => namespaced[i]);
  return [...sortByKind(cluster), ...sortByKind(spaced)];
}

/** Namespaces the namespaced objects need that the set does not itself create, sorted. */
export function namespacesToEnsure(
  objects: readonly KubeObject[],
  explicit: readonly KubeObject[],
): string[] {
  const created = new Set(explicit.map((n) => n.metadata.name));
  const needed = new Set<string>();
  for (const obj of objects) {
    const ns = obj.metadata.namespace;
    if (ns && !created.has(ns)) needed.add(ns);
  }
  return [...needed].sort();
}

/** `Deployment kyverno/kyverno` or `ClusterRole admin`: how objects are named in messages. */
export function describeObject(ref: {
  kind: string;
  name: string;
  namespace?: string | undefined;
}): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
