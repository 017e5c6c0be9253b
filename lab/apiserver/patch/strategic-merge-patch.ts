// Strategic merge patch (`application/strategic-merge-patch+json`) for built-in kinds, ported
// from k8s.io/apimachinery strategicpatch (mergeMap, MergeParallelList, IgnoreUnmatchedNulls):
// null deletes, maps merge, lists merge by patchMergeKey where the Go types say so and are
// replaced otherwise, and the directives `$patch`, `$retainKeys`, `$setElementOrder/<list>` and
// `$deleteFromPrimitiveList/<list>`. Pure: inputs are never mutated. CRDs never come here.
import { deepCopy, goFormat, isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { PatchError } from './patch-error.js';
import { builtinRootType, childType, fieldSpec, UNTYPED } from './patch-metadata.js';
import type { TypeNode } from './patch-metadata.js';
import { DIRECTIVE, elementKind, mergeList, normalizeOrder } from './smp-lists.js';
import type { GroupVersionKind, KubeObject } from '../types.js';

const RETAIN_KEYS = '$retainKeys';
const DELETE_PREFIX = '$deleteFromPrimitiveList';
const ORDER_PREFIX = '$setElementOrder';

function badRequest(message: string): never {
  throw new PatchError(message, { code: 400 });
}

/** Drops what kube's typed decoding would drop from a value copied out of a patch. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => !(isObject(v) && DIRECTIVE in v)).map(clean);
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const directiveMap = isObject(v) && DIRECTIVE in v;
    if (v !== null && !k.startsWith('$') && !directiveMap) out[k] = clean(v);
  }
  return out;
}

/** `$deleteFromPrimitiveList/finalizers` → 'finalizers'; malformed → kube's 400. */
function directiveTarget(key: string, prefix: string, message: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) badRequest(message);
  return key.slice(slash + 1);
}

interface ListMeta {
  merge: boolean;
  mergeKey: string;
  elem: TypeNode;
}

function listMeta(type: TypeNode, key: string): ListMeta {
  const child = childType(type, key);
  if (child.kind !== 'list') return { merge: false, mergeKey: '', elem: UNTYPED };
  return { merge: child.smpMerge, mergeKey: child.smpMergeKey, elem: child.elem };
}

function mergeListField(
  original: unknown[],
  patch: unknown[],
  meta: { mergeKey: string; elem: TypeNode },
  isDeleteList: boolean,
): unknown[] {
  return mergeList(original, patch, {
    mergeKey: meta.mergeKey,
    isDeleteList,
    clean,
    merge: (o, p) => mergeMap(o, p, meta.elem),
  });
}

/** `$retainKeys`: drop keys of the original the directive does not list. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  const invalid = 'invalid patch format of retainKeys';
  if (!Array.isArray(retain)) badRequest(invalid);
  const skip = (k: string): boolean => k.startsWith(DELETE_PREFIX) || k.startsWith(ORDER_PREFIX);
  for (const [k, v] of Object.entries(patch)) {
    if (v !== null && !skip(k) && !retain.includes(k)) badRequest(invalid);
  }
  for (const k of Object.keys(original)) if (!retain.includes(k)) delete original[k];
}

/** kube's validatePatchWithSetOrderList: the patch list must follow the order list. */
function checkOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  const isDelete = (v: unknown): boolean => isObject(v) && v[DIRECTIVE] === 'delete';
  const items = patchList.filter((v) => mergeKey === '' || !isDelete(v));
  const same = (a: unknown, b: unknown): boolean =>
    mergeKey === '' ? a === b : isObject(a) && isObject(b) && a[mergeKey] === b[mergeKey];
  let p = 0;
  for (let o = 0; o < order.length && p < items.length; o++) {
    while (p < items.length && isObject(items[p]) && DIRECTIVE in (items[p] as JsonObject)) p++;
    if (p < items.length && same(items[p], order[o])) p++;
  }
  if (p < items.length) {
    const message = `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${ORDER_PREFIX} list:\n${goFormat(order)}\n`;
    throw new PatchError(message, { code: 500 });
  }
}

function listOrUndefined(value: unknown, invalid: string): unknown[] | undefined {
  if (value !== undefined && !Array.isArray(value)) badRequest(invalid);
  return value;
}

