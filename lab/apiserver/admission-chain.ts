// The admission path of every write, in kube-apiserver's order: mutating admission, then
// structural schema handling (prune unknown fields per fieldValidation, apply defaults), object
// and metadata validation, then validating admission. Throws StatusError to refuse.
import type { AdmissionAttributes } from './extension-points.js';
import { validateObjectMeta } from './meta-validation.js';
import { gvkOf } from './object-rules.js';
import { pruneAndDefault, validateObject } from './schema-step.js';
import type { Scope } from './scope.js';
import { badRequest, invalid } from './status-errors.js';
import type { KubeObject } from './types.js';

export type WriteOperation = 'CREATE' | 'UPDATE' | 'DELETE';

function attributes(
  scope: Scope,
  op: WriteOperation,
  obj?: KubeObject,
  old?: KubeObject,
): AdmissionAttributes {
  return {
    operation: op,
    info: scope.info,
    gvk: gvkOf(scope.resource),
    object: obj,
    oldObject: old,
    user: scope.user,
    dryRun: scope.opts.dryRun,
    cluster: scope.rt.lab,
  };
}

/**
 * Reports pruned unknown fields as kube does for `fieldValidation`: Strict → 400 naming them,
 * Warn → Warning headers, Ignore → silently dropped.
 */
function reportUnknownFields(scope: Scope, pruned: string[]): void {
  if (pruned.length === 0 || scope.opts.fieldValidation === 'Ignore') return;
  const messages = pruned.map((p) => `unknown field "${p}"`);
  if (scope.opts.fieldValidation === 'Warn') {
    scope.warnings.push(...messages);
    return;
  }
  const r = scope.resource;
  throw badRequest(
    `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: strict decoding error: ${messages.join(', ')}`,
  );
}

/** Decode-time handling of a body: unknown fields per fieldValidation, then defaults. */
export function normalizeIncoming(scope: Scope, obj: KubeObject): void {
  reportUnknownFields(scope, pruneAndDefault(scope.resource, obj));
}

/**
 * Runs mutating admission, schema defaulting and validation, then validating admission.
 * Returns the object to store (possibly changed by mutating admission).
 */
export async function admit(
  scope: Scope,
  op: 'CREATE' | 'UPDATE',
  obj: KubeObject,
  old?: KubeObject,
): Promise<KubeObject> {
  let current = obj;
  for (const controller of scope.rt.admission) {
    const result = await controller.mutate(attributes(scope, op, current, old));
    scope.warnings.push(...result.warnings);
    if (result.object) current = result.object;
  }
  // Mutating admission may add fields: prune and default again, silently (as kube does).
  pruneAndDefault(scope.resource, current);
  const errors = [
    ...validateObjectMeta(scope.resource, current),
    ...validateObject(scope.resource, current, old),
  ];
  if (errors.length > 0) {
    throw invalid(
      { group: scope.resource.group, kind: scope.resource.kind },
      current.metadata.name ?? '',
      errors,
    );
  }
  for (const controller of scope.rt.admission) {
    const result = await controller.validate(attributes(scope, op, current, old));
    scope.warnings.push(...result.warnings);
  }
  return current;
}

/** Validating and mutating admission of a DELETE (no object, only the old one). */
export async function admitDelete(scope: Scope, old: KubeObject, options: unknown): Promise<void> {
  for (const controller of scope.rt.admission) {
    const a = { ...attributes(scope, 'DELETE', undefined, old), options };
    scope.warnings.push(...(await controller.mutate(a)).warnings);
  }
  for (const controller of scope.rt.admission) {
    const a = { ...attributes(scope, 'DELETE', undefined, old), options };
    scope.warnings.push(...(await controller.validate(a)).warnings);
  }
}
