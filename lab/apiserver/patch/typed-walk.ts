// Schema-aware walks of structured-merge-diff that server-side apply builds on: the field set of
// an object (ToFieldSet), the comparison of two objects (Compare: added / modified / removed),
// removal of a set of fields (RemoveItems) and EnsureNamedFieldsAreMembers. Ported from
// sigs.k8s.io/structured-merge-diff typed/*.go. Pure; throws TypedError on malformed lists.
import { FieldSet, pathString } from './field-set.js';
import type { FieldPath, PathElement } from './field-set.js';
import { deepEqual, isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import type { SsaList } from './patch-metadata.js';
import type { Shape } from './typed-shape.js';

/** An object that cannot be typed (kube: "failed to create typed … object"). */
export class TypedError extends Error {}

function itemError(path: FieldPath, index: number, message: string): never {
  throw new TypedError(`${pathString(path)}: element ${index}: ${message}`);
}

function keyedElement(
  item: unknown,
  list: SsaList,
  ctx: { path: FieldPath; index: number },
): PathElement {
  if (item === null)
    itemError(ctx.path, ctx.index, 'associative list with keys may not have a null element');
  if (!isObject(item))
    itemError(ctx.path, ctx.index, 'associative list with keys may not have non-map elements');
  const key: [string, unknown][] = [];
  for (const name of list.keys) {
    if (Object.hasOwn(item, name)) key.push([name, item[name]]);
    else if (name in list.keyDefaults) key.push([name, list.keyDefaults[name]]);
  }
  if (key.length === 0) {
    const keys = `[${list.keys.map((k) => JSON.stringify(k)).join(' ')}]`;
    itemError(
      ctx.path,
      ctx.index,
      `associative list with keys has an element that omits all key fields ${keys} (and doesn't have default values for any key fields)`,
    );
  }
  return { key: key.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
}

/** The path element naming one item of an associative list. */
export function listItemElement(
  item: unknown,
  list: SsaList,
  ctx: { path: FieldPath; index: number },
): PathElement {
  if (list.type === 'map') return keyedElement(item, list, ctx);
  if (list.type === 'atomic') return { index: ctx.index };
  if (isObject(item))
    itemError(
      ctx.path,
      ctx.index,
      "associative list without keys has an element that's a map type",
    );
  if (Array.isArray(item))
    itemError(ctx.path, ctx.index, 'not supported: associative list with lists as elements');
  if (item === null)
    itemError(
      ctx.path,
      ctx.index,
      "associative list without keys has an element that's an explicit null",
    );
  return { value: item };
}

/** Path elements of a list's items with the serialized identity of each. */
export function listElements(
  list: unknown[],
  shape: Shape,
  path: FieldPath,
): { pe: PathElement; id: string }[] {
  const lt = shape.list();
  return list.map((item, index) => {
    const pe = listItemElement(item, lt, { path, index });
    return { pe, id: JSON.stringify(pe) };
  });
}

// ---- ToFieldSet ----

function setOfList(list: unknown[], shape: Shape, path: FieldPath, set: FieldSet): void {
  if (shape.list().type === 'atomic') {
    set.insert(path);
    return;
  }
  const elements = listElements(list, shape, path);
  const counts = new Map<string, number>();
  for (const { id } of elements) counts.set(id, (counts.get(id) ?? 0) + 1);
  elements.forEach(({ pe, id }, i) => {
    const itemPath = [...path, pe];
    if ((counts.get(id) ?? 0) < 2) walkSet(list[i], shape.items(), itemPath, set);
    set.insert(itemPath);
  });
}

function setOfObject(obj: JsonObject, shape: Shape, path: FieldPath, set: FieldSet): void {
  if (shape.atomicObject) {
    set.insert(path);
    return;
  }
  for (const [key, value] of Object.entries(obj)) {
    const child = shape.child(key);
    const childPath = [...path, { field: key }];
    walkSet(value, child.shape, childPath, set);
    const empty = value === null || (isObject(value) && Object.keys(value).length === 0);
    if (empty || !child.named) set.insert(childPath);
  }
}

function walkSet(value: unknown, shape: Shape, path: FieldPath, set: FieldSet): void {
  if (Array.isArray(value)) setOfList(value, shape, path, set);
  else if (isObject(value)) setOfObject(value, shape, path, set);
  else set.insert(path);
}

/** The set of fields `value` sets (structured-merge-diff ToFieldSet). */
export function toFieldSet(value: unknown, shape: Shape): FieldSet {
  const set = new FieldSet();
  walkSet(value, shape, [], set);
  return set;
}

// ---- Compare ----

/** The fields a change added, modified (both sides, different values) and removed. */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

type NodeKind = 'list' | 'map' | 'leaf';

function kindOf(value: unknown): 'list' | 'map' | 'scalar' | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? 'list' : isObject(value) ? 'map' : 'scalar';
}

/** How a pair of values is walked: as a list, as a map, or as one leaf. */
export function nodeKind(lhs: unknown, rhs: unknown): NodeKind {
  const kinds = [kindOf(lhs), kindOf(rhs)].filter((k) => k !== undefined);
  if (kinds.length === 0 || kinds.some((k) => k !== kinds[0]) || kinds[0] === 'scalar')
    return 'leaf';
  return kinds[0];
}

/** Both sides absent, null or empty: kube walks them as one leaf to keep null vs empty apart. */
export function bothEmpty(lhs: unknown, rhs: unknown): boolean {
  const empty = (v: unknown): boolean =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0);
  return empty(lhs) && empty(rhs);
}

