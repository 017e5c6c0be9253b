// Update (PUT, and the commit step of every patch) with kube's semantics: optimistic
// concurrency on resourceVersion, status/finalize subresource rules, generation bumps,
// no-op detection, finalizer-driven removal, admission and managedFields.
import { admit, normalizeIncoming } from './admission-chain.js';
import { applyBuiltinDefaults } from './builtin-defaults.js';
import { recordManagedUpdate } from './field-managers.js';
import {
  afterCrdWrite,
  establishCrd,
  isCrdResource,
  readyToRemove,
  removeObject,
} from './lifecycle.js';
import {
  checkTypeMeta,
  gvkOf,
  meaningfullyChanged,
  placeInNamespace,
  prepareForStatusUpdate,
  prepareForUpdate,
} from './object-rules.js';
import { listTypesOf } from './schema-step.js';
import type { Scope } from './scope.js';
import { fieldManagerOf, keyOf, nowTimestamp } from './scope.js';
import { StatusError, badRequest, conflict, notFound } from './status-errors.js';
import type { KubeObject } from './types.js';
import { createObject, toKubeObject } from './write-create.js';
import type { WriteResult } from './write-create.js';

/** Resources whose PUT creates a missing object (kube's AllowCreateOnUpdate). */
const CREATE_ON_UPDATE = new Set([
  '/endpoints',
  '/events',
  'events.k8s.io/events',
  'coordination.k8s.io/leases',
]);

export interface CommitOptions {
  /** `status`, `finalize` or '' for the main resource. */
  subresource: string;
  /** managedFields already computed (server-side apply). */
  managedFieldsDone?: boolean;
}

function forbidNewFinalizers(scope: Scope, obj: KubeObject, old: KubeObject): void {
  if (!old.metadata.deletionTimestamp) return;
  const before = new Set(old.metadata.finalizers ?? []);
  const added = (obj.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length === 0) return;
  const r = scope.resource;
  throw new StatusError(
    403,
    'Forbidden',
    `${r.group ? `${r.resource}.${r.group}` : r.resource} "${old.metadata.name ?? ''}" is forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`,
    { name: old.metadata.name, kind: r.resource },
  );
}

/** Builds the object to store from the request's object and the stored one. */
function nextVersion(
  scope: Scope,
  obj: KubeObject,
  old: KubeObject,
  subresource: string,
): KubeObject {
  if (subresource === 'status') return prepareForStatusUpdate(obj, old);
  if (subresource === 'finalize') {
    const spec = { ...((old.spec as Record<string, unknown> | undefined) ?? {}) };
    spec.finalizers = (obj.spec as { finalizers?: unknown } | undefined)?.finalizers ?? [];
    return { ...old, metadata: { ...old.metadata }, spec };
  }
  normalizeIncoming(scope, obj);
  forbidNewFinalizers(scope, obj, old);
  prepareForUpdate(scope.resource, obj, old);
  applyBuiltinDefaults(scope.resource, obj, 'UPDATE', old);
  if (isCrdResource(scope.resource)) establishCrd(obj, old);
  return obj;
}

/** Admission may wait (webhooks): refuse to overwrite a write that happened meanwhile. */
function checkStillCurrent(scope: Scope, old: KubeObject): void {
  const r = scope.resource;
  const name = old.metadata.name ?? '';
  const current = scope.rt.store.get(keyOf(r), old.metadata.namespace, name);
  if (!current) throw notFound({ group: r.group, resource: r.resource }, name);
  if (current.metadata.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict({ group: r.group, resource: r.resource }, name);
  }
}

/**
 * Commits a new version of a stored object. Returns 200 with the stored object; a write that
 * changes nothing returns the stored object unchanged (no new resourceVersion, no event).
 */
export async function commitUpdate(
  scope: Scope,
  old: KubeObject,
  obj: KubeObject,
  opts: CommitOptions,
): Promise<WriteResult> {
  const r = scope.resource;
  const now = nowTimestamp();
  const next = nextVersion(scope, obj, old, opts.subresource);
  let admitted = await admit(scope, 'UPDATE', next, old);
  if (!opts.managedFieldsDone) {
    admitted = recordManagedUpdate({
      live: old,
      updated: admitted,
      manager: fieldManagerOf(scope.opts),
      now,
      gvk: gvkOf(r),
      listTypes: listTypesOf(r),
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
    });
  }
  checkStillCurrent(scope, old);
  admitted.metadata.resourceVersion = old.metadata.resourceVersion;
  if (!meaningfullyChanged(admitted, old)) return { object: old, code: 200 };
  if (scope.opts.dryRun) return { object: admitted, code: 200 };
  if (readyToRemove(r, admitted)) return { object: removeObject(scope.rt, r, admitted), code: 200 };
  const stored = scope.rt.store.put(keyOf(r), admitted);
  afterCrdWrite(scope.rt, r, stored);
  scope.rt.afterWrite();
  return { object: stored, code: 200 };
}

/** PUT of a whole object (main resource or a subresource). */
export async function updateObject(scope: Scope, body: unknown): Promise<WriteResult> {
  const r = scope.resource;
  const { name, namespace, subresource } = scope.info;
  const obj = toKubeObject(body, r);
  checkTypeMeta(r, obj);
  placeInNamespace(r, obj, namespace);
  if (obj.metadata.name && obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  obj.metadata.name = name;
  const old = scope.rt.store.get(keyOf(r), namespace || undefined, name);
  if (!old) {
    if (!subresource && CREATE_ON_UPDATE.has(keyOf(r))) return createObject(scope, obj);
    throw notFound({ group: r.group, resource: r.resource }, name);
  }
  const rv = obj.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion)
    throw conflict({ group: r.group, resource: r.resource }, name);
  return commitUpdate(scope, old, obj, { subresource });
}
