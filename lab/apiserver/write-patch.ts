// PATCH with kube's four patch types: JSON merge patch, JSON patch, strategic merge patch
// (built-in kinds only; custom resources get 415 like kube) and server-side apply (creates a
// missing object; field managers and conflicts come from the patch developer's functions).
import type { PatchKind } from './body-decode.js';
import { serverSideApplyObject, strategicMergePatch } from './field-managers.js';
import { applyJsonPatch } from './patch/json-patch.js';
import { applyMergePatch } from './patch/merge-patch.js';
import { checkTypeMeta, cloneJson, gvkOf } from './object-rules.js';
import { listTypesOf } from './schema-step.js';
import type { Scope } from './scope.js';
import { keyOf, nowTimestamp } from './scope.js';
import {
  StatusError,
  badRequest,
  conflict,
  notFound,
  unsupportedMediaType,
} from './status-errors.js';
import type { KubeObject } from './types.js';
import { createObject, toKubeObject } from './write-create.js';
import type { WriteResult } from './write-create.js';
import { commitUpdate } from './write-update.js';

const NON_STRATEGIC = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

function asPatchedObject(value: unknown): KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('the patched object is not a JSON object');
  }
  const obj = value as KubeObject;
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  return obj;
}

function patched(
  scope: Scope,
  kind: Exclude<PatchKind, 'apply'>,
  old: KubeObject,
  patch: unknown,
): KubeObject {
  const base = cloneJson(old);
  if (kind === 'json') return asPatchedObject(applyJsonPatch(base, patch));
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest('the patch must be a JSON object');
  }
  if (kind === 'merge') return asPatchedObject(applyMergePatch(base, patch));
  if (!scope.resource.builtin)
    throw unsupportedMediaType('application/strategic-merge-patch+json', NON_STRATEGIC);
  return asPatchedObject(
    strategicMergePatch(base, patch as Record<string, unknown>, gvkOf(scope.resource)),
  );
}

function requireFieldManager(scope: Scope): string {
  const manager = scope.opts.fieldManager;
  if (!manager) {
    throw new StatusError(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: is required for apply patch',
            field: 'fieldManager',
          },
        ],
      },
    );
  }
  return manager;
}

async function applyPatch(
  scope: Scope,
  old: KubeObject | undefined,
  body: unknown,
): Promise<WriteResult> {
  const r = scope.resource;
  const manager = requireFieldManager(scope);
  const applied = toKubeObject(body, r);
  if (!applied.apiVersion || !applied.kind) {
    throw badRequest('invalid object type: /, Kind=');
  }
  checkTypeMeta(r, applied);
  if (applied.metadata.name && applied.metadata.name !== scope.info.name) {
    throw badRequest(
      `the name of the object (${applied.metadata.name}) does not match the name on the URL (${scope.info.name})`,
    );
  }
  applied.metadata.name = scope.info.name;
  if (r.namespaced) applied.metadata.namespace = scope.info.namespace;
  const result = serverSideApplyObject({
    live: old,
    applied,
    listTypes: listTypesOf(r),
    manager,
    force: scope.opts.force === true,
    now: nowTimestamp(),
    gvk: gvkOf(r),
    ...(scope.info.subresource ? { subresource: scope.info.subresource } : {}),
  });
  if (!old) {
    if (scope.info.subresource)
      throw notFound({ group: r.group, resource: r.resource }, scope.info.name);
    return createObject(scope, result, { managedFieldsDone: true });
  }
  return commitUpdate(scope, old, result, {
    subresource: scope.info.subresource,
    managedFieldsDone: true,
  });
}

/**
 * Applies a patch to the stored object and commits it. `apply` creates a missing object; the
 * other kinds answer 404 for it. A patch that sets a stale resourceVersion gets 409.
 */
export async function patchObject(
  scope: Scope,
  kind: PatchKind,
  patch: unknown,
): Promise<WriteResult> {
  const r = scope.resource;
  const { name, namespace } = scope.info;
  const old = scope.rt.store.get(keyOf(r), namespace || undefined, name);
  if (kind === 'apply') return applyPatch(scope, old, patch);
  if (!old) throw notFound({ group: r.group, resource: r.resource }, name);
  const next = patched(scope, kind, old, patch);
  const rv = next.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion)
    throw conflict({ group: r.group, resource: r.resource }, name);
  if (next.metadata.uid && next.metadata.uid !== old.metadata.uid) {
    throw conflict(
      { group: r.group, resource: r.resource },
      name,
      `Precondition failed: UID in precondition: ${String(next.metadata.uid)}, UID in object meta: ${old.metadata.uid ?? ''}`,
    );
  }
  return commitUpdate(scope, old, next, { subresource: scope.info.subresource });
}
