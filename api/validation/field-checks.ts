// Small typed readers and checks over untyped input (AdmissionReview objects and YAML files
// are `unknown` until validated). Each check returns FieldProblem[] and never throws, so one
// malformed field never hides the problems of its siblings. Pure; tests in field-checks.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { isDns1123Label, isDns1123Subdomain } from '../k8s-names.js';

const MAX_VALUE_CHARS = 80;

/** True for a plain (non-array, non-null) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds a problem; long strings are cut so one message stays readable. */
export function problem(path: string, value: unknown, reason: string): FieldProblem {
  if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) {
    return { path, value: `${value.slice(0, MAX_VALUE_CHARS - 3)}...`, reason };
  }
  return { path, value, reason };
}

/** True when the value was not given (absent or null). */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

/** True when a string carries a Go template expression (`{{ … }}`), resolved per cluster later. */
export function isTemplated(value: string): boolean {
  return value.includes('{{');
}

/** Reads a list: absent → [], non-list → a problem and []. */
export function readList(
  value: unknown,
  path: string,
  problems: FieldProblem[],
): readonly unknown[] {
  if (isUnset(value)) return [];
  if (Array.isArray(value)) return value;
  problems.push(problem(path, value, 'must be a list'));
  return [];
}

/** Reads an object: absent → undefined, non-object → a problem and undefined. */
export function readRecord(
  value: unknown,
  path: string,
  problems: FieldProblem[],
): Record<string, unknown> | undefined {
  if (isUnset(value)) return undefined;
  if (isRecord(value)) return value;
  problems.push(problem(path, value, 'must be an object'));
  return undefined;
}

/** A required non-empty string. */
export function checkRequiredString(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || value === '') return [problem(path, undefined, 'required value')];
  if (typeof value !== 'string') return [problem(path, value, 'must be a string')];
  return [];
}

/** An optional string (absent is fine). */
export function checkOptionalString(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || typeof value === 'string') return [];
  return [problem(path, value, 'must be a string')];
}

/** An optional boolean. */
export function checkOptionalBoolean(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || typeof value === 'boolean') return [];
  return [problem(path, value, 'must be a boolean')];
}

/** An optional value out of a fixed set, with kube's "supported values" wording. */
export function checkEnum(
  value: unknown,
  path: string,
  allowed: readonly string[],
): FieldProblem[] {
  if (isUnset(value)) return [];
  if (typeof value === 'string' && allowed.includes(value)) return [];
  const supported = allowed.map((a) => JSON.stringify(a)).join(', ');
  return [problem(path, value, `unsupported value: supported values: ${supported}`)];
}

/** An optional integer within [min, max]. */
export function checkIntegerRange(
  value: unknown,
  path: string,
  range: { min: number; max: number },
): FieldProblem[] {
  if (isUnset(value)) return [];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return [problem(path, value, 'must be an integer')];
  }
  if (value < range.min || value > range.max) {
    return [problem(path, value, `must be between ${range.min} and ${range.max}`)];
  }
  return [];
}

/** A required object name (DNS-1123 subdomain); template expressions are accepted as-is. */
export function checkObjectName(value: unknown, path: string): FieldProblem[] {
  const missing = checkRequiredString(value, path);
  if (missing.length > 0 || isTemplated(value as string)) return missing;
  return isDns1123Subdomain(value as string).map((reason) => problem(path, value, reason));
}

/** An optional namespace name (DNS-1123 label); template expressions are accepted as-is. */
export function checkNamespaceName(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || value === '') return [];
  if (typeof value !== 'string') return [problem(path, value, 'must be a string')];
  if (isTemplated(value)) return [];
  return isDns1123Label(value).map((reason) => problem(path, value, reason));
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** An optional Go duration string such as `5m0s` or `1h30m`. */
export function checkDuration(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value)) return [];
  if (typeof value === 'string' && (value === '0' || GO_DURATION.test(value))) return [];
  return [problem(path, value, 'not a valid duration (e.g. "5m", "1h30m")')];
}

const MAX_COMPARE_DEPTH = 64;

/**
 * Structural equality of JSON values (key order ignored). Values nested deeper than 64 levels
 * compare as different, so hostile input cannot exhaust the stack.
 */
export function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > MAX_COMPARE_DEPTH) return false;
  if (Array.isArray(a) || Array.isArray(b)) return arraysEqual(a, b, depth);
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key], depth + 1));
}

function arraysEqual(a: unknown, b: unknown, depth: number): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((item, i) => jsonEqual(item, b[i], depth + 1));
}
