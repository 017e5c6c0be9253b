import { describe, expect, it } from 'vitest';
import type { ObjectLike } from '../api/validation/index.js';
import { aClusterProfile } from '../test/fixtures/profiles/builders.js';
import { caBundleOps } from './ca-bundle-patcher.js';
import { createProfileCache } from './profile-cache.js';

function lister(batches: (ObjectLike[] | Error)[]) {
  let calls = 0;
  const list = () => {
    const batch = batches[Math.min(calls++, batches.length - 1)];
    return batch instanceof Error
      ? Promise.reject(batch)
      : Promise.resolve({ profiles: batch ?? [], clusters: [] });
  };
  return { list, calls: () => calls };
}

const names = async (lookup: () => Promise<{ profiles?: readonly ObjectLike[] }>) =>
  ((await lookup()).profiles ?? []).map((p) => (p.metadata as { name: string }).name);

describe('createProfileCache', () => {
  it('lists once per TTL and shares one fetch between concurrent lookups', async () => {
    let now = 0;
    const source = lister([[aClusterProfile('a').build()], [aClusterProfile('b').build()]]);
    const cache = createProfileCache({ list: source.list, ttlMs: 1000, now: () => now });
    await Promise.all([cache.lookup(), cache.lookup(), cache.lookup()]);
    expect(source.calls()).toBe(1);
    now = 999;
    expect(await names(() => cache.lookup())).toEqual(['a']);
    now = 1000;
    expect(await names(() => cache.lookup())).toEqual(['b']);
    expect(source.calls()).toBe(2);
  });

  it('overlays profiles admitted since the last list, until a newer list', async () => {
    let now = 0;
    const stored = aClusterProfile('a').build();
    const source = lister([[stored], [stored, aClusterProfile('b').build()]]);
    const cache = createProfileCache({ list: source.list, ttlMs: 1000, now: () => now });
    await cache.lookup();
    now = 10;
    cache.remember(aClusterProfile('b').dependingOn('a').build());
    cache.remember(aClusterProfile('a').dependingOn('z').build());
    const overlaid = await cache.lookup();
    expect(
      overlaid.profiles?.map((p) => [
        (p.metadata as { name: string }).name,
        (p.spec as { dependsOn?: string[] }).dependsOn,
      ]),
    ).toEqual([
      ['b', ['a']],
      ['a', ['z']],
    ]);
    now = 2000;
    expect(await names(() => cache.lookup())).toEqual(['a', 'b']);
  });

  it('serves a stale list for a while when a refresh fails, then fails', async () => {
    let now = 0;
    const source = lister([[aClusterProfile('a').build()], new Error('unreachable')]);
    const cache = createProfileCache({
      list: source.list,
      ttlMs: 10,
      staleMs: 100,
      now: () => now,
    });
    await cache.lookup();
    now = 50;
    expect(await names(() => cache.lookup())).toEqual(['a']);
    now = 200;
    await expect(cache.lookup()).rejects.toThrow('unreachable');
  });
});

describe('caBundleOps', () => {
  it('sets caBundle only on webhooks that do not carry it yet', () => {
    const config = {
      webhooks: [
        { name: 'a', clientConfig: { caBundle: 'NEW' } },
        { name: 'b', clientConfig: {} },
      ],
    };
    expect(caBundleOps(config, 'NEW')).toEqual([
      { op: 'add', path: '/webhooks/1/clientConfig/caBundle', value: 'NEW' },
    ]);
    expect(caBundleOps({}, 'NEW')).toEqual([]);
  });
});
