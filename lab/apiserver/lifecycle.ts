// Cross-object rules of the write path: the NamespaceLifecycle admission (no content in missing
// or terminating namespaces), CRD registration on write and cleanup on removal, and the
// removal rule (an object marked for deletion goes once its finalizers are gone).
import { establishedCrdStatus } from './crd-resources.js';
import type { ClusterRuntime, Scope } from './scope.js';
import { keyOf, nowTimestamp } from './scope.js';
import { StatusError, notFound } from './status-errors.js';
import type { KubeObject, ResourceInfo } from './types.js';

const NAMESPACES = '/namespaces';
const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';

export function isCrdResource(r: ResourceInfo): boolean {
  return keyOf(r) === CRDS;
}

export function isNamespaceResource(r: ResourceInfo): boolean {
  return keyOf(r) === NAMESPACES;
}

/** kube's NamespaceLifecycle admission for creates of namespaced objects. */
export function checkNamespaceAllowsCreate(scope: Scope, obj: KubeObject): void {
  const r = scope.resource;
  if (!r.namespaced) return;
  const ns = obj.metadata.namespace ?? '';
  const nsObj = scope.rt.store.get(NAMESPACES, undefined, ns);
  if (!nsObj) throw notFound({ group: '', resource: 'namespaces' }, ns);
  if (nsObj.metadata.deletionTimestamp) {
    const subject = `${r.group ? `${r.resource}.${r.group}` : r.resource} "${obj.metadata.name ?? ''}"`;
    throw new StatusError(
      403,
      'Forbidden',
      `${subject} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      {
        name: obj.metadata.name,
        kind: r.resource,
        ...(r.group ? { group: r.group } : {}),
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${ns} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      },
    );
  }
}

/** Sets the status a CRD carries once kube's CRD controllers have seen it. */
export function establishCrd(obj: KubeObject, old?: KubeObject): void {
  const fresh = establishedCrdStatus(obj, nowTimestamp());
  const oldStatus = old?.status as { conditions?: unknown[] } | undefined;
  obj.status = oldStatus?.conditions ? { ...fresh, conditions: oldStatus.conditions } : fresh;
}

/** True when a deletion-marked object has no finalizer left (namespaces: spec ones too). */
export function readyToRemove(r: ResourceInfo, obj: KubeObject): boolean {
  if (!obj.metadata.deletionTimestamp) return false;
  if ((obj.metadata.finalizers ?? []).length > 0) return false;
  if (isNamespaceResource(r)) {
    const spec = obj.spec as { finalizers?: string[] } | undefined;
    return (spec?.finalizers ?? []).length === 0;
  }
  return true;
}

/** Keeps the registry in step with a committed CRD write. */
export function afterCrdWrite(rt: ClusterRuntime, r: ResourceInfo, stored: KubeObject): void {
  if (isCrdResource(r)) rt.registry.registerCrd(stored);
}

/** Removes an object from the store; a CRD first takes all of its objects with it. */
export function removeObject(rt: ClusterRuntime, r: ResourceInfo, obj: KubeObject): KubeObject {
  if (isCrdResource(r)) {
    const name = obj.metadata.name ?? '';
    const served = rt.registry.crdResources(name)[0];
    if (served) {
      const key = keyOf(served);
      for (const cr of rt.store.list(key)) rt.store.remove(key, cr);
    }
    rt.registry.unregisterCrd(name);
  }
  const gone = rt.store.remove(keyOf(r), obj);
  rt.afterWrite();
  return gone;
}
