// Validation of a custom resource against its CRD schema, in kube-apiserver's order: OpenAPI
// schema validation, embedded-resource checks, list-type uniqueness, then x-kubernetes-
// validations rules (skipped with kube's notice when earlier errors block them). Pure.
import type { FieldError, JSONSchemaProps } from '../types.js';
import { hasValidationRules, validateCelRules } from './cel/rules.js';
import { validateEmbeddedResources } from './embedded.js';
import { validateListSetsAndMaps } from './list-types.js';
import { validateOpenAPI } from './openapi-validate.js';

/** Error types after which kube does not run CEL rules (customResourceStrategy.hasBlockingErr). */
const blocking = new Set([
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTypeInvalid',
]);

/**
 * Validates `obj` (usually the whole object, with `schema` the CRD's openAPIV3Schema) and returns
 * kube's field errors, empty when valid. `path` roots the reported paths (kube uses the object
 * root, ''). `oldObj` (updates) enables transition rules such as `self == oldSelf`.
 */
export function validateAgainstSchema(
  obj: unknown,
  schema: JSONSchemaProps,
  path = '',
  oldObj?: unknown,
): FieldError[] {
  const errors = [...validateOpenAPI(obj, schema, path).errors];
  errors.push(...validateEmbeddedResources(obj, schema, path));
  errors.push(...validateListSetsAndMaps(obj, schema, path));
  if (!hasValidationRules(schema)) return errors;
  if (errors.some((e) => blocking.has(e.type))) {
    errors.push({
      type: 'FieldValueInvalid',
      field: '<nil>',
      badValue: null,
      detail:
        'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    });
    return errors;
  }
  errors.push(...validateCelRules(obj, schema, path, oldObj));
  return errors;
}
