import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from '../types.js';
import { listTypeLookup } from './list-types.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        plain: { type: 'array', items: { type: 'string' } },
        refs: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['namespace', 'name'],
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              ports: {
                type: 'array',
                items: { type: 'integer' },
                'x-kubernetes-list-type': 'atomic',
              },
            },
          },
        },
        byKey: {
          type: 'object',
          additionalProperties: {
            type: 'array',
            items: { type: 'string' },
            'x-kubernetes-list-type': 'set',
          },
        },
      },
    },
  },
};

describe('listTypeLookup', () => {
  const lookup = listTypeLookup(schema);

  it.each<[string[], unknown]>([
    [['spec', 'tags'], { type: 'set' }],
    [['spec', 'refs'], { type: 'map', mapKeys: ['namespace', 'name'] }],
    [['spec', 'refs', 'ports'], { type: 'atomic' }],
    [['spec', 'byKey', 'anything'], { type: 'set' }],
    [['spec', 'plain'], undefined],
    [['spec'], undefined],
    [['spec', 'unknown', 'deeper'], undefined],
    [['spec', 'refs', 'name'], undefined],
  ])('answers %j with %j', (path, expected) => {
    expect(lookup(path)).toEqual(expected);
  });

  it('returns a copy of the map keys', () => {
    const got = lookup(['spec', 'refs']);
    got?.mapKeys?.push('x');
    expect(lookup(['spec', 'refs'])?.mapKeys).toEqual(['namespace', 'name']);
  });
});
