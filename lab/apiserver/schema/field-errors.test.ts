import { describe, expect, it } from 'vitest';
import type { FieldError } from '../types.js';
import {
  formatFieldError,
  formatFieldErrorBody,
  formatInvalid,
  notSupported,
} from './field-errors.js';
import { goFloat, goJson, goNumber, goQuote } from './go-values.js';

describe('Go value rendering', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['tab\tnew\nline', '"tab\\tnew\\nline"'],
    ['\x00\x7f', '"\\x00\\x7f"'],
    ['héllo ✓', '"héllo ✓"'],
    ['\u00a0', '"\\u00a0"'],
  ])('quotes %j like strconv.Quote', (s, expected) => {
    expect(goQuote(s)).toBe(expected);
  });

  it.each([
    [255, '255'],
    [0.25, '0.25'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5e-7, '-2.5e-07'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ])('prints the float64 %s as Go %%v: %s', (n, expected) => {
    expect(goFloat(n)).toBe(expected);
  });

  it('prints integral JSON numbers as int64', () => {
    expect(goNumber(1000000)).toBe('1000000');
    expect(goNumber(1.5)).toBe('1.5');
  });

  it('marshals like encoding/json: sorted keys, HTML escaped', () => {
    expect(goJson({ b: 1, a: ['<x>&'] })).toBe('{"a":["\\u003cx\\u003e\\u0026"],"b":1}');
    expect(goJson(null)).toBe('null');
  });
});

describe('formatFieldError', () => {
  it.each<[FieldError, string]>([
    [
      notSupported('spec.syncMode', 'Foo', ['OneTime', 'Continuous']),
      'spec.syncMode: Unsupported value: "Foo": supported values: "OneTime", "Continuous"',
    ],
    [
      {
        type: 'FieldValueTypeInvalid',
        field: 'spec.tier',
        badValue: 'string',
        detail: 'spec.tier in body must be of type integer: "string"',
      },
      'spec.tier: Invalid value: "string": spec.tier in body must be of type integer: "string"',
    ],
    [
      { type: 'FieldValueRequired', field: 'spec.clusterRefs[0].name', detail: '' },
      'spec.clusterRefs[0].name: Required value',
    ],
    [
      { type: 'FieldValueRequired', field: 'x', badValue: '', detail: 'why' },
      'x: Required value: why',
    ],
    [{ type: 'FieldValueForbidden', field: 'x', detail: 'not here' }, 'x: Forbidden: not here'],
    [
      {
        type: 'FieldValueTooLong',
        field: 'x',
        badValue: 'long',
        detail: 'may not be more than 5 bytes',
      },
      'x: Too long: may not be more than 5 bytes',
    ],
    [
      { type: 'FieldValueTooMany', field: 'x', badValue: 3, detail: 'must have at most 2 items' },
      'x: Too many: 3: must have at most 2 items',
    ],
    [
      { type: 'FieldValueDuplicate', field: 'x[1]', badValue: { name: 'a' }, detail: '' },
      'x[1]: Duplicate value: {"name":"a"}',
    ],
    [
      { type: 'FieldValueInvalid', field: 'x', badValue: true, detail: 'no' },
      'x: Invalid value: true: no',
    ],
    [
      { type: 'FieldValueInvalid', field: 'x', badValue: null, detail: 'no' },
      'x: Invalid value: null: no',
    ],
    [
      { type: 'FieldValueInvalid', field: 'x', detail: 'value omitted' },
      'x: Invalid value: value omitted',
    ],
    [{ type: 'FieldValueNotFound', field: 'x', badValue: 'y', detail: '' }, 'x: Not found: "y"'],
  ])('renders %j', (e, expected) => {
    expect(formatFieldError(e)).toBe(expected);
  });

  it('renders the body alone as the Status cause message', () => {
    expect(formatFieldErrorBody({ type: 'FieldValueRequired', field: 'a', detail: '' })).toBe(
      'Required value',
    );
  });
});

describe('formatInvalid', () => {
  const a = notSupported('spec.a', 'x', ['y']);
  const b: FieldError = { type: 'FieldValueRequired', field: 'spec.b', detail: '' };
  const kind = { group: 'config.projectsveltos.io', kind: 'ClusterProfile' };

  it('qualifies the kind with its group and leaves a single error unbracketed', () => {
    expect(formatInvalid(kind, 'x', [b])).toBe(
      'ClusterProfile.config.projectsveltos.io "x" is invalid: spec.b: Required value',
    );
  });

  it('brackets several errors and drops duplicates', () => {
    expect(formatInvalid(kind, 'x', [a, b, b])).toBe(
      'ClusterProfile.config.projectsveltos.io "x" is invalid: [spec.a: Unsupported value: "x": supported values: "y", spec.b: Required value]',
    );
  });

  it('uses the bare kind for the core group and no suffix without errors', () => {
    expect(formatInvalid({ group: '', kind: 'ConfigMap' }, 'c', [])).toBe(
      'ConfigMap "c" is invalid',
    );
    expect(formatInvalid('Secret', 's"q', [b])).toBe(
      'Secret "s\\"q" is invalid: spec.b: Required value',
    );
  });
});
