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

describe('validateAgainstSchema: x-kubernetes-validations (CEL)', () => {
  const rules = (r: unknown[], props: Record<string, JSONSchemaProps>): JSONSchemaProps =>
    spec(props, { 'x-kubernetes-validations': r as JSONSchemaProps['x-kubernetes-validations'] });

  const kindOrUrl = rules(
    [
      {
        rule: 'has(self.remoteURL) != has(self.kind)',
        message: 'either remoteURL or kind must be set, but not both',
      },
    ],
    { remoteURL: { type: 'string' }, kind: { type: 'string' } },
  );

  it('reports a failed rule with its message and no value for objects', () => {
    expect(messages({ spec: { remoteURL: 'x', kind: 'y' } }, kindOrUrl)).toEqual([
      'spec: Invalid value: either remoteURL or kind must be set, but not both',
    ]);
    expect(messages({ spec: { kind: 'y' } }, kindOrUrl)).toEqual([]);
  });

  it('evaluates Sveltos helm chart rules (ternary, startsWith, size)', () => {
    const schema = rules(
      [
        {
          rule: "self.repositoryURL.startsWith('oci') ? size(self.chartName) >= 1 : true",
          message: 'ChartName must be defined',
        },
      ],
      { repositoryURL: { type: 'string' }, chartName: { type: 'string' } },
    );
    expect(messages({ spec: { repositoryURL: 'oci://r', chartName: '' } }, schema)).toEqual([
      'spec: Invalid value: ChartName must be defined',
    ]);
    expect(messages({ spec: { repositoryURL: 'https://r', chartName: '' } }, schema)).toEqual([]);
  });

  it('applies immutability (self == oldSelf) only when an old object is given', () => {
    const schema = spec({
      name: {
        type: 'string',
        'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }],
      },
    });
    expect(messages({ spec: { name: 'b' } }, schema)).toEqual([]);
    expect(messages({ spec: { name: 'b' } }, schema, { spec: { name: 'a' } })).toEqual([
      'spec.name: Invalid value: "b": Value is immutable',
    ]);
    expect(messages({ spec: { name: 'a' } }, schema, { spec: { name: 'a' } })).toEqual([]);
  });

  it('correlates old items of map lists by key for transition rules', () => {
    const schema = spec({
      items: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: {
          type: 'object',
          properties: { name: { type: 'string' }, v: { type: 'integer' } },
          'x-kubernetes-validations': [{ rule: 'self.v >= oldSelf.v', message: 'v may only grow' }],
        },
      },
    });
    const old = { spec: { items: [{ name: 'a', v: 2 }] } };
    expect(
      messages(
        {
          spec: {
            items: [
              { name: 'b', v: 1 },
              { name: 'a', v: 1 },
            ],
          },
        },
        schema,
        old,
      ),
    ).toEqual(['spec.items[1]: Invalid value: v may only grow']);
  });

  it('uses the default message, messageExpression, reason and fieldPath', () => {
    const schema = rules(
      [
        { rule: 'self.a > 1' },
        { rule: 'self.a > 2', messageExpression: "'a is ' + string(self.a)" },
        {
          rule: 'self.a > 3',
          message: 'must be set',
          reason: 'FieldValueForbidden',
          fieldPath: '.a',
        },
      ],
      { a: { type: 'integer' } },
    );
    expect(messages({ spec: { a: 1 } }, schema)).toEqual([
      'spec: Invalid value: failed rule: self.a > 1',
      'spec: Invalid value: a is 1',
      'spec.a: Forbidden: must be set',
    ]);
  });

  it('reports runtime errors as kube does', () => {
    const schema = rules([{ rule: 'self.missing == 1' }], { a: { type: 'integer' } });
    expect(messages({ spec: { a: 1 } }, schema)).toEqual([
      'spec: Invalid value: "object": no such key: missing evaluating rule: self.missing == 1',
    ]);
  });

  it('skips rules using CEL features it does not implement', () => {
    const schema = rules([{ rule: 'self.a.isSorted()' }, { rule: 'self.?a.hasValue()' }], {
      a: { type: 'array', items: { type: 'integer' } },
    });
    expect(messages({ spec: { a: [2, 1] } }, schema)).toEqual([]);
  });

  it('does not run rules when the object has blocking errors, and says so', () => {
    expect(messages({ spec: { remoteURL: 1, kind: 'y' } }, kindOrUrl)).toEqual([
      'spec.remoteURL: Invalid value: "integer": spec.remoteURL in body must be of type string: "integer"',
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });
});
