// REST paths of Kubernetes resources (`/api/v1/namespaces/NS/configmaps/NAME`,
// `/apis/GROUP/VERSION/...`) for the raw client (lib/kube-http.ts) and informers. Pure.
import type { KindInfo } from '../api/gvk.js';

/** What a path needs: group ('' for core), version, plural, scope, and the kind for objects. */
export type ResourceType = Pick<KindInfo, 'group' | 'version' | 'kind' | 'plural' | 'namespaced'>;

function core(kind: string, plural: string, namespaced: boolean): ResourceType {
  return { group: '', version: 'v1', kind, plural, namespaced };
}

export const CONFIG_MAPS = core('ConfigMap', 'configmaps', true);
export const SECRETS = core('Secret', 'secrets', true);
export const NAMESPACES = core('Namespace', 'namespaces', false);
export const EVENTS = core('Event', 'events', true);
export const LEASES: ResourceType = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  namespaced: true,
};

/** `apiVersion` of objects of this type (`v1`, `group/version`). */
export function apiVersionOf(rt: ResourceType): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** Collection path; all namespaces when `namespace` is undefined for a namespaced type. */
export function collectionPath(rt: ResourceType, namespace?: string): string {
  const root = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  const ns = rt.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${rt.plural}`;
}

/** Path of one object, optionally of a subresource (`status`). */
export function objectPath(
  rt: ResourceType,
  name: string,
  namespace?: string,
  subresource?: string,
): string {
  const base = `${collectionPath(rt, namespace)}/${encodeURIComponent(name)}`;
  return subresource ? `${base}/${subresource}` : base;
}
