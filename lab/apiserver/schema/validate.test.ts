import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from '../types.js';
import { formatFieldError } from './field-errors.js';
import { validateAgainstSchema } from './validate.js';

const spec = (
  properties: Record<string, JSONSchemaProps>,
  extra: JSONSchemaProps = {},
): JSONSchemaProps => ({
  type: 'object',
  properties: { spec: { type: 'object', properties, ...extra } },
});

const messages = (obj: unknown, schema: JSONSchemaProps, oldObj?: unknown): string[] =>
  validateAgainstSchema(obj, schema, '', oldObj).map(formatFieldError);

describe('validateAgainstSchema: scalar checks worded as kube-apiserver', () => {
  it.each<[string, JSONSchemaProps, unknown, string[]]>([
    [
      'an enum',
      { type: 'string', enum: ['OneTime', 'Continuous'] },
      'Foo',
      ['spec.x: Unsupported value: "Foo": supported values: "OneTime", "Continuous"'],
    ],
    [
      'a non-string enum',
      { type: 'integer', enum: [1, 2] },
      3,
      ['spec.x: Unsupported value: 3: supported values: "1", "2"'],
    ],
    [
      'an integer type given a string',
      { type: 'integer' },
      'string',
      ['spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"'],
    ],
    [
      'a string type given a number',
      { type: 'string' },
      1.5,
      ['spec.x: Invalid value: "number": spec.x in body must be of type string: "number"'],
    ],
    [
      'an object type given an array',
      { type: 'object' },
      [],
      ['spec.x: Invalid value: "array": spec.x in body must be of type object: "array"'],
    ],
    [
      'a pattern',
      { type: 'string', pattern: '^[a-z]+$' },
      'ABC',
      [`spec.x: Invalid value: "ABC": spec.x in body should match '^[a-z]+$'`],
    ],
    [
      'a maximum',
      { type: 'integer', maximum: 255 },
      300,
      ['spec.x: Invalid value: 300: spec.x in body should be less than or equal to 255'],
    ],
    [
      'an exclusive maximum',
      { type: 'integer', maximum: 255, exclusiveMaximum: true },
      255,
      ['spec.x: Invalid value: 255: spec.x in body should be less than 255'],
    ],
    [
      'a minimum',
      { type: 'integer', format: 'int32', minimum: 1 },
      0,
      ['spec.x: Invalid value: 0: spec.x in body should be greater than or equal to 1'],
    ],
    [
      'an exclusive minimum with a float value',
      { type: 'number', minimum: 0.5, exclusiveMinimum: true },
      0.25,
      ['spec.x: Invalid value: 0.25: spec.x in body should be greater than 0.5'],
    ],
    [
      'a float maximum printed as Go %v',
      { type: 'number', maximum: 1000000 },
      1000000.5,
      [
        'spec.x: Invalid value: 1.0000005e+06: spec.x in body should be less than or equal to 1e+06',
      ],
    ],
    [
      'a multipleOf',
      { type: 'integer', multipleOf: 5 },
      7,
      ['spec.x: Invalid value: 7: spec.x in body should be a multiple of 5'],
    ],
    [
      'a maxLength',
      { type: 'string', maxLength: 5 },
      'abcdef',
      ['spec.x: Too long: may not be more than 5 bytes'],
    ],
    [
      'a maxLength of one',
      { type: 'string', maxLength: 1 },
      'ab',
      ['spec.x: Too long: may not be more than 1 byte'],
    ],
    [
      'a minLength',
      { type: 'string', minLength: 3 },
      'ab',
      ['spec.x: Invalid value: "ab": spec.x in body should be at least 3 chars long'],
    ],
    [
      'a date-time format',
      { type: 'string', format: 'date-time' },
      'yesterday',
      ['spec.x: Invalid value: "yesterday": spec.x in body must be of type date-time: "yesterday"'],
    ],
    [
      'a byte format',
      { type: 'string', format: 'byte' },
      'not base64!',
      ['spec.x: Invalid value: "not base64!": spec.x in body must be of type byte: "not base64!"'],
    ],
    [
      'an int32 out of range (reported on the nil path, as kube does)',
      { type: 'integer', format: 'int32' },
      2 ** 31,
      [
        '<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.x',
      ],
    ],
    [
      'a null for a non-nullable field',
      { type: 'string' },
      null,
      ['spec.x: Invalid value: "null": spec.x in body must be of type string: "null"'],
    ],
    [
      'an int-or-string given a bool',
      { 'x-kubernetes-int-or-string': true },
      true,
      [
        'spec.x: Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean"',
      ],
    ],
  ])('reports %s', (_name, schema, value, expected) => {
    expect(messages({ spec: { x: value } }, spec({ x: schema }))).toEqual(expected);
  });

  it.each<[string, JSONSchemaProps, unknown]>([
    ['a valid enum value', { type: 'string', enum: ['A'] }, 'A'],
    ['an integer for a number', { type: 'number' }, 3],
    ['an integral float for an integer', { type: 'integer' }, 3.0],
    ['null when nullable', { type: 'string', nullable: true }, null],
    ['an int for int-or-string', { 'x-kubernetes-int-or-string': true }, 8080],
    ['a string for int-or-string', { 'x-kubernetes-int-or-string': true }, 'http'],
    ['an RFC 3339 date-time', { type: 'string', format: 'date-time' }, '2026-01-01T10:00:00Z'],
    [
      'a fractional offset date-time',
      { type: 'string', format: 'date-time' },
      '2026-01-01T10:00:00.5+02:00',
    ],
    ['an unsupported format (stripped by kube)', { type: 'string', format: 'k8s-name' }, 'ANY'],
    ['a duration', { type: 'string', format: 'duration' }, '1h30m'],
    ['multi-byte runes within maxLength', { type: 'string', maxLength: 2 }, 'äö'],
    [
      'anything under preserve-unknown-fields',
      { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      { a: [1] },
    ],
  ])('accepts %s', (_name, schema, value) => {
    expect(messages({ spec: { x: value } }, spec({ x: schema }))).toEqual([]);
  });
});

describe('validateAgainstSchema: objects and arrays', () => {
  const clusterRefs: JSONSchemaProps = {
    type: 'array',
    maxItems: 2,
    items: {
      type: 'object',
      required: ['name', 'namespace'],
      properties: { name: { type: 'string' }, namespace: { type: 'string' } },
    },
  };

  it('reports a missing required field inside a list item', () => {
    const obj = { spec: { clusterRefs: [{ namespace: 'ns' }] } };
    expect(messages(obj, spec({ clusterRefs }))).toEqual([
      'spec.clusterRefs[0].name: Required value',
    ]);
  });

  it('reports too many items with the count', () => {
    const item = { name: 'a', namespace: 'b' };
    expect(messages({ spec: { clusterRefs: [item, item, item] } }, spec({ clusterRefs }))).toEqual([
      'spec.clusterRefs: Too many: 3: must have at most 2 items',
    ]);
  });

  it('reports minItems, uniqueItems and min/maxProperties', () => {
    const schema = spec({
      list: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string' } },
      few: { type: 'object', minProperties: 1 },
      many: { type: 'object', maxProperties: 1, additionalProperties: { type: 'string' } },
    });
    const obj = { spec: { list: ['a'], few: {}, many: { a: 'x', b: 'y' } } };
    expect(messages(obj, schema)).toEqual([
      'spec.list: Invalid value: 1: spec.list in body should have at least 2 items',
      'spec.few: Invalid value: 0: spec.few in body should have at least 1 properties',
      'spec.many: Too many: 2: must have at most 1 item',
    ]);
    expect(messages({ spec: { list: ['a', 'a'] } }, schema)).toEqual([
      `spec.list: Invalid value: "": spec.list in body shouldn't contain duplicates`,
    ]);
  });

  it('validates additionalProperties values under `parent.key` paths', () => {
    const schema = spec({ labels: { type: 'object', additionalProperties: { type: 'string' } } });
    expect(messages({ spec: { labels: { app: 3 } } }, schema)).toEqual([
      'spec.labels.app: Invalid value: "integer": spec.labels.app in body must be of type string: "integer"',
    ]);
  });

  it('reports forbidden properties when additionalProperties is false', () => {
    const schema = spec({ a: { type: 'string' } }, { additionalProperties: false });
    expect(messages({ spec: { a: 'x', b: 'y' } }, schema)).toEqual([
      'spec: Invalid value: "b": spec.b in body is a forbidden property',
    ]);
  });

  it('reports required fields at the root without a leading dot', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      required: ['spec'],
      properties: { spec: { type: 'object' } },
    };
    expect(messages({}, schema)).toEqual(['spec: Required value']);
  });

  it('reports nested errors before the missing required fields of the parent', () => {
    const schema = spec({ a: { type: 'string' }, b: { type: 'string' } }, { required: ['b'] });
    expect(messages({ spec: { a: 1 } }, schema)).toEqual([
      'spec.a: Invalid value: "integer": spec.a in body must be of type string: "integer"',
      'spec.b: Required value',
    ]);
  });

  it('reports a null that an enum does not allow, even when nullable (a kube quirk)', () => {
    const schema = spec({ m: { type: 'string', nullable: true, enum: ['A'] } });
    expect(messages({ spec: { m: null } }, schema)).toEqual([
      'spec.m: Unsupported value: null: supported values: "A"',
    ]);
  });
});

