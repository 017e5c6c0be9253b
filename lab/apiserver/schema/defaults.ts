// Structural defaulting of custom resources as kube-apiserver does it on decode: first drop
// nulls the schema neither allows nor defaults (PruneNonNullableNullsWithoutDefaults), then set
// each absent (or non-nullable null) field that has a `default`, recursively, inside array
// items and additionalProperties too. Mutates in place; pure otherwise.
import type { JSONSchemaProps } from '../types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNonNullableNull(v: unknown, s: JSONSchemaProps | undefined): boolean {
  return v === null && s !== undefined && !s.nullable;
}

function fieldSchema(s: JSONSchemaProps | undefined, k: string): JSONSchemaProps | undefined {
  if (!s) return undefined;
  if (s.properties && Object.hasOwn(s.properties, k)) return s.properties[k];
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/** Removes map entries that are null where the schema is neither nullable nor defaulted. */
export function pruneNonNullableNullsWithoutDefaults(
  x: unknown,
  s: JSONSchemaProps | undefined,
): void {
  if (Array.isArray(x)) {
    for (const item of x) pruneNonNullableNullsWithoutDefaults(item, s?.items);
    return;
  }
  if (!isObject(x)) return;
  for (const [k, v] of Object.entries(x)) {
    const sub = fieldSchema(s, k);
    if (isNonNullableNull(v, sub) && sub?.default === undefined) delete x[k];
    else pruneNonNullableNullsWithoutDefaults(v, sub);
  }
}

function copy(v: unknown): unknown {
  return v === undefined ? null : structuredClone(v);
}

function setMissingDefaults(x: Record<string, unknown>, s: JSONSchemaProps): void {
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!Object.hasOwn(x, k) || isNonNullableNull(x[k], prop)) x[k] = copy(prop.default);
  }
}

function defaultObject(x: Record<string, unknown>, s: JSONSchemaProps): void {
  setMissingDefaults(x, s);
  const props = s.properties ?? {};
  const ap = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const k of Object.keys(x)) {
    if (Object.hasOwn(props, k)) {
      applyDefaults(x[k], props[k]);
      continue;
    }
    if (!ap) continue;
    if (isNonNullableNull(x[k], ap) && ap.default !== undefined) x[k] = copy(ap.default);
    applyDefaults(x[k], ap);
  }
}

function applyDefaults(x: unknown, s: JSONSchemaProps | undefined): void {
  if (!s) return;
  if (isObject(x)) {
    defaultObject(x, s);
    return;
  }
  if (!Array.isArray(x)) return;
  const items = s.items;
  x.forEach((item, i) => {
    if (isNonNullableNull(item, items) && items?.default !== undefined) x[i] = copy(items.default);
    applyDefaults(x[i], items);
  });
}

/**
 * Applies the schema's defaults to `obj` in place, as kube-apiserver does when it decodes a
 * custom resource: non-nullable nulls without a default are dropped first; absent fields (and
 * non-nullable nulls) with a `default` get a copy of it; nullable nulls are left alone.
 */
export function applySchemaDefaults(obj: unknown, schema: JSONSchemaProps): void {
  pruneNonNullableNullsWithoutDefaults(obj, schema);
  applyDefaults(obj, schema);
}