function compareLeaf(lhs: unknown, rhs: unknown, path: FieldPath, out: Comparison): void {
  if (lhs === undefined) out.added.insert(path);
  else if (rhs === undefined) out.removed.insert(path);
  else if (!deepEqual(lhs, rhs)) out.modified.insert(path);
}

function groupItems(
  list: unknown[] | undefined,
  shape: Shape,
  path: FieldPath,
): Map<string, { pe: PathElement; items: unknown[] }> {
  const groups = new Map<string, { pe: PathElement; items: unknown[] }>();
  listElements(list ?? [], shape, path).forEach(({ pe, id }, i) => {
    const group = groups.get(id) ?? { pe, items: [] };
    group.items.push((list ?? [])[i]);
    groups.set(id, group);
  });
  return groups;
}

/** Where a walk is: the shape of the node and its path. */
interface At {
  shape: Shape;
  path: FieldPath;
}

function compareGroup(l: unknown[], r: unknown[], at: At, out: Comparison): void {
  if (l.length <= 1 && r.length <= 1) compareNode(l[0], r[0], at, out);
  else if (l.length >= 2 && r.length >= 2) {
    if (!deepEqual(l, r)) out.modified.insert(at.path);
  } else if (l.length >= 2) {
    if (r.length) compareNode(undefined, r[0], at, out);
    out.removed.insert(at.path);
  } else {
    if (l.length) compareNode(l[0], undefined, at, out);
    out.added.insert(at.path);
  }
}

function compareList(lhs: unknown, rhs: unknown, at: At, out: Comparison): void {
  const left = groupItems(lhs as unknown[] | undefined, at.shape, at.path);
  const right = groupItems(rhs as unknown[] | undefined, at.shape, at.path);
  const ids = new Set([...left.keys(), ...right.keys()]);
  for (const id of ids) {
    const pe = (left.get(id) ?? right.get(id))!.pe;
    const itemAt = { shape: at.shape.items(), path: [...at.path, pe] };
    compareGroup(left.get(id)?.items ?? [], right.get(id)?.items ?? [], itemAt, out);
  }
}

/** A field absent from an existing parent compares as Go's zero value (`{}` or null). */
function zeroFilled(parent: unknown, key: string, zero: unknown): unknown {
  const value = isObject(parent) ? parent[key] : undefined;
  return value === undefined && isObject(parent) && zero !== undefined
    ? structuredClone(zero)
    : value;
}

