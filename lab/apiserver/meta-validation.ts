// Validation of `metadata` as kube's ValidateObjectMeta does it: name (or generateName),
// label keys and values, annotation keys and total size, finalizer names. Returns FieldErrors
// that status-errors renders with kube's wording. Pure.
import {
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from '../../api/k8s-names.js';
import type { FieldError, KubeObject, ResourceInfo } from './types.js';

const DNS_LABEL_NAMED = new Set(['/namespaces', '/services']);
const PATH_SEGMENT_NAMED = new Set([
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/rolebindings',
  'rbac.authorization.k8s.io/clusterrolebindings',
]);
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  for (const bad of ['/', '%']) if (name.includes(bad)) return [`may not contain '${bad}'`];
  return [];
}

/** The name check kube applies to a resource's objects. */
export function nameErrors(r: ResourceInfo, name: string): string[] {
  const key = `${r.group}/${r.resource}`;
  if (DNS_LABEL_NAMED.has(key)) return isDns1123Label(name);
  if (PATH_SEGMENT_NAMED.has(key)) return pathSegmentErrors(name);
  return isDns1123Subdomain(name);
}

function validateName(r: ResourceInfo, obj: KubeObject, errors: FieldError[]): void {
  const { name, generateName } = obj.metadata;
  if (!name) {
    if (!generateName) {
      errors.push({
        type: 'FieldValueRequired',
        field: 'metadata.name',
        detail: 'name or generateName is required',
      });
    }
    return;
  }
  for (const detail of nameErrors(r, name)) {
    errors.push({ type: 'FieldValueInvalid', field: 'metadata.name', badValue: name, detail });
  }
}

function validateLabels(obj: KubeObject, errors: FieldError[]): void {
  for (const [key, value] of Object.entries(obj.metadata.labels ?? {})) {
    for (const detail of isQualifiedName(key)) {
      errors.push({ type: 'FieldValueInvalid', field: 'metadata.labels', badValue: key, detail });
    }
    const v = typeof value === 'string' ? value : String(value);
    for (const detail of isValidLabelValue(v)) {
      errors.push({ type: 'FieldValueInvalid', field: `metadata.labels`, badValue: v, detail });
    }
  }
}

function validateAnnotations(obj: KubeObject, errors: FieldError[]): void {
  let total = 0;
  for (const [key, value] of Object.entries(obj.metadata.annotations ?? {})) {
    total += key.length + String(value).length;
    for (const detail of isQualifiedName(key.toLowerCase())) {
      errors.push({
        type: 'FieldValueInvalid',
        field: 'metadata.annotations',
        badValue: key,
        detail,
      });
    }
  }
  if (total > MAX_ANNOTATIONS_BYTES) {
    errors.push({
      type: 'FieldValueTooLong',
      field: 'metadata.annotations',
      detail: `may not be more than ${MAX_ANNOTATIONS_BYTES} bytes`,
    });
  }
}

function validateFinalizers(obj: KubeObject, errors: FieldError[]): void {
  (obj.metadata.finalizers ?? []).forEach((f, i) => {
    const msgs = typeof f === 'string' ? isQualifiedName(f) : ['must be a string'];
    for (const detail of msgs) {
      errors.push({
        type: 'FieldValueInvalid',
        field: `metadata.finalizers[${i}]`,
        badValue: f,
        detail,
      });
    }
  });
}

/** core.MaxSecretSize: what the data of one ConfigMap or Secret may total (1 MiB). */
export const MAX_SECRET_SIZE = 1_048_576;

function valuesBytes(map: unknown, encoding: 'utf8' | 'base64'): number {
  if (typeof map !== 'object' || map === null) return 0;
  let total = 0;
  for (const value of Object.values(map as Record<string, unknown>)) {
    total += typeof value === 'string' ? Buffer.byteLength(value, encoding) : 0;
  }
  return total;
}

/**
 * kube's ValidateConfigMap / ValidateSecret size rule: `data` (+ `binaryData`) may total 1 MiB.
 * The ConfigMap's error is on the root path, which kube prints as `[]`.
 */
function validateDataSize(r: ResourceInfo, obj: KubeObject, errors: FieldError[]): void {
  if (r.group !== '' || (r.kind !== 'ConfigMap' && r.kind !== 'Secret')) return;
  const o = obj as KubeObject & { data?: unknown; binaryData?: unknown };
  const isConfigMap = r.kind === 'ConfigMap';
  const total = isConfigMap
    ? valuesBytes(o.data, 'utf8') + valuesBytes(o.binaryData, 'base64')
    : valuesBytes(o.data, 'base64');
  if (total <= MAX_SECRET_SIZE) return;
  errors.push({
    type: 'FieldValueTooLong',
    field: isConfigMap ? '[]' : 'data',
    detail: `may not be more than ${MAX_SECRET_SIZE} bytes`,
  });
}

/** Metadata errors (and the ConfigMap/Secret size rule) of an object about to be stored. */
export function validateObjectMeta(r: ResourceInfo, obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  validateName(r, obj, errors);
  validateLabels(obj, errors);
  validateAnnotations(obj, errors);
  validateFinalizers(obj, errors);
  validateDataSize(r, obj, errors);
  return errors;
}

/** Shape errors of a decoded body: it must be an object with an object `metadata`. */
export function isKubeObjectShape(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const meta = (value as { metadata?: unknown }).metadata;
  return meta === undefined || (typeof meta === 'object' && meta !== null && !Array.isArray(meta));
}
