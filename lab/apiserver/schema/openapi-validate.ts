// Value validation against a CRD's OpenAPI v3 schema, mirroring kube-openapi's SchemaValidator
// as apiextensions-apiserver drives it: the same checks in the same order (type, allOf/anyOf/
// oneOf/not, string, format, number, array, enum, object) and the same error wording, converted
// to FieldErrors the way kubeOpenAPIResultToFieldErrors does. Pure.
import type { JSONSchemaProps } from '../types.js';
import { notSupported } from './field-errors.js';
import { effectiveFormat, isKnownStringFormat, matchesFormat } from './formats.js';
import { goJson } from './go-values.js';
import { validateArray, validateObject, validateSchemaProps } from './openapi-compound.js';
import { validateNumber } from './openapi-numbers.js';
import { SchemaRun, kindOf, schemaTypes } from './openapi-run.js';
import type { ValueKind } from './openapi-run.js';

/** The Go strfmt "format" of a value's own type (what kube-openapi compares formats against). */
function ownFormat(kind: ValueKind): string {
  if (kind === 'integer') return 'int64';
  return kind === 'number' ? 'float64' : '';
}

/** The type validator's inputs: declared types and the post-stripping format. */
interface TypeCheck {
  types: string[];
  format: string;
}

function isNumeric(t: TypeCheck): boolean {
  return t.types.includes('number') || t.types.includes('integer');
}

function typeCheckOf(s: JSONSchemaProps): TypeCheck {
  const types = schemaTypes(s);
  return { types, format: effectiveFormat(types.length === 1 ? types[0] : undefined, s.format) };
}

function typeMatches(kind: ValueKind, t: TypeCheck): boolean {
  return t.types.includes(kind) || (kind === 'integer' && t.types.includes('number'));
}

/** The error kube-openapi reports for a non-null value (`[type name, value's type]`), if any. */
function typeMismatch(kind: ValueKind, t: TypeCheck): [string, string] | undefined {
  const matches = typeMatches(kind, t);
  const textual = kind === 'string' || kind === 'array';
  if (t.format === '') return matches ? undefined : [t.types.join(','), kind];
  if (!textual && !matches && ownFormat(kind) !== t.format) return [t.format, ownFormat(kind)];
  if (matches || (textual && !isNumeric(t))) return undefined;
  return [t.types.join(','), kind];
}

function checkType(run: SchemaRun, kind: ValueKind, s: JSONSchemaProps, path: string): void {
  const t = typeCheckOf(s);
  if (t.types.length === 0 && t.format === '') return;
  if (kind === 'null') {
    if (t.types.length > 0 && !s.nullable) run.addInvalidType(path, t.types.join(','), 'null');
    return;
  }
  const mismatch = typeMismatch(kind, t);
  if (mismatch) run.addInvalidType(path, mismatch[0], mismatch[1]);
}

function checkString(run: SchemaRun, v: string, s: JSONSchemaProps, path: string): void {
  const runes = Array.from(v).length;
  if (s.maxLength !== undefined && runes > s.maxLength) {
    const unit = s.maxLength === 1 ? 'byte' : 'bytes';
    const detail = `may not be more than ${s.maxLength} ${unit}`;
    run.errors.push({ type: 'FieldValueTooLong', field: run.field(path), detail });
    return;
  }
  if (s.minLength !== undefined && runes < s.minLength) {
    run.addInvalid(path, v, `${path} in body should be at least ${s.minLength} chars long`);
    return;
  }
  if (s.pattern) checkPattern(run, v, s.pattern, path);
}

function checkPattern(run: SchemaRun, v: string, pattern: string, path: string): void {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    run.addInvalid(
      path,
      v,
      `${path} in body should match '${pattern}, but pattern is invalid: ${why}'`,
    );
    return;
  }
  if (!re.test(v)) run.addInvalid(path, v, `${path} in body should match '${pattern}'`);
}

function checkFormat(run: SchemaRun, v: string, s: JSONSchemaProps, path: string): void {
  const { format } = typeCheckOf(s);
  if (!format || !isKnownStringFormat(format) || matchesFormat(format, v)) return;
  run.addInvalidType(path, format, v);
}

function checkEnum(run: SchemaRun, v: unknown, s: JSONSchemaProps, path: string): void {
  if (!s.enum || s.enum.length === 0) return;
  const json = v === null || v === undefined ? undefined : goJson(v);
  if (json !== undefined && s.enum.some((e) => e !== null && goJson(e) === json)) return;
  const values = s.enum.map((e) => (typeof e === 'string' ? e : goJson(e)));
  run.errors.push(notSupported(run.field(path), v ?? null, values));
}

/** Validates one value at `path` (kube-openapi name: `spec.items[0].name`, root `''`). */
export function validateValue(run: SchemaRun, v: unknown, s: JSONSchemaProps, path: string): void {
  const kind = kindOf(v);
  checkType(run, kind, s, path);
  if (kind === 'null') {
    checkEnum(run, v, s, path);
    return;
  }
  validateSchemaProps(run, v, s, path);
  if (kind === 'string') {
    checkString(run, v as string, s, path);
    checkFormat(run, v as string, s, path);
  }
  if (kind === 'integer' || kind === 'number') validateNumber(run, v as number, s, path);
  if (kind === 'array') validateArray(run, v as unknown[], s, path);
  checkEnum(run, v, s, path);
  if (kind === 'object') validateObject(run, v as Record<string, unknown>, s, path);
}

/**
 * Runs kube-openapi validation of `value` against `schema`, names rooted at `path`; errors are
 * reported under `fieldRoot` (kube's fldPath) when given, else under the names themselves.
 */
export function validateOpenAPI(
  value: unknown,
  schema: JSONSchemaProps,
  path = '',
  fieldRoot?: string,
): SchemaRun {
  const run = new SchemaRun(validateValue, fieldRoot);
  run.validate(value, schema, path);
  return run;
}
