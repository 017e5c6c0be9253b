// Shared types of the lab API server: the wire shapes of Kubernetes objects and the small
// descriptors (GVK, GVR, field errors, printer columns, schemas) that the server's modules
// (store, patch, codec, security) exchange. Types only: no runtime code lives here.

/** An ownerReference as stored in `metadata.ownerReferences`. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** One entry of `metadata.managedFields` (server-side apply bookkeeping). */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** `metav1.ObjectMeta`; unknown keys are kept so nothing a client sends is lost. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

/** Any Kubernetes object; `metadata` is always present once the server has normalised it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface GroupVersionKind {
  /** `''` for the core group. */
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  /** `''` for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. `configmaps`. */
  resource: string;
}

/** The `metav1.CauseType` of a field error (matches kube's field.ErrorType as cause type). */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTypeInvalid'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound';

/**
 * One validation failure. `field` uses kube's path notation (`spec.items[0].name`); `badValue`
 * undefined means "omit the value" in the rendered message; `detail` is lower-case, no period.
 */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue?: unknown;
  detail: string;
}

/** A column of a server-side Table (CRD `additionalPrinterColumns` shape). */
export interface PrinterColumn {
  name: string;
  /** string, integer, number, boolean or date. */
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  /** JSONPath relative to the object, e.g. `.status.ready`. */
  jsonPath: string;
}

/** OpenAPI v3 schema as used by CRDs (`apiextensions.k8s.io/v1` JSONSchemaProps). */
export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  multipleOf?: number;
  uniqueItems?: boolean;
  allOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: { rule: string; message?: string; messageExpression?: string }[];
  [key: string]: unknown;
}

/** One event of a watch stream, exactly as written on the wire (one JSON object per line). */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** How a list is merged by server-side apply / strategic merge. */
export interface ListType {
  type: 'atomic' | 'set' | 'map';
  /** Keys identifying items of a `map` list (e.g. `['name']` for containers). */
  mapKeys?: string[];
}

/**
 * Looks up the list type of a field by its path of field names from the object root, list
 * indices omitted (e.g. `['spec', 'template', 'spec', 'containers']`); undefined = atomic.
 */
export type ListTypeLookup = (path: readonly string[]) => ListType | undefined;

/** Everything the server knows about one served resource (built-in or from a CRD). */
export interface ResourceInfo {
  group: string;
  version: string;
  /** Plural name, e.g. `deployments`. */
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Subresources served, e.g. `status`, `scale`. */
  subresources: string[];
  /** True for built-in kinds (strategic merge patch allowed). */
  builtin: boolean;
  /** OpenAPI v3 schema (CRDs, or a minimal one for built-ins); undefined = schemaless. */
  schema?: JSONSchemaProps;
  /** Printer columns for Tables; undefined = the codec's built-in columns or NAME/AGE. */
  columns?: PrinterColumn[];
  /** Whether the object has a status that only the status subresource writes. */
  hasStatus: boolean;
  /** True for the storage version when several versions are served (CRDs). */
  storage?: boolean;
}
