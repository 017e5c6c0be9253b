// Adapter between the write path and the codec's structural-schema functions (lab/apiserver/
// schema/*): pruning, defaulting and validation of custom resources against their CRD's
// OpenAPI v3 schema, and kube's defaulting and checks of CRDs themselves.
import { isCrdResource } from './lifecycle.js';
import {
  applyCustomResourceDefinitionDefaults,
  validateCustomResourceDefinition,
} from './schema/crd-checks.js';
import { applySchemaDefaults } from './schema/defaults.js';
import { listTypeLookup } from './schema/list-types.js';
import { pruneUnknownFields } from './schema/prune.js';
import { validateAgainstSchema } from './schema/validate.js';
import type { FieldError, KubeObject, ListTypeLookup, ResourceInfo } from './types.js';

/**
 * Prunes fields the schema does not declare (unless preserved) and applies defaults, in place.
 * Returns the pruned paths (`spec.foo`) so the caller can apply `fieldValidation`.
 */
export function pruneAndDefault(r: ResourceInfo, obj: KubeObject): string[] {
  if (isCrdResource(r)) {
    applyCustomResourceDefinitionDefaults(obj);
    return [];
  }
  if (r.builtin || !r.schema) return [];
  const pruned = pruneUnknownFields(obj, r.schema);
  applySchemaDefaults(obj, r.schema);
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  return pruned;
}

/** Schema errors of a custom resource (with transition rules on update), or CRD checks. */
export function validateObject(r: ResourceInfo, obj: KubeObject, old?: KubeObject): FieldError[] {
  if (isCrdResource(r)) return validateCustomResourceDefinition(obj);
  if (r.builtin || !r.schema) return [];
  return validateAgainstSchema(obj, r.schema, '', old);
}

/** The list types a CRD schema declares (server-side apply merges lists by them). */
export function listTypesOf(r: ResourceInfo): ListTypeLookup | undefined {
  return !r.builtin && r.schema ? listTypeLookup(r.schema) : undefined;
}
