import { describe, expect, it } from 'vitest';
import { canonicalJson, hashOf, sha256Hex } from './feature-hash.js';

describe('canonicalJson', () => {
  it.each([
    ['sorts keys at every level', { b: 1, a: { d: 2, c: 3 } }, '{"a":{"c":3,"d":2},"b":1}'],
    ['keeps array order', [3, 1, 2], '[3,1,2]'],
    ['drops undefined members', { a: undefined, b: null }, '{"b":null}'],
    ['writes undefined array items as null', [undefined, 1], '[null,1]'],
    ['passes scalars through', 'x', '"x"'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('hashOf', () => {
  it('gives the same hash whatever the key order', () => {
    expect(hashOf({ a: 1, b: [1, { y: 2, x: 1 }] })).toBe(hashOf({ b: [1, { x: 1, y: 2 }], a: 1 }));
  });

  it('changes when any value changes', () => {
    expect(hashOf({ a: 1 })).not.toBe(hashOf({ a: 2 }));
  });

  it('is the hex sha256 of the canonical JSON', () => {
    expect(hashOf({ a: 1 })).toBe(sha256Hex('{"a":1}'));
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
