// Maps watched objects to the work-queue keys of the workloads that control them (a Pod to its
// ReplicaSet, a ReplicaSet to its Deployment), so a change below wakes the owner's reconcile.
import type { KubeObject } from '../apiserver/types.js';
import { objectKey } from './gvrs.js';

/** The object's own `namespace/name` key. */
export function selfKey(obj: KubeObject): string[] {
  return [objectKey(obj)];
}

/** A mapper to the `namespace/name` key of the controller of the given kind, if any. */
export function controllerKeyOfKind(kind: string): (obj: KubeObject) => string[] {
  return (obj) => {
    const ref = (obj.metadata.ownerReferences ?? []).find(
      (r) => r.controller === true && r.kind === kind,
    );
    if (!ref) return [];
    const ns = obj.metadata.namespace;
    return [ns ? `${ns}/${ref.name}` : ref.name];
  };
}
