// Create (POST to a collection, or apply of a missing object) with kube's semantics: type meta,
// namespace placement and lifecycle, generateName, system fields, defaults, admission,
// managedFields, AlreadyExists, dryRun. Shared by HTTP handlers and the in-process client.
import { admit, normalizeIncoming } from './admission-chain.js';
import { applyBuiltinDefaults } from './builtin-defaults.js';
import { recordManagedUpdate } from './field-managers.js';
import {
  afterCrdWrite,
  checkNamespaceAllowsCreate,
  establishCrd,
  isCrdResource,
} from './lifecycle.js';
import { isKubeObjectShape } from './meta-validation.js';
import {
  checkTypeMeta,
  cloneJson,
  gvkOf,
  placeInNamespace,
  prepareForCreate,
} from './object-rules.js';
import { listTypesOf } from './schema-step.js';
import type { Scope } from './scope.js';
import { fieldManagerOf, keyOf, nowTimestamp } from './scope.js';
import { alreadyExists, badRequest } from './status-errors.js';
import type { KubeObject } from './types.js';

/** The outcome of a write: the object to return and the HTTP code kube uses. */
export interface WriteResult {
  object: KubeObject;
  code: number;
}

/** Decodes a request body into a fresh KubeObject (400 when it is not an object). */
export function toKubeObject(body: unknown, r: { kind: string }): KubeObject {
  if (!isKubeObjectShape(body)) {
    throw badRequest(`the object provided is unrecognized (must be of type ${r.kind})`);
  }
  const obj = cloneJson(body);
  obj.metadata = obj.metadata ?? {};
  return obj;
}

/** Options of `createObject`: managedFields already computed (server-side apply). */
export interface CreateOptions {
  managedFieldsDone?: boolean;
}

/**
 * Creates an object from a request body. Returns 201 with the stored object (or the would-be
 * object under dryRun). Throws StatusError (400, 403, 404, 409, 422) as kube does.
 */
export async function createObject(
  scope: Scope,
  body: unknown,
  opts: CreateOptions = {},
): Promise<WriteResult> {
  const r = scope.resource;
  const now = nowTimestamp();
  const obj = toKubeObject(body, r);
  checkTypeMeta(r, obj);
  placeInNamespace(r, obj, scope.info.namespace);
  normalizeIncoming(scope, obj);
  prepareForCreate(r, obj, now);
  checkNamespaceAllowsCreate(scope, obj);
  applyBuiltinDefaults(r, obj, 'CREATE');
  if (isCrdResource(r)) establishCrd(obj);
  let admitted = await admit(scope, 'CREATE', obj);
  const name = admitted.metadata.name ?? '';
  if (scope.rt.store.get(keyOf(r), admitted.metadata.namespace, name)) {
    throw alreadyExists({ group: r.group, resource: r.resource }, name);
  }
  if (!opts.managedFieldsDone) {
    admitted = recordManagedUpdate({
      live: undefined,
      updated: admitted,
      manager: fieldManagerOf(scope.opts),
      now,
      gvk: gvkOf(r),
      listTypes: listTypesOf(r),
    });
  }
  if (scope.opts.dryRun) return { object: admitted, code: 201 };
  const stored = scope.rt.store.put(keyOf(r), admitted);
  afterCrdWrite(scope.rt, r, stored);
  scope.rt.afterWrite();
  return { object: stored, code: 201 };
}