describe('validateAgainstSchema: allOf, anyOf, oneOf, not', () => {
  it('reports int-or-string with its anyOf like kube (three errors)', () => {
    const schema = spec({
      port: {
        'x-kubernetes-int-or-string': true,
        anyOf: [{ type: 'integer' }, { type: 'string' }],
      },
    });
    expect(messages({ spec: { port: true } }, schema)).toEqual([
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
      '<nil>: Invalid value: "": "spec.port" must validate at least one schema (anyOf)',
      'spec.port: Invalid value: "boolean": spec.port in body must be of type integer: "boolean"',
    ]);
  });

  it('reports oneOf with none or several matching', () => {
    const schema = spec({
      x: { type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }] },
    });
    expect(messages({ spec: { x: {} } }, schema)).toEqual([
      '<nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found none valid',
      'spec.x.a: Required value',
    ]);
    expect(messages({ spec: { x: { a: 1, b: 2 } } }, schema)).toEqual([
      '<nil>: Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ]);
    expect(messages({ spec: { x: { a: 1 } } }, schema)).toEqual([]);
  });

  it('reports allOf failures with their detail, and not when it matches', () => {
    const schema = spec({
      x: { type: 'string', allOf: [{ minLength: 2 }, { maxLength: 3 }], not: { enum: ['bad'] } },
    });
    expect(messages({ spec: { x: 'a' } }, schema)).toEqual([
      'spec.x: Invalid value: "a": spec.x in body should be at least 2 chars long',
      '<nil>: Invalid value: "": "spec.x" must validate all the schemas (allOf)',
    ]);
    expect(messages({ spec: { x: 'bad' } }, schema)).toEqual([
      '<nil>: Invalid value: "": "spec.x" must not validate the schema (not)',
    ]);
  });
});