/** The merged list a `$setElementOrder` directive orders (before ordering). */
function mergedForOrder(
  live: unknown[] | undefined,
  patchList: unknown[] | undefined,
  meta: ListMeta,
): unknown[] {
  if (live === undefined) return clean(patchList) as unknown[];
  if (patchList === undefined) return live;
  return meta.merge
    ? mergeListField(live, patchList, meta, false)
    : (clean(patchList) as unknown[]);
}

/** One `$setElementOrder/<key>` directive: merge the list now and order it as the directive says. */
function applyOrderDirective(
  original: JsonObject,
  patch: JsonObject,
  directiveKey: string,
  type: TypeNode,
): void {
  const invalid = 'invalid patch format of setElementOrder list';
  const order = patch[directiveKey];
  delete patch[directiveKey];
  if (!Array.isArray(order)) badRequest(invalid);
  const key = directiveTarget(directiveKey, ORDER_PREFIX, invalid);
  const meta = listMeta(type, key);
  const live = listOrUndefined(original[key], invalid);
  const patchList = listOrUndefined(patch[key], invalid);
  if (patchList) checkOrderList(patchList, order, meta.mergeKey);
  if (live === undefined && patchList === undefined) return;
  const merged = mergedForOrder(live, patchList, meta);
  elementKind(live ?? [], patchList ?? []);
  original[key] = normalizeOrder(merged, order, live ?? [], meta.mergeKey);
  delete patch[key];
}

function takePatchValue(original: JsonObject, key: string, value: unknown): void {
  if (isObject(value) && DIRECTIVE in value) delete original[key];
  else original[key] = clean(value);
}

function mergeMapField(original: JsonObject, key: string, value: JsonObject, type: TypeNode): void {
  const current = original[key] as JsonObject;
  const replace = fieldSpec(type, key)?.smpReplace === true;
  original[key] = replace ? clean(value) : mergeMap(current, value, childType(type, key));
}

function mergeListValue(
  original: JsonObject,
  key: string,
  value: unknown[],
  ctx: MergeContext,
): void {
  const meta = listMeta(ctx.type, key);
  const current = original[key] as unknown[];
  const merge = meta.merge || ctx.isDeleteList;
  original[key] = merge ? mergeListField(current, value, meta, ctx.isDeleteList) : clean(value);
}

interface MergeContext {
  type: TypeNode;
  isDeleteList: boolean;
}

function mergeField(original: JsonObject, key: string, value: unknown, ctx: MergeContext): void {
  const current = original[key];
  if (isObject(current) && isObject(value)) mergeMapField(original, key, value, ctx.type);
  else if (Array.isArray(current) && Array.isArray(value))
    mergeListValue(original, key, value, ctx);
  else if (!ctx.isDeleteList) takePatchValue(original, key, value);
}

function handleMapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete') return {};
  if (directive !== 'replace') {
    throw new PatchError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`, {
      code: 500,
    });
  }
  return clean(patch) as JsonObject;
}

/** kube's mergeMap; `original` and `patch` are private copies and are modified in place. */
function mergeMap(original: JsonObject, patch: JsonObject, type: TypeNode): JsonObject {
  if (DIRECTIVE in patch) return handleMapDirective(patch);
  applyRetainKeys(original, patch);
  for (const key of Object.keys(patch)) {
    if (key.startsWith(ORDER_PREFIX)) applyOrderDirective(original, patch, key, type);
  }
  for (const [rawKey, value] of Object.entries(patch)) {
    const isDeleteList = rawKey.startsWith(DELETE_PREFIX);
    const key = isDeleteList
      ? directiveTarget(rawKey, DELETE_PREFIX, 'invalid patch format of primitive list')
      : rawKey;
    if (value === null) delete original[key];
    else mergeField(original, key, value, { type, isDeleteList });
  }
  return original;
}

/**
 * Applies a strategic merge patch to a built-in object and returns the result (a new object).
 * List semantics come from the Go types of `gvk` (patch-metadata.ts); a kind the lab has no
 * types for merges maps and replaces lists. Throws PatchError with kube's wording and code
 * (400 malformed directive, 422 lists of lists, 500 missing merge key and other library errors).
 */
export function applyStrategicMergePatch(
  original: KubeObject,
  patch: Record<string, unknown>,
  gvk: GroupVersionKind,
): KubeObject {
  const type = builtinRootType(gvk) ?? UNTYPED;
  return mergeMap(deepCopy(original), deepCopy(patch), type) as KubeObject;
}
