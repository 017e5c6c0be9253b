import { describe, expect, it } from 'vitest';
import { FreshObjects, compareVersions } from './fresh-objects.js';

const obj = (rv: string, tag: string) => ({ metadata: { resourceVersion: rv }, tag });

describe('FreshObjects', () => {
  it('returns what was written while the cache still shows an older version', () => {
    const fresh = new FreshObjects<ReturnType<typeof obj>>();
    fresh.remember('k', '5', obj('7', 'written'));
    expect(fresh.freshest('k', obj('5', 'cache'))?.tag).toBe('written');
    expect(fresh.freshest('k', obj('7', 'cache'))?.tag).toBe('cache');
    expect(fresh.freshest('k', obj('5', 'cache'))?.tag).toBe('cache');
  });

  it('falls back to the base version when versions are not decimal', () => {
    const fresh = new FreshObjects<ReturnType<typeof obj>>();
    fresh.remember('k', 'a', obj('b', 'written'));
    expect(fresh.freshest('k', obj('a', 'cache'))?.tag).toBe('written');
    expect(fresh.freshest('k', obj('c', 'cache'))?.tag).toBe('cache');
  });

  it('forgets an object that left the cache', () => {
    const fresh = new FreshObjects<ReturnType<typeof obj>>();
    fresh.remember('k', '1', obj('2', 'written'));
    expect(fresh.freshest('k', undefined)).toBeUndefined();
  });

  it('orders decimal versions numerically', () => {
    expect(compareVersions('10', '9')).toBe(1);
    expect(compareVersions('9', '10')).toBe(-1);
    expect(compareVersions('x', '10')).toBeUndefined();
  });
});
