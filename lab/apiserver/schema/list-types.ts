// x-kubernetes-list-type semantics of a CRD schema: the uniqueness checks kube-apiserver makes
// for `set` and `map` lists (structurallisttype.ValidateListSetsAndMaps, FieldValueDuplicate)
// and the list-type lookup server-side apply uses to merge lists. Pure.
import type { FieldError, JSONSchemaProps, ListType, ListTypeLookup } from '../types.js';
import { duplicate, invalid } from './field-errors.js';
import { goJson } from './go-values.js';
import { childPath } from './paths.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const unspecified = Symbol('unspecified key');

function identity(x: unknown): unknown {
  if (x === unspecified) return x;
  return isObject(x) || Array.isArray(x) ? `json:${goJson(x)}` : x;
}

/** Indices of the second occurrence of each repeated value (kube reports each value once). */
function secondOccurrences(items: unknown[]): number[] {
  const seen = new Map<unknown, number>();
  const out: number[] = [];
  items.forEach((x, i) => {
    const id = identity(x);
    const times = seen.get(id) ?? 0;
    if (times === 1) out.push(i);
    seen.set(id, times + 1);
  });
  return out;
}

function mapKeyOf(item: unknown, keys: string[]): unknown {
  if (!isObject(item)) return keys.length === 1 ? unspecified : {};
  if (keys.length === 1) return Object.hasOwn(item, keys[0]) ? item[keys[0]] : unspecified;
  return Object.fromEntries(keys.filter((k) => Object.hasOwn(item, k)).map((k) => [k, item[k]]));
}

function validateListMap(list: unknown[], s: JSONSchemaProps, path: string): FieldError[] {
  const bad = list.findIndex((x) => x !== null && !isObject(x));
  if (bad >= 0) {
    return [
      invalid(`${path}[${bad}]`, list[bad], 'must be an object for an array of list-type map'),
    ];
  }
  if (list.length <= 1) return [];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const ids = list.map((x) => mapKeyOf(x, keys));
  return secondOccurrences(ids).map((i) => {
    const id = ids[i];
    const shown = id === unspecified ? {} : keys.length === 1 ? { [keys[0]]: id } : id;
    return duplicate(`${path}[${i}]`, shown);
  });
}

function validateArray(list: unknown[], s: JSONSchemaProps, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = s['x-kubernetes-list-type'];
  if (type === 'set') {
    for (const i of secondOccurrences(list)) errs.push(duplicate(`${path}[${i}]`, list[i]));
  } else if (type === 'map') {
    errs.push(...validateListMap(list, s, path));
  }
  if (s.items) {
    const items = s.items;
    list.forEach((x, i) => errs.push(...validateNode(x, items, `${path}[${i}]`)));
  }
  return errs;
}

function validateNode(v: unknown, s: JSONSchemaProps, path: string): FieldError[] {
  if (Array.isArray(v)) return validateArray(v, s, path);
  return isObject(v) ? validateListSetsAndMaps(v, s, path) : [];
}

/**
 * Checks every `set` list for repeated items and every `map` list for repeated keys, like
 * kube-apiserver after schema validation: `spec.ports[1]: Duplicate value: {"name":"http"}`.
 */
export function validateListSetsAndMaps(obj: unknown, s: JSONSchemaProps, path = ''): FieldError[] {
  if (!isObject(obj)) return [];
  const errs: FieldError[] = [];
  const ap = s.additionalProperties;
  if (ap && typeof ap === 'object') {
    for (const [k, v] of Object.entries(obj)) errs.push(...validateNode(v, ap, `${path}[${k}]`));
  }
  for (const [k, v] of Object.entries(obj)) {
    const prop = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
    if (prop) errs.push(...validateNode(v, prop, childPath(path, k)));
  }
  return errs;
}

function step(s: JSONSchemaProps | undefined, name: string): JSONSchemaProps | undefined {
  let cur = s;
  while (cur?.type === 'array') cur = cur.items;
  if (!cur) return undefined;
  if (cur.properties && Object.hasOwn(cur.properties, name)) return cur.properties[name];
  return typeof cur.additionalProperties === 'object' ? cur.additionalProperties : undefined;
}

/**
 * A ListTypeLookup over a CRD schema: the path is field names from the object root with list
 * indices omitted; answers the declared list type (and map keys) of the list found there, or
 * undefined (atomic) when the schema declares none or does not describe the path.
 */
export function listTypeLookup(schema: JSONSchemaProps): ListTypeLookup {
  return (path: readonly string[]): ListType | undefined => {
    let cur: JSONSchemaProps | undefined = schema;
    for (const name of path) cur = step(cur, name);
    const type = cur?.['x-kubernetes-list-type'];
    if (!cur || cur.type !== 'array' || !type) return undefined;
    const mapKeys = cur['x-kubernetes-list-map-keys'];
    return type === 'map' && mapKeys ? { type, mapKeys: [...mapKeys] } : { type };
  };
}
