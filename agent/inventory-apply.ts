// Applies what an inventory records and settles it: server-side apply of its objects (field
// manager `sveltos-agent`), deletion of the objects it recorded that the content no longer has,
// then the head marked Applied with exactly the applied refs. Shared by group Deploy and the
// re-apply at start, so both converge the same way after a crash at any step.
import { OWNER_KIND_ANNOTATION, OWNER_NAME_ANNOTATION, REASON_LABEL } from '../api/labels.js';
import { applyObjects, deleteObjects, getObject } from '../lib/apply-objects.js';
import type { ApplyTarget } from '../lib/apply-objects.js';
import type { KubeObject, ObjectRef } from '../lib/kube-client.js';
import type { Requestor } from './bundles.js';
import type { InventoryRecord, InventoryStore } from './inventory.js';

/** Field manager of every object the agent applies. */
export const AGENT_FIELD_MANAGER = 'sveltos-agent';

/**
 * Identity key of a ref. A namespaced object without namespace lives in `default`; mapping a
 * missing namespace to `default` is safe for cluster-scoped kinds too (one kind has one scope).
 */
export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace || 'default'}|${ref.name}`;
}

/** `a` without the refs `b` has. */
export function refsMinus(a: readonly ObjectRef[], b: readonly ObjectRef[]): ObjectRef[] {
  const keys = new Set(b.map(refKey));
  return a.filter((r) => !keys.has(refKey(r)));
}

/** Union of refs, first occurrence kept, order preserved. */
export function refsUnion(a: readonly ObjectRef[], b: readonly ObjectRef[]): ObjectRef[] {
  return [...a, ...refsMinus(b, a)];
}

/** Plain refs of objects (as the inventory records them). */
export function refsOf(objects: readonly (ObjectRef | KubeObject)[]): ObjectRef[] {
  return objects.map((o) => {
    const name = 'metadata' in o ? o.metadata.name : o.name;
    const namespace = 'metadata' in o ? o.metadata.namespace : o.namespace;
    return { apiVersion: o.apiVersion, kind: o.kind, name, ...(namespace ? { namespace } : {}) };
  });
}

/**
 * Applies `objects` (the record's content) and settles the record; returns the applied refs.
 * Throws ApplyError (API reason kept) when an apply or delete fails; the record then stays
 * `Applying` with every ref it had, so a later Remove still deletes everything.
 */
export async function applyRecorded(
  target: ApplyTarget,
  store: InventoryStore,
  record: InventoryRecord,
  objects: readonly KubeObject[],
): Promise<ObjectRef[]> {
  const applied = refsOf(
    await applyObjects(target, objects, {
      fieldManager: AGENT_FIELD_MANAGER,
      force: true,
      skipNamespaceCreation: record.skipNamespaceCreation,
    }),
  );
  const stale = refsMinus(record.refs, applied);
  if (stale.length > 0) await deleteOwned(target, stale, record.requestor);
  await store.mark(record, 'Applied', applied);
  return applied;
}

/** Why an object is not this requestor's to delete ('' when it is). */
export function otherOwner(obj: KubeObject, requestor: Requestor): string {
  const a = obj.metadata.annotations ?? {};
  const kind = a[OWNER_KIND_ANNOTATION];
  const name = a[OWNER_NAME_ANNOTATION];
  if (
    name !== undefined &&
    (name !== requestor.name || (kind ?? requestor.kind) !== requestor.kind)
  )
    return `owned by ${[kind, name].filter(Boolean).join(' ')}`;
  const reason = obj.metadata.labels?.[REASON_LABEL];
  if (reason !== undefined && reason !== requestor.feature) return `owned by feature ${reason}`;
  return '';
}

/**
 * Deletes the refs whose objects this requestor still owns: an object another requestor took over
 * since (its owner annotations name someone else) is left to that owner. Returns the refs deleted.
 */
export async function deleteOwned(
  target: ApplyTarget,
  refs: readonly ObjectRef[],
  requestor: Requestor,
): Promise<ObjectRef[]> {
  const owned: ObjectRef[] = [];
  for (const ref of refs) {
    const obj = await getObject(target, ref);
    if (obj && otherOwner(obj, requestor) === '') owned.push(ref);
  }
  if (owned.length > 0) await deleteObjects(target, owned);
  return owned;
}
