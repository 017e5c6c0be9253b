import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from '../types.js';
import { pruneUnknownFields } from './prune.js';

const schema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        known: { type: 'string' },
        items: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' } } },
        },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { typed: { type: 'object', properties: { a: { type: 'string' } } } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' } } } },
        },
      },
    },
  },
};

function prune(obj: Record<string, unknown>): { obj: Record<string, unknown>; paths: string[] } {
  const copy = structuredClone(obj);
  return { obj: copy, paths: pruneUnknownFields(copy, schema) };
}

describe('pruneUnknownFields', () => {
  it('removes undeclared fields and returns their sorted paths', () => {
    const { obj, paths } = prune({
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a' },
      spec: { known: 'k', foo: 1, items: [{ name: 'n', bar: 2 }] },
      status: { phase: 'p' },
    });
    expect(paths).toEqual(['spec.foo', 'spec.items[0].bar', 'status']);
    expect(obj).toEqual({
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'a' },
      spec: { known: 'k', items: [{ name: 'n' }] },
    });
  });

  it('keeps additionalProperties keys', () => {
    expect(prune({ spec: { labels: { a: 'b' } } }).paths).toEqual([]);
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes inside declared ones', () => {
    const { obj, paths } = prune({
      spec: { free: { anything: { deep: 1 }, typed: { a: 'x', b: 'y' } } },
    });
    expect(paths).toEqual(['spec.free.typed.b']);
    expect(obj.spec).toEqual({ free: { anything: { deep: 1 }, typed: { a: 'x' } } });
  });

  it('keeps apiVersion, kind and metadata of embedded resources and drops unknown metadata fields', () => {
    const { obj, paths } = prune({
      metadata: { name: 'a', bogus: true },
      spec: {
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { labels: { a: 'b' }, extra: 1 },
          spec: { replicas: 1, x: 2 },
          other: 3,
        },
      },
    });
    expect(paths).toEqual([
      'metadata.bogus',
      'spec.template.metadata.extra',
      'spec.template.other',
      'spec.template.spec.x',
    ]);
    expect(obj).toEqual({
      metadata: { name: 'a' },
      spec: {
        template: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { labels: { a: 'b' } },
          spec: { replicas: 1 },
        },
      },
    });
  });

  it('empties objects below a field declared with additionalProperties: true (structural nil schema)', () => {
    const s: JSONSchemaProps = {
      type: 'object',
      properties: { m: { type: 'object', additionalProperties: true } },
    };
    const obj = { m: { a: 'kept scalar', b: { c: 1 } } };
    expect(pruneUnknownFields(obj, s)).toEqual(['m.b.c']);
    expect(obj).toEqual({ m: { a: 'kept scalar', b: {} } });
  });

  it('keeps everything under a root that preserves unknown fields, except unknown metadata', () => {
    const s: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    const obj = { spec: { any: 1 }, metadata: { name: 'n', nope: 1 } };
    expect(pruneUnknownFields(obj, s)).toEqual(['metadata.nope']);
    expect(obj).toEqual({ spec: { any: 1 }, metadata: { name: 'n' } });
  });
});
