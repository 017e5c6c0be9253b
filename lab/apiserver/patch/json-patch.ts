// JSON patch (RFC 6902, `application/json-patch+json`) with the semantics and error wording of
// gopkg.in/evanphx/json-patch.v4, the library kube-apiserver uses: JSON pointer escaping (~0, ~1),
// `-` appends, negative indices count from the end, and — as in kube — `replace` of a missing
// object key adds it. Pure: the input document is never mutated.
import { deepCopy, deepEqual, isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { PatchError } from './patch-error.js';

/** kube-apiserver refuses JSON patches with more operations than this (413). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const KNOWN_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

interface Operation {
  op: string;
  path: string;
  from: string;
  value: unknown;
}

type Container = JsonObject | unknown[];

/** A failure inside one container operation; the caller wraps it with the op's context. */
class OpFailure extends Error {}

function fail(message: string): never {
  throw new OpFailure(message);
}

function decodeToken(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** Go's strconv.Atoi as evanphx uses it for array indices. */
function atoi(key: string): number {
  if (!/^[+-]?\d+$/.test(key)) fail(`strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  return Number(key);
}

function invalidIndex(idx: number): never {
  return fail(`Unable to access invalid index: ${idx}: ${INVALID_INDEX}`);
}

/** Resolves a possibly negative index against `length`; out of range → invalid index. */
function resolveIndex(idx: number, length: number): number {
  if (idx >= length || idx < -length) invalidIndex(idx);
  return idx < 0 ? idx + length : idx;
}

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isObject(value);
}

function getIn(con: Container, key: string): unknown {
  if (!Array.isArray(con)) return Object.hasOwn(con, key) ? con[key] : undefined;
  return con[resolveIndex(atoi(key), con.length)];
}

/** evanphx findObject: the container holding the pointer's last token, or undefined. */
function findContainer(root: unknown, path: string): { con: Container; key: string } | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2 || !isContainer(root)) return undefined;
  let cur: Container = root;
  for (const token of tokens.slice(1, -1)) {
    let next: unknown;
    try {
      next = getIn(cur, decodeToken(token));
    } catch {
      return undefined;
    }
    if (!isContainer(next)) return undefined;
    cur = next;
  }
  return { con: cur, key: decodeToken(tokens[tokens.length - 1]) };
}

function addTo(con: Container, key: string, value: unknown): void {
  if (!Array.isArray(con)) {
    con[key] = value;
    return;
  }
  if (key === '-') {
    con.push(value);
    return;
  }
  let idx: number;
  try {
    idx = atoi(key);
  } catch (e) {
    return fail(`value was not a proper array index: '${key}': ${(e as Error).message}`);
  }
  con.splice(resolveIndex(idx, con.length + 1), 0, value);
}

function removeFrom(con: Container, key: string): void {
  if (Array.isArray(con)) {
    con.splice(resolveIndex(atoi(key), con.length), 1);
    return;
  }
  if (!Object.hasOwn(con, key)) fail(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
  delete con[key];
}

function setIn(con: Container, key: string, value: unknown): void {
  if (Array.isArray(con)) con[resolveIndex(atoi(key), con.length)] = value;
  else con[key] = value;
}

/** Runs `fn`, rewording an OpFailure as `<prefix>: <reason>`. */
function wrap<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OpFailure) fail(`${prefix}: ${e.message}`);
    throw e;
  }
}

function locate(root: unknown, path: string, what: string): { con: Container; key: string } {
  const found = findContainer(root, path);
  if (!found) fail(`${what}: ${path}: ${MISSING}`);
  return found;
}

function opAdd(root: unknown, op: Operation): unknown {
  const found = findContainer(root, op.path);
  if (!found) fail(`add operation does not apply: doc is missing path: "${op.path}": ${MISSING}`);
  const { con, key } = found;
  wrap(`error in add for path: '${op.path}'`, () => addTo(con, key, deepCopy(op.value)));
  return root;
}

function opRemove(root: unknown, op: Operation): unknown {
  const found = findContainer(root, op.path);
  if (!found)
    fail(`remove operation does not apply: doc is missing path: "${op.path}": ${MISSING}`);
  wrap(`error in remove for path: '${op.path}'`, () => removeFrom(found.con, found.key));
  return root;
}

function opReplace(root: unknown, op: Operation): unknown {
  if (op.path === '') {
    if (!isContainer(op.value)) fail('replace operation value must be object or array');
    return deepCopy(op.value);
  }
  const what = 'replace operation does not apply: doc is missing path';
  const { con, key } = locate(root, op.path, what);
  try {
    getIn(con, key);
  } catch {
    fail(`replace operation does not apply: doc is missing key: ${op.path}: ${MISSING}`);
  }
  setIn(con, key, deepCopy(op.value));
  return root;
}

function opMove(root: unknown, op: Operation): unknown {
  const src = locate(root, op.from, 'move operation does not apply: doc is missing from path');
  const value = wrap(`error in move for path: '${src.key}'`, () => {
    const v = getIn(src.con, src.key);
    removeFrom(src.con, src.key);
    return v;
  });
  const what = 'move operation does not apply: doc is missing destination path';
  const dst = locate(root, op.path, what);
  wrap(`error in move for path: '${op.path}'`, () => addTo(dst.con, dst.key, value));
  return root;
}

function opCopy(root: unknown, op: Operation): unknown {
  const src = locate(root, op.from, 'copy operation does not apply: doc is missing from path');
  const value = wrap(`error in copy for from: '${op.from}'`, () => getIn(src.con, src.key));
  const what = 'copy operation does not apply: doc is missing destination path';
  const dst = locate(root, op.path, what);
  wrap('error while adding value during copy', () =>
    addTo(dst.con, dst.key, deepCopy(value ?? null)),
  );
  return root;
}

function opTest(root: unknown, op: Operation): unknown {
  const failed = `testing value ${op.path} failed: test failed`;
  if (op.path === '') return deepEqual(root, op.value) ? root : fail(failed);
  const what = 'test operation does not apply: is missing path';
  const { con, key } = locate(root, op.path, what);
  const actual = wrap(`error in test for path: '${op.path}'`, () => getIn(con, key));
  if (actual === undefined || actual === null) return op.value === null ? root : fail(failed);
  return deepEqual(actual, op.value) ? root : fail(failed);
}

const HANDLERS: Record<string, (root: unknown, op: Operation) => unknown> = {
  add: opAdd,
  remove: opRemove,
  replace: opReplace,
  move: opMove,
  copy: opCopy,
  test: opTest,
};

function requireString(raw: JsonObject, field: string, index: number): string {
  const value = raw[field];
  if (typeof value === 'string') return value;
  const message = `JSON patch operation ${index} (${String(raw.op)}) has no "${field}" string: ${MISSING}`;
  throw new PatchError(message, { operationIndex: index });
}

/** Checks one raw operation's shape and returns it typed. */
function parseOperation(raw: unknown, index: number): Operation {
  if (!isObject(raw)) {
    throw new PatchError(`JSON patch operation ${index} is not an object`, {
      code: 400,
      operationIndex: index,
    });
  }
  const op = typeof raw.op === 'string' ? raw.op : 'unknown';
  if (!KNOWN_OPS.has(op)) throw new PatchError(`Unexpected kind: ${op}`, { operationIndex: index });
  const path = requireString(raw, 'path', index);
  const from = op === 'move' || op === 'copy' ? requireString(raw, 'from', index) : '';
  const needsValue = op === 'add' || op === 'replace' || op === 'test';
  if (needsValue && !Object.hasOwn(raw, 'value')) {
    const message = `JSON patch operation ${index} (${op}) has no "value": ${MISSING}`;
    throw new PatchError(message, { operationIndex: index });
  }
  return { op, path, from, value: raw.value };
}

function parseOperations(ops: unknown): Operation[] {
  if (!Array.isArray(ops)) {
    throw new PatchError('JSON patch must be an array of operations', { code: 400 });
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
      { code: 413 },
    );
  }
  return ops.map(parseOperation);
}

/**
 * Applies RFC 6902 operations to a copy of `doc` and returns it. All operations are checked
 * for shape first (400 for a body that is not an array of objects, 422 naming the operation
 * index for a missing field or unknown op); the first failing operation throws a PatchError
 * (422) worded as kube's library words it, and nothing is applied.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const operations = parseOperations(ops);
  let root = deepCopy(doc);
  operations.forEach((op, index) => {
    try {
      root = HANDLERS[op.op](root, op);
    } catch (e) {
      if (e instanceof OpFailure) throw new PatchError(e.message, { operationIndex: index });
      throw e;
    }
  });
  return root;
}