describe('validateAgainstSchema: embedded resources and list types', () => {
  const embedded: JSONSchemaProps = {
    type: 'object',
    'x-kubernetes-embedded-resource': true,
    'x-kubernetes-preserve-unknown-fields': true,
  };

  it('requires apiVersion and kind on embedded resources', () => {
    expect(
      messages({ spec: { template: { metadata: { name: 'x' } } } }, spec({ template: embedded })),
    ).toEqual(['spec.template.apiVersion: Required value', 'spec.template.kind: Required value']);
  });

  it('checks the embedded kind and apiVersion values', () => {
    const obj = {
      spec: { template: { apiVersion: 'a/b/c', kind: 'Bad_Kind', metadata: { name: 'a/b' } } },
    };
    expect(messages(obj, spec({ template: embedded }))).toEqual([
      'spec.template.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
      `spec.template.kind: Invalid value: "Bad_Kind": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      `spec.template.metadata.name: Invalid value: "a/b": may not contain '/'`,
    ]);
  });

  it('reports the second occurrence of a set item as a duplicate', () => {
    const schema = spec({
      tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
    });
    expect(messages({ spec: { tags: ['a', 'b', 'a', 'a'] } }, schema)).toEqual([
      'spec.tags[2]: Duplicate value: "a"',
    ]);
  });

  it('reports duplicate keys of map lists with the key', () => {
    const ports: JSONSchemaProps = {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, port: { type: 'integer' } },
      },
    };
    const obj = {
      spec: {
        ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }, { port: 1 }, { port: 2 }],
      },
    };
    expect(messages(obj, spec({ ports }))).toEqual([
      'spec.ports[1]: Duplicate value: {"name":"http"}',
      'spec.ports[3]: Duplicate value: {}',
    ]);
  });

  it('reports duplicate composite keys of map lists', () => {
    const refs: JSONSchemaProps = {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['namespace', 'name'],
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, namespace: { type: 'string' } },
      },
    };
    const item = { namespace: 'a', name: 'b' };
    expect(messages({ spec: { refs: [item, { ...item }] } }, spec({ refs }))).toEqual([
      'spec.refs[1]: Duplicate value: {"name":"b","namespace":"a"}',
    ]);
  });
});
