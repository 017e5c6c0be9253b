// The structural-schema rules kube-apiserver enforces on apiextensions.k8s.io/v1 CRDs
// (k8s.io/apiextensions-apiserver `ValidateStructural` and the CRD validation of list/map
// types), as a checker that returns one message per violation with the schema path.
import type { Schema } from '../../api/schemas/schema.js';

/** JSONSchemaProps fields a v1 CRD may use ($ref, definitions, id and $schema are rejected). */
const ALLOWED_KEYS = new Set([
  'description',
  'type',
  'format',
  'title',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
  'enum',
  'maxProperties',
  'minProperties',
  'required',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'properties',
  'additionalProperties',
  'nullable',
  'example',
  'externalDocs',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
]);

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

function intOrStringProblems(node: Schema, path: string): string[] {
  const out: string[] = [];
  if (node.type !== undefined) out.push(`${path}: x-kubernetes-int-or-string must not set type`);
  const branches = JSON.stringify(node.anyOf ?? []);
  const allowed = JSON.stringify([{ type: 'integer' }, { type: 'string' }]);
  if (node.anyOf && branches !== allowed) out.push(`${path}: anyOf must be [integer, string]`);
  return out;
}

function typeProblems(node: Schema, path: string): string[] {
  if (node['x-kubernetes-int-or-string']) return intOrStringProblems(node, path);
  const out: string[] = [];
  if (node.anyOf) out.push(`${path}: anyOf outside x-kubernetes-int-or-string`);
  if (node.type === undefined && !node['x-kubernetes-preserve-unknown-fields']) {
    out.push(`${path}: type is required`);
  }
  if (node.type !== undefined && !TYPES.has(node.type))
    out.push(`${path}: unknown type ${node.type}`);
  return out;
}

function shapeProblems(node: Schema, path: string): string[] {
  const out: string[] = [];
  if (node.properties && node.additionalProperties) {
    out.push(`${path}: properties and additionalProperties are mutually exclusive`);
  }
  if ((node.properties || node.additionalProperties) && node.type !== 'object') {
    out.push(`${path}: properties on a non-object`);
  }
  if (node.type === 'array' && !node.items) out.push(`${path}: array without items`);
  if (node.items && node.type !== 'array') out.push(`${path}: items on a non-array`);
  for (const name of node.required ?? []) {
    if (!node.properties?.[name]) out.push(`${path}: required field ${name} is not declared`);
  }
  for (const value of node.enum ?? []) {
    if (node.type === 'string' && typeof value !== 'string') {
      out.push(`${path}: enum value ${JSON.stringify(value)} is not a string`);
    }
  }
  return out;
}

function listProblems(node: Schema, path: string): string[] {
  const out: string[] = [];
  const listType = node['x-kubernetes-list-type'];
  if (listType && node.type !== 'array') out.push(`${path}: list-type on a non-array`);
  if (node['x-kubernetes-map-type'] && node.type !== 'object') {
    out.push(`${path}: map-type on a non-object`);
  }
  const keys = node['x-kubernetes-list-map-keys'];
  if (listType === 'map' && (!keys || keys.length === 0)) {
    out.push(`${path}: list-type map needs list-map-keys`);
  }
  for (const key of keys ?? []) {
    const field = node.items?.properties?.[key];
    const required = node.items?.required?.includes(key) ?? false;
    if (!field) out.push(`${path}: list-map-key ${key} is not a field of the items`);
    else if (!required && field.default === undefined) {
      out.push(`${path}: list-map-key ${key} must be required or defaulted`);
    }
  }
  return out;
}

/** Every violation under `node`; `path` is the schema path used in the messages. */
export function structuralProblems(node: Schema, path = ''): string[] {
  const out: string[] = [];
  for (const key of Object.keys(node)) {
    if (!ALLOWED_KEYS.has(key)) out.push(`${path}: ${key} is not allowed in a CRD schema`);
  }
  if ('title' in node) out.push(`${path}: title leaked from api/schemas`);
  out.push(...typeProblems(node, path), ...shapeProblems(node, path), ...listProblems(node, path));
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    out.push(...structuralProblems(child, `${path}.properties.${name}`));
  }
  if (node.items) out.push(...structuralProblems(node.items, `${path}.items`));
  if (node.additionalProperties) {
    out.push(...structuralProblems(node.additionalProperties, `${path}.additionalProperties`));
  }
  return out;
}

/** Root rules: an object whose metadata only restricts name/generateName, if anything. */
export function rootProblems(root: Schema): string[] {
  const out: string[] = [];
  if (root.type !== 'object') out.push('root: type must be object');
  const metadata = root.properties?.metadata;
  if (!metadata || metadata.type !== 'object') out.push('root: metadata must be an object');
  const metaFields = Object.keys(metadata?.properties ?? {});
  if (metaFields.some((f) => f !== 'name' && f !== 'generateName')) {
    out.push('root: metadata may only restrict name and generateName');
  }
  for (const field of ['apiVersion', 'kind']) {
    if (root.properties?.[field]?.type !== 'string') out.push(`root: ${field} must be a string`);
  }
  return out;
}

/** Every node that carries a default, with its schema path. */
export function defaultedNodes(node: Schema, path = ''): [string, Schema][] {
  const out: [string, Schema][] = node.default === undefined ? [] : [[path, node]];
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    out.push(...defaultedNodes(child, `${path}.properties.${name}`));
  }
  if (node.items) out.push(...defaultedNodes(node.items, `${path}.items`));
  return out;
}
