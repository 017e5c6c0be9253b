import { describe, expect, it } from 'vitest';
import { jsonEqual, mergePatchBetween } from './status-writer.js';

describe('mergePatchBetween', () => {
  const cases = [
    {
      name: 'equal statuses',
      before: { ready: true, version: 'v1' },
      after: { version: 'v1', ready: true },
      patch: undefined,
    },
    {
      name: 'a changed field',
      before: { ready: true },
      after: { ready: false },
      patch: { ready: false },
    },
    {
      name: 'a removed field',
      before: { ready: true, failureMessage: 'x' },
      after: { ready: true },
      patch: { failureMessage: null },
    },
    {
      name: 'a field set to undefined',
      before: { a: 1 },
      after: { a: undefined },
      patch: { a: null },
    },
    {
      name: 'a nested object',
      before: { updatedClusters: { clusters: [1], hash: 'h' } },
      after: { updatedClusters: { clusters: [1, 2] } },
      patch: { updatedClusters: { clusters: [1, 2], hash: null } },
    },
    {
      name: 'an array (replaced whole)',
      before: { list: [1, 2] },
      after: { list: [2] },
      patch: { list: [2] },
    },
  ];
  it.each(cases)('patches $name', ({ before, after, patch }) => {
    expect(mergePatchBetween(before, after)).toEqual(patch);
  });

  it('compares JSON deeply regardless of key order', () => {
    expect(jsonEqual({ a: [{ b: 1, c: 2 }] }, { a: [{ c: 2, b: 1 }] })).toBe(true);
    expect(jsonEqual({ a: [1] }, { a: [1, 2] })).toBe(false);
  });
});
