// The built-in resources the lab's controllers and kubelet read and write, as GroupVersionResources,
// plus small helpers to name and key objects. Pure constants: no I/O.
import type { GroupVersionResource, KubeObject } from '../apiserver/types.js';

export const NAMESPACES: GroupVersionResource = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
};
export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
export const CONFIGMAPS: GroupVersionResource = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
};
export const SECRETS: GroupVersionResource = { group: '', version: 'v1', resource: 'secrets' };
export const SERVICEACCOUNTS: GroupVersionResource = {
  group: '',
  version: 'v1',
  resource: 'serviceaccounts',
};
export const DEPLOYMENTS: GroupVersionResource = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
};
export const REPLICASETS: GroupVersionResource = {
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
};
export const STATEFULSETS: GroupVersionResource = {
  group: 'apps',
  version: 'v1',
  resource: 'statefulsets',
};
export const DAEMONSETS: GroupVersionResource = {
  group: 'apps',
  version: 'v1',
  resource: 'daemonsets',
};
export const CRDS: GroupVersionResource = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
};

/** `namespace/name` (or `name` for cluster-scoped objects): the work-queue key of an object. */
export function objectKey(obj: KubeObject): string {
  const { namespace, name } = obj.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

/** Splits a key made by {@link objectKey}. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: '', name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** `apps/deployments` or `configmaps`: identifies a resource across versions. */
export function groupResource(gvr: { group: string; resource: string }): string {
  return gvr.group ? `${gvr.group}/${gvr.resource}` : gvr.resource;
}

/** The `apiVersion` string of a group and version (`v1`, `apps/v1`). */
export function apiVersionOf(gvr: { group: string; version: string }): string {
  return gvr.group ? `${gvr.group}/${gvr.version}` : gvr.version;
}