function compareMap(lhs: unknown, rhs: unknown, at: At, out: Comparison): void {
  const keys = new Set([
    ...Object.keys(isObject(lhs) ? lhs : {}),
    ...Object.keys(isObject(rhs) ? rhs : {}),
  ]);
  for (const key of keys) {
    const child = at.shape.child(key);
    const l = zeroFilled(lhs, key, child.zero);
    const r = zeroFilled(rhs, key, child.zero);
    compareNode(l, r, { shape: child.shape, path: [...at.path, { field: key }] }, out);
  }
}

function compareNode(lhs: unknown, rhs: unknown, at: At, out: Comparison): void {
  const kind = nodeKind(lhs, rhs);
  const atomic = kind === 'list' ? at.shape.list().type === 'atomic' : at.shape.atomicObject;
  if (kind === 'leaf' || atomic || bothEmpty(lhs, rhs)) {
    compareLeaf(lhs, rhs, at.path, out);
    return;
  }
  if (kind === 'list') compareList(lhs, rhs, at, out);
  else compareMap(lhs, rhs, at, out);
  if (lhs === undefined) out.added.insert(at.path);
  else if (rhs === undefined) out.removed.insert(at.path);
}

/** What changed from `lhs` to `rhs` (structured-merge-diff Compare). */
export function compareObjects(lhs: unknown, rhs: unknown, shape: Shape): Comparison {
  const out: Comparison = {
    added: new FieldSet(),
    modified: new FieldSet(),
    removed: new FieldSet(),
  };
  compareNode(lhs, rhs, { shape, path: [] }, out);
  return out;
}

// ---- RemoveItems ----

function removeFromList(
  list: unknown[],
  toRemove: FieldSet,
  shape: Shape,
  path: FieldPath,
): unknown[] | undefined {
  if (list.length === 0 || shape.list().type === 'atomic') return list;
  const kept: unknown[] = [];
  listElements(list, shape, path).forEach(({ pe }, i) => {
    if (toRemove.hasMember(pe)) return;
    const sub = toRemove.child(pe);
    const item = sub ? removeItems(list[i], sub, shape.items(), [...path, pe]) : list[i];
    if (item !== undefined) kept.push(item);
  });
  return kept.length ? kept : undefined;
}

function removeFromObject(
  obj: JsonObject,
  toRemove: FieldSet,
  shape: Shape,
  path: FieldPath,
): JsonObject | undefined {
  if (Object.keys(obj).length === 0 || shape.atomicObject) return obj;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const pe = { field: key };
    if (toRemove.hasMember(pe)) continue;
    const sub = toRemove.child(pe);
    const kept = sub ? removeItems(value, sub, shape.child(key).shape, [...path, pe]) : value;
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** `value` without the fields of `toRemove`; containers left empty disappear (undefined). */
export function removeItems(
  value: unknown,
  toRemove: FieldSet,
  shape: Shape,
  path: FieldPath = [],
): unknown {
  if (Array.isArray(value)) return removeFromList(value, toRemove, shape, path);
  if (isObject(value)) return removeFromObject(value, toRemove, shape, path);
  return value;
}

/** The set plus the declared struct fields on its paths (structured-merge-diff helper for prune). */
export function ensureNamedFieldsAreMembers(set: FieldSet, shape: Shape): FieldSet {
  const nodes: { pe: PathElement; member: boolean; child?: FieldSet }[] = [];
  set.forEachNode((pe, isMember, child) => {
    const sub = 'field' in pe ? shape.child(pe.field) : undefined;
    const childShape = sub ? sub.shape : shape.items();
    const member = isMember || (sub !== undefined && sub.named && !shape.atomicObject);
    nodes.push({
      pe,
      member,
      child: child ? ensureNamedFieldsAreMembers(child, childShape) : undefined,
    });
  });
  return FieldSet.build(nodes);
}
