import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from '../types.js';
import { applySchemaDefaults } from './defaults.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        syncMode: { type: 'string', default: 'Continuous' },
        stopMatchingBehavior: { type: 'string', default: 'WithdrawPolicies' },
        tier: { type: 'integer', default: 100 },
        note: { type: 'string', nullable: true, default: 'n' },
        plain: { type: 'string' },
        nested: {
          type: 'object',
          default: {},
          properties: { retries: { type: 'integer', default: 3 } },
        },
        helmCharts: {
          type: 'array',
          items: {
            type: 'object',
            default: { chartName: 'placeholder' },
            properties: {
              chartName: { type: 'string' },
              helmChartAction: { type: 'string', default: 'Install' },
              options: {
                type: 'object',
                properties: { wait: { type: 'boolean', default: false } },
              },
            },
          },
        },
        values: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            default: { enabled: true },
            properties: { enabled: { type: 'boolean' }, weight: { type: 'integer', default: 1 } },
          },
        },
      },
    },
  },
};

function defaulted(obj: unknown): unknown {
  const copy = structuredClone(obj);
  applySchemaDefaults(copy, schema);
  return copy;
}

describe('applySchemaDefaults', () => {
  it('sets absent fields, recursing into defaulted values', () => {
    expect(defaulted({ spec: {} })).toEqual({
      spec: {
        syncMode: 'Continuous',
        stopMatchingBehavior: 'WithdrawPolicies',
        tier: 100,
        note: 'n',
        nested: { retries: 3 },
      },
    });
  });

  it('keeps values that are present, including falsy ones', () => {
    const out = defaulted({ spec: { syncMode: 'OneTime', tier: 0, plain: '' } }) as {
      spec: Record<string, unknown>;
    };
    expect(out.spec).toMatchObject({ syncMode: 'OneTime', tier: 0, plain: '' });
  });

  it('defaults inside array items and replaces null items with the items default', () => {
    const out = defaulted({ spec: { helmCharts: [{ chartName: 'a', options: {} }, null] } }) as {
      spec: { helmCharts: unknown[] };
    };
    expect(out.spec.helmCharts).toEqual([
      { chartName: 'a', helmChartAction: 'Install', options: { wait: false } },
      { chartName: 'placeholder', helmChartAction: 'Install' },
    ]);
  });

  it('defaults inside additionalProperties values and replaces their nulls', () => {
    const out = defaulted({ spec: { values: { a: {}, b: null } } }) as {
      spec: { values: unknown };
    };
    expect(out.spec.values).toEqual({ a: { weight: 1 }, b: { enabled: true, weight: 1 } });
  });

  it('replaces a non-nullable null that has a default, but not a nullable one', () => {
    const out = defaulted({ spec: { syncMode: null, note: null } }) as {
      spec: Record<string, unknown>;
    };
    expect(out.spec.syncMode).toBe('Continuous');
    expect(out.spec.note).toBeNull();
  });

  it('drops non-nullable nulls that have no default', () => {
    const out = defaulted({ spec: { plain: null } }) as { spec: Record<string, unknown> };
    expect(Object.hasOwn(out.spec, 'plain')).toBe(false);
  });

  it('gives each object its own copy of a default', () => {
    const out = defaulted({ spec: { helmCharts: [null, null] } }) as {
      spec: { helmCharts: object[] };
    };
    expect(out.spec.helmCharts[0]).not.toBe(out.spec.helmCharts[1]);
  });

  it('leaves values of the wrong shape alone', () => {
    expect(defaulted({ spec: 'text' })).toEqual({ spec: 'text' });
    expect(defaulted({ spec: { helmCharts: 'x' } })).toMatchObject({ spec: { helmCharts: 'x' } });
  });
});
