// Pruning of fields a CRD schema does not declare, as kube-apiserver does on decode
// (structural pruning plus ObjectMeta coercion): unknown fields are deleted unless a schema node
// has x-kubernetes-preserve-unknown-fields; apiVersion/kind/metadata survive at the root and in
// embedded resources, where metadata keeps only ObjectMeta fields. Mutates in place.
import type { JSONSchemaProps } from '../types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const metaFields = new Set(['apiVersion', 'kind', 'metadata']);

/** The JSON fields of metav1.ObjectMeta (anything else in metadata is dropped). */
const objectMetaFields = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

function keyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

class Pruner {
  readonly unknown: string[] = [];

  prune(x: unknown, s: JSONSchemaProps | undefined, path: string): void {
    if (s?.['x-kubernetes-preserve-unknown-fields']) {
      this.skipPrune(x, s, path);
    } else if (Array.isArray(x)) {
      x.forEach((v, i) => this.prune(v, s?.items, `${path}[${i}]`));
    } else if (isObject(x)) {
      this.pruneObject(x, s, path);
    }
  }

  private pruneObject(
    x: Record<string, unknown>,
    s: JSONSchemaProps | undefined,
    path: string,
  ): void {
    for (const [k, v] of Object.entries(x)) {
      if (s?.['x-kubernetes-embedded-resource'] && metaFields.has(k)) {
        if (k === 'metadata') this.pruneMetadata(v, keyPath(path, k));
        continue;
      }
      const sub = s ? this.fieldSchema(s, k) : undefined;
      if (sub !== undefined) {
        this.prune(v, sub ?? undefined, keyPath(path, k));
        continue;
      }
      this.unknown.push(keyPath(path, k));
      delete x[k];
    }
  }

  private skipPrune(x: unknown, s: JSONSchemaProps, path: string): void {
    if (Array.isArray(x)) {
      const items = s.items;
      x.forEach((v, i) => {
        if (items) this.skipPrune(v, items, `${path}[${i}]`);
      });
      return;
    }
    if (!isObject(x)) return;
    for (const [k, v] of Object.entries(x)) {
      if (s['x-kubernetes-embedded-resource'] && metaFields.has(k)) {
        if (k === 'metadata') this.pruneMetadata(v, keyPath(path, k));
        continue;
      }
      const sub = this.fieldSchema(s, k);
      if (sub !== undefined) this.prune(v, sub ?? undefined, keyPath(path, k));
    }
  }

  /** The schema of a field; null when declared without one (`additionalProperties: true`). */
  private fieldSchema(s: JSONSchemaProps, k: string): JSONSchemaProps | null | undefined {
    if (s.properties && Object.hasOwn(s.properties, k)) return s.properties[k];
    const ap = s.additionalProperties;
    if (typeof ap === 'object') return ap;
    return ap === true ? null : undefined;
  }

  /** ObjectMeta coercion: unknown metadata fields are dropped and reported. */
  pruneMetadata(meta: unknown, path: string): void {
    if (!isObject(meta)) return;
    for (const k of Object.keys(meta)) {
      if (objectMetaFields.has(k)) continue;
      this.unknown.push(keyPath(path, k));
      delete meta[k];
    }
  }
}

/**
 * Deletes every field of `obj` (a whole custom resource) that `schema` does not declare and
 * returns the removed paths, sorted (`spec.foo`, `spec.items[0].bar`, `metadata.foo`), which
 * the server reports as `unknown field "spec.foo"` under fieldValidation=Strict or Warn.
 */
export function pruneUnknownFields(obj: unknown, schema: JSONSchemaProps): string[] {
  const pruner = new Pruner();
  const root: JSONSchemaProps = { ...schema, 'x-kubernetes-embedded-resource': true };
  pruner.prune(obj, root, '');
  return pruner.unknown.sort();
}
