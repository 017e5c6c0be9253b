import { describe, expect, it } from 'vitest';
import { RenderCache, renderKey } from './render-cache.js';

const input = {
  repositoryURL: 'https://charts/',
  chartName: 'c',
  chartVersion: '1.0.0',
  releaseName: 'r',
  releaseNamespace: 'ns',
  values: 'a: 1\n',
};

describe('renderKey', () => {
  it('changes with values and capabilities, not with API version order', () => {
    const base = renderKey(input);
    expect(renderKey({ ...input, values: 'a: 2\n' })).not.toBe(base);
    expect(renderKey({ ...input, kubeVersion: 'v1.32.5' })).not.toBe(base);
    expect(renderKey({ ...input, apiVersions: ['a/v1', 'b/v1'] })).toBe(
      renderKey({ ...input, apiVersions: ['b/v1', 'a/v1'] }),
    );
  });
});

describe('RenderCache', () => {
  it('renders a key once, shares concurrent renders and evicts the least recently used', async () => {
    const cache = new RenderCache(2);
    let renders = 0;
    const render = (out: string) => () => {
      renders++;
      return Promise.resolve(out);
    };
    const [a1, a2] = await Promise.all([cache.get('a', render('A')), cache.get('a', render('A'))]);
    expect([a1, a2, renders]).toEqual(['A', 'A', 1]);
    await cache.get('b', render('B'));
    await cache.get('a', render('A'));
    await cache.get('c', render('C'));
    expect(cache.size).toBe(2);
    await cache.get('a', render('A'));
    expect(renders).toBe(3);
    await cache.get('b', render('B'));
    expect(renders).toBe(4);
  });

  it('does not keep a failed render', async () => {
    const cache = new RenderCache();
    await expect(cache.get('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', () => Promise.resolve('ok'))).toBe('ok');
  });
});
