// Adapter between the write path and the codec's structural-schema functions (lab/apiserver/
// schema/*): pruning, defaulting and validation of custom resources against their CRD's
// OpenAPI v3 schema, and the structural checks of CRDs themselves. `metadata`, `apiVersion`
// and `kind` are handled by core (kube treats them specially), so they are split off here.
import type { FieldError, JSONSchemaProps, KubeObject, ResourceInfo } from './types.js';

// PENDING(codec): replaced by imports from ./schema/* once they land.
const applySchemaDefaults = (_obj: unknown, _schema: JSONSchemaProps): void => undefined;
const pruneUnknownFields = (_obj: unknown, _schema: JSONSchemaProps): string[] => [];
const validateAgainstSchema = (_obj: unknown, _schema: JSONSchemaProps): FieldError[] => [];
const validateCustomResourceDefinition = (_crd: KubeObject): FieldError[] => [];

/** The schema without the object-meta part kube handles itself. */
function bodySchema(schema: JSONSchemaProps): JSONSchemaProps {
  const { metadata: _m, apiVersion: _a, kind: _k, ...properties } = schema.properties ?? {};
  return { ...schema, properties };
}

function splitBody(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, apiVersion: _a, kind: _k, ...body } = obj;
  return body;
}

function replaceBody(obj: KubeObject, body: Record<string, unknown>): void {
  for (const key of Object.keys(obj)) {
    if (key !== 'metadata' && key !== 'apiVersion' && key !== 'kind') delete obj[key];
  }
  Object.assign(obj, body);
}

/**
 * Prunes fields the schema does not declare (unless preserved) and applies defaults, in place.
 * Returns the pruned paths (`spec.foo`) so the caller can apply `fieldValidation`.
 */
export function pruneAndDefault(r: ResourceInfo, obj: KubeObject): string[] {
  if (r.builtin || !r.schema) return [];
  const schema = bodySchema(r.schema);
  const body = splitBody(obj);
  const pruned = schema['x-kubernetes-preserve-unknown-fields']
    ? []
    : pruneUnknownFields(body, schema);
  applySchemaDefaults(body, schema);
  replaceBody(obj, body);
  return pruned;
}

/** Schema errors of a custom resource, or CRD checks for CRD objects. */
export function validateObject(r: ResourceInfo, obj: KubeObject, _old?: KubeObject): FieldError[] {
  if (r.group === 'apiextensions.k8s.io' && r.resource === 'customresourcedefinitions') {
    return validateCustomResourceDefinition(obj);
  }
  if (r.builtin || !r.schema) return [];
  return validateAgainstSchema(splitBody(obj), bodySchema(r.schema));
}
