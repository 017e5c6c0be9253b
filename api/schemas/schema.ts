// The OpenAPI v3 subset Kubernetes accepts in a CRD (apiextensions.k8s.io/v1 JSONSchemaProps) and
// small builders that keep the schema files short. Schemas are plain data: the single source of
// truth from which scripts/generate-crds.ts writes manifests/crds and scripts/generate-types.ts
// writes api/types/generated.ts. `title` names the TypeScript type and never reaches a CRD.

/** One node of a structural schema. Keys match JSONSchemaProps field names exactly. */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** Name of the generated TypeScript type (Sveltos' Go type name); stripped from CRDs. */
  title?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema;
  anyOf?: Schema[];
  enum?: string[];
  default?: unknown;
  format?: 'int32' | 'int64' | 'byte' | 'date-time';
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: CelRule[];
}

/** A CEL rule as CRDs carry it (`x-kubernetes-validations`). */
export interface CelRule {
  rule: string;
  message: string;
}

/** Options every builder accepts; they are copied onto the node unchanged. */
export type Common = Pick<Schema, 'description' | 'title' | 'x-kubernetes-validations'>;

type StringOptions = Common &
  Pick<Schema, 'default' | 'enum' | 'pattern' | 'minLength' | 'maxLength' | 'format'>;

/** A string field. */
export function str(options: StringOptions = {}): Schema {
  return { type: 'string', ...options };
}

/** A string field restricted to `values`; `title` names the TypeScript union. */
export function enumOf(values: string[], options: StringOptions = {}): Schema {
  return { type: 'string', enum: values, ...options };
}

/** A boolean field. */
export function bool(options: Common & Pick<Schema, 'default'> = {}): Schema {
  return { type: 'boolean', ...options };
}

/** An integer field; Go `int32` becomes `format: int32`, Go `int`/`uint` carry no format. */
export function int(options: Common & Pick<Schema, 'default' | 'minimum' | 'format'> = {}): Schema {
  return { type: 'integer', ...options };
}

/** metav1.Time: an RFC 3339 timestamp. */
export function time(options: Common = {}): Schema {
  return { type: 'string', format: 'date-time', ...options };
}

/** metav1.Duration: a Go duration string such as `5m0s`. */
export function duration(options: Common = {}): Schema {
  return { type: 'string', ...options };
}

/** Go `[]byte`: base64 in JSON. */
export function bytes(options: Common = {}): Schema {
  return { type: 'string', format: 'byte', ...options };
}

/** intstr.IntOrString. */
export function intOrString(options: Common & Pick<Schema, 'pattern'> = {}): Schema {
  return {
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    'x-kubernetes-int-or-string': true,
    ...options,
  };
}

/** Go `map[string]string`. */
export function stringMap(options: Common = {}): Schema {
  return { type: 'object', additionalProperties: { type: 'string' }, ...options };
}

interface ObjectOptions extends Common {
  required?: string[];
  /** `+structType=atomic` / `+mapType=atomic`: replaced as a whole by server-side apply. */
  atomic?: boolean;
}

/** An object with named fields. `required` lists the fields Go declares without omitempty. */
export function obj(properties: Record<string, Schema>, options: ObjectOptions = {}): Schema {
  const { required, atomic, ...rest } = options;
  const node: Schema = { type: 'object', properties, ...rest };
  if (required && required.length > 0) node.required = [...required].sort();
  if (atomic) node['x-kubernetes-map-type'] = 'atomic';
  return node;
}

interface ArrayOptions extends Common {
  /** `+listType`: atomic, set, or map (then `mapKeys` names the keys). */
  listType?: 'atomic' | 'set' | 'map';
  mapKeys?: string[];
}

/** A list of `items`. */
export function arr(items: Schema, options: ArrayOptions = {}): Schema {
  const { listType, mapKeys, ...rest } = options;
  const node: Schema = { type: 'array', items, ...rest };
  if (listType) node['x-kubernetes-list-type'] = listType;
  if (mapKeys) node['x-kubernetes-list-map-keys'] = mapKeys;
  return node;
}

/** Same node with its own description; the shared original is left untouched. */
export function documented(schema: Schema, description: string): Schema {
  return { ...schema, description };
}
