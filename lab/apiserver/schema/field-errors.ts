// kube's field.Error rendering (`spec.x: Invalid value: 3: detail`) and the message of the 422
// Invalid StatusError (`Kind.group "name" is invalid: [a, b]`), plus small constructors for the
// FieldErrors the schema checks produce. Formatting only: no validation logic here.
import type { FieldError, FieldErrorType } from '../types.js';
import { goJson, goNumber, goQuote } from './go-values.js';

const typeWords: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
};

/** Error types whose body never shows the bad value (field.Error.ErrorBody). */
const valueless = new Set<FieldErrorType>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
]);

/** The bad value as ErrorBody prints it: `%v` for numbers and bools, `%q` for strings, else JSON. */
export function formatBadValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goJson(value);
}

/** field.Error.ErrorBody(): `Unsupported value: "Foo": supported values: "A", "B"`. */
export function formatFieldErrorBody(e: FieldError): string {
  let s = typeWords[e.type];
  if (!valueless.has(e.type) && e.badValue !== undefined) s += `: ${formatBadValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `spec.tier: Invalid value: "string": spec.tier in body must be …`. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${formatFieldErrorBody(e)}`;
}

/** A group-qualified kind as schema.GroupKind.String() prints it (`Kind.group`, `Kind`). */
export interface QualifiedKind {
  group: string;
  kind: string;
}

function kindString(kind: QualifiedKind | string): string {
  if (typeof kind === 'string') return kind;
  return kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
}

/**
 * The message of apierrors.NewInvalid: `ClusterProfile.config.projectsveltos.io "x" is invalid:
 * spec.a: …` for one error, `[spec.a: …, spec.b: …]` for several (duplicates dropped), and no
 * suffix for none.
 */
export function formatInvalid(
  kind: QualifiedKind | string,
  name: string,
  errors: readonly FieldError[],
): string {
  const head = `${kindString(kind)} ${goQuote(name)} is invalid`;
  const messages = [...new Set(errors.map(formatFieldError))];
  if (messages.length === 0) return head;
  if (messages.length === 1) return `${head}: ${messages[0]}`;
  return `${head}: [${messages.join(', ')}]`;
}

/** field.Required. */
export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}

/** field.Invalid. */
export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue, detail };
}

/** field.Forbidden. */
export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

/** field.NotSupported: the detail lists the supported values, each `%q`-quoted. */
export function notSupported(
  field: string,
  badValue: unknown,
  values: readonly string[],
): FieldError {
  const detail = values.length > 0 ? `supported values: ${values.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, badValue, detail };
}

/** field.Duplicate. */
export function duplicate(field: string, badValue: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, badValue, detail: '' };
}
