// Applies what an inventory records and settles it: server-side apply of its objects (field
// manager `sveltos-agent`), deletion of the objects it recorded that the content no longer has,
// then the head marked Applied with exactly the applied refs. Shared by group Deploy and the
// re-apply at start, so both converge the same way after a crash at any step.
import { applyObjects, deleteObjects } from '../lib/apply-objects.js';
import type { ApplyTarget } from '../lib/apply-objects.js';
import type { KubeObject, ObjectRef } from '../lib/kube-client.js';
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
  if (stale.length > 0) await deleteObjects(target, stale);
  await store.mark(record, 'Applied', applied);
  return applied;
}
