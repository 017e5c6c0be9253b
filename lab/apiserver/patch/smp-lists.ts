// List merging of strategic merge patch (k8s.io/apimachinery strategicpatch mergeSlice and its
// ordering rules): scalar lists with merge strategy are unioned, lists of maps merge items by
// their patchMergeKey, `$patch: delete|replace` items, and the element order kube produces
// (patch order first, server-only items interleaved by their live order). Pure; no I/O.
import { deepEqual, goFormat, isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { PatchError } from './patch-error.js';

export const DIRECTIVE = '$patch';

/** Merges one map item of a merging list; supplied by strategic-merge-patch.ts. */
export type MergeItem = (original: JsonObject, patch: JsonObject) => JsonObject;

/** Makes a value taken verbatim from a patch storable: drops nulls, `$…` keys, directive maps. */
export type CleanValue = (value: unknown) => unknown;

function fail(message: string, code: 400 | 422 | 500 = 500): never {
  throw new PatchError(message, { code });
}

function noMergeKey(item: unknown, key: string): never {
  return fail(`map: ${goFormat(item)} does not contain declared merge key: ${key}`);
}

/** Go's reflect kind of a decoded JSON element, as sliceElementType compares them. */
function goKind(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (isObject(value)) return 'map';
  return value === null ? 'nil' : typeof value;
}

/** The common element kind of the lists ('map', a scalar kind), failing like kube on mixtures. */
export function elementKind(...lists: unknown[][]): string {
  let kind: string | undefined;
  for (const v of lists.flat()) {
    const k = goKind(v);
    if (k === 'slice') fail('lists of lists are not supported', 422);
    if (kind !== undefined && kind !== k) {
      fail(`list element types are not identical: [${lists.map(goFormat).join(' ')}]`);
    }
    kind = k;
  }
  return kind ?? 'nil';
}

function keyOf(item: unknown, mergeKey: string): unknown {
  return mergeKey === '' ? item : isObject(item) ? item[mergeKey] : undefined;
}

/** Position of the item with the same merge key (or the same scalar) in `list`, or -1. */
function indexIn(list: unknown[], item: unknown, mergeKey: string): number {
  const key = keyOf(item, mergeKey);
  return list.findIndex((v) => keyOf(v, mergeKey) === key);
}

function requireMergeKey(lists: unknown[][], mergeKey: string): void {
  for (const item of lists.flat()) {
    if (!isObject(item) || !Object.hasOwn(item, mergeKey)) noMergeKey(item, mergeKey);
  }
}

/** Stable sort of `toSort` by position in `order`; `$patch: delete` items go last. */
function sortByOrder(toSort: unknown[], order: unknown[], mergeKey: string): unknown[] {
  if (mergeKey !== '') requireMergeKey([toSort, order], mergeKey);
  const isDelete = (v: unknown): boolean => isObject(v) && v[DIRECTIVE] === 'delete';
  const kept = toSort.filter((v) => !isDelete(v));
  const ranked = kept.map((v, i) => ({ v, i, at: indexIn(order, v, mergeKey) }));
  ranked.sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0) || a.i - b.i);
  return [...ranked.map((r) => r.v), ...toSort.filter(isDelete)];
}

/** Interleaves server-only items into the patch items, by their order in the live list. */
function mergeSorted(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const li = i < left.length ? indexIn(serverOrder, left[i], mergeKey) : -1;
    const ri = j < right.length ? indexIn(serverOrder, right[j], mergeKey) : -1;
    const takeLeft = j >= right.length || (i < left.length && li >= 0 && ri >= 0 && li < ri);
    out.push(takeLeft ? left[i++] : right[j++]);
  }
  return out;
}

/** kube's normalizeElementOrder: patch items in patch order, server-only items interleaved. */
export function normalizeOrder(
  merged: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
): unknown[] {
  const inPatch = (v: unknown): boolean => indexIn(patchOrder, v, mergeKey) >= 0;
  const patchItems = sortByOrder(merged.filter(inPatch), patchOrder, mergeKey);
  const serverOnly = sortByOrder(
    merged.filter((v) => !inPatch(v)),
    serverOrder,
    mergeKey,
  );
  return mergeSorted(serverOnly, patchItems, serverOrder, mergeKey);
}

function dedupe(list: unknown[]): unknown[] {
  return list.filter((v, i) => list.findIndex((w) => deepEqual(v, w)) === i);
}

/** Applies `$patch` items of a patch list to the original; returns [original, plain patch]. */
function applySpecialItems(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch as JsonObject[]) {
    const directive = item[DIRECTIVE];
    if (directive === undefined) plain.push(item);
    else if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) noMergeKey(item, mergeKey);
      original = original.filter((v) => !isObject(v) || v[mergeKey] !== item[mergeKey]);
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') fail('merging lists cannot yet be specified in the patch');
    else fail(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`);
  }
  return replace ? [plain, []] : [original, plain];
}

function mergeMapItems(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  fns: { merge: MergeItem; clean: CleanValue },
): unknown[] {
  const out = [...original];
  for (const item of patch as JsonObject[]) {
    if (!Object.hasOwn(item, mergeKey)) noMergeKey(item, mergeKey);
    const at = out.findIndex((v, i) =>
      isObject(v) ? v[mergeKey] === item[mergeKey] : fail(`value for key ${i} is not a map`),
    );
    if (at >= 0) out[at] = fns.merge(out[at] as JsonObject, item);
    else out.push(fns.clean(item));
  }
  return out;
}

/**
 * kube's mergeSlice for a list with patchStrategy merge (or a `$deleteFromPrimitiveList`):
 * scalars are unioned (or deleted), maps merged by `mergeKey`, then ordered as kube orders them.
 */
export function mergeList(
  original: unknown[],
  patch: unknown[],
  opts: { mergeKey: string; isDeleteList: boolean; merge: MergeItem; clean: CleanValue },
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  if (kind !== 'map') {
    if (opts.isDeleteList) return original.filter((v) => !patch.some((p) => p === v));
    return normalizeOrder(dedupe([...original, ...patch]), patch, original, '');
  }
  if (opts.mergeKey === '') fail('cannot merge lists without merge key');
  const [base, plain] = applySpecialItems(original, patch, opts.mergeKey);
  const merged = mergeMapItems(base, plain, opts.mergeKey, opts);
  return normalizeOrder(merged, plain, base, opts.mergeKey);
}
