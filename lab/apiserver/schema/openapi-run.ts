// The state of one kube-openapi-style validation pass: collected FieldErrors, the helpers that
// turn kube-openapi's error kinds into FieldErrors, and the JSON value/type vocabulary shared by
// the validator modules. The value validator itself is injected (no import cycle).
import type { FieldError, JSONSchemaProps } from '../types.js';
import { invalid } from './field-errors.js';
import { goQuote } from './go-values.js';

/** Validates one value against one schema at a kube-openapi path, adding to `run`. */
export type ValueValidator = (run: SchemaRun, v: unknown, s: JSONSchemaProps, path: string) => void;

/** Go reflect kind of a decoded JSON value, in kube-openapi's type names. */
export type ValueKind = 'null' | 'boolean' | 'string' | 'integer' | 'number' | 'array' | 'object';

export function kindOf(v: unknown): ValueKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean' || typeof v === 'string') return typeof v as ValueKind;
  return 'object';
}

/** The schema's types as kube-openapi sees them (int-or-string becomes `integer,string`). */
export function schemaTypes(s: JSONSchemaProps): string[] {
  if (s['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

/** The field path of an error named `name` (kube trims the leading dot; no name is `<nil>`). */
export function fieldOf(name: string): string {
  return name === '' || name === '.' ? '<nil>' : name.replace(/^\./, '');
}

/** One validation pass: collects errors; `fork()` gives an independent pass for sub-schemas. */
export class SchemaRun {
  readonly errors: FieldError[] = [];

  /**
   * @param fieldRoot the field.Path kube reports under (`…default` when validating a default
   *   value); undefined = the nil path, as for custom resources.
   */
  constructor(
    private readonly validator: ValueValidator,
    private readonly fieldRoot?: string,
  ) {}

  /** The field path of an error whose kube-openapi name is `name`. */
  field(name: string): string {
    if (this.fieldRoot === undefined) return fieldOf(name);
    if (name === '' || name === '.') return this.fieldRoot;
    return `${this.fieldRoot}.${name.replace(/^\./, '')}`;
  }

  validate(value: unknown, schema: JSONSchemaProps, path: string): void {
    this.validator(this, value, schema, path);
  }

  fork(): SchemaRun {
    return new SchemaRun(this.validator, this.fieldRoot);
  }

  /** errors.Validation → field.Invalid(path, value, message). */
  addInvalid(name: string, value: unknown, message: string): void {
    this.errors.push(invalid(this.field(name), value ?? '', message));
  }

  /** A plain error (not an errors.Validation): kube reports it on the nil path. */
  addPlain(message: string): void {
    this.errors.push(invalid(this.fieldRoot ?? '<nil>', '', message));
  }

  /** errors.InvalidType → field.TypeInvalid. */
  addInvalidType(name: string, typeName: string, value: string): void {
    this.errors.push({
      type: 'FieldValueTypeInvalid',
      field: this.field(name),
      badValue: value,
      detail: `${name} in body must be of type ${typeName}: ${goQuote(value)}`,
    });
  }
}
