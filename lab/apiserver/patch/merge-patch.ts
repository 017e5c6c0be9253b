// JSON merge patch (RFC 7386, `application/merge-patch+json`): objects merge recursively, null
// deletes a key, anything else (arrays included) replaces. Pure: inputs are never mutated and the
// result shares no structure with them.
import { deepCopy, isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';

function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else target[key] = applyMergePatch(target[key], value);
  }
  return target;
}

/**
 * Applies an RFC 7386 merge patch to `target` and returns the result. A non-object patch is the
 * result itself; a non-object target is treated as `{}` when the patch is an object.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return deepCopy(patch);
  const base = isObject(target) ? deepCopy(target) : {};
  return mergeInto(base, patch);
}
