// Plain-JSON helpers shared by the patch modules: type guards, deep copy and deep equality with
// Kubernetes' notion of equal values (key order irrelevant). Pure; never mutates its inputs.

/** A decoded JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (undefined stays undefined). */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deepCopy(v)) as T;
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = deepCopy(v);
  return out as T;
}

function arraysEqual(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((v, i) => deepEqual(v, b[i]));
}

function objectsEqual(a: JsonObject, b: JsonObject): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** Structural equality of two JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && arraysEqual(a, b);
  if (isObject(a)) return isObject(b) && objectsEqual(a, b);
  return false;
}

/** Go's `%v` rendering of a JSON value, as kube's error messages print maps and lists. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (isObject(value)) {
    const parts = Object.keys(value)
      .sort()
      .map((k) => `${k}:${goFormat(value[k])}`);
    return `map[${parts.join(' ')}]`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
