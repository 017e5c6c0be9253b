// The checks kube's typed conversion makes before server-side apply touches an object: every
// item of an associative list has its keys (or key defaults), set items are scalars, and the
// applied configuration has no duplicate keys. Pure; throws TypedError with kube's wording.
import { pathString } from './field-set.js';
import type { FieldPath } from './field-set.js';
import { isObject } from './json-value.js';
import type { Shape } from './typed-shape.js';
import { listElements, TypedError } from './typed-walk.js';

function validateList(
  list: unknown[],
  shape: Shape,
  path: FieldPath,
  allowDuplicates: boolean,
): void {
  if (shape.list().type === 'atomic') return;
  const seen = new Set<string>();
  listElements(list, shape, path).forEach(({ pe, id }, i) => {
    if (seen.has(id) && !allowDuplicates) {
      throw new TypedError(`${pathString(path)}: duplicate entries for key ${pathString([pe])}`);
    }
    seen.add(id);
    walk(list[i], shape.items(), [...path, pe], allowDuplicates);
  });
}

function walk(value: unknown, shape: Shape, path: FieldPath, allowDuplicates: boolean): void {
  if (Array.isArray(value)) validateList(value, shape, path, allowDuplicates);
  if (!isObject(value) || shape.atomicObject) return;
  for (const [key, child] of Object.entries(value)) {
    walk(child, shape.child(key).shape, [...path, { field: key }], allowDuplicates);
  }
}

/** Throws TypedError when `value` cannot be typed by `shape` (duplicates allowed on live objects). */
export function validateTyped(value: unknown, shape: Shape, allowDuplicates: boolean): void {
  walk(value, shape, [], allowDuplicates);
}
