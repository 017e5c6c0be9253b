import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/kube-client.js';
import { BundleTooLargeError, bundleHash, splitIntoBundles } from './bundle-split.js';

const cm = (name: string, data = ''): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { d: data },
});

describe('splitIntoBundles', () => {
  it('keeps at most 15 objects per bundle, in order', () => {
    const objs = Array.from({ length: 31 }, (_, i) => cm(`c${i}`));
    const bundles = splitIntoBundles(objs);
    expect(bundles.map((b) => b.length)).toEqual([15, 15, 1]);
    expect(bundles[0][0]).toContain('name: c0');
    expect(bundles[2][0]).toContain('name: c30');
  });

  it('respects the byte budget and puts a CRD alone', () => {
    const big = 'x'.repeat(400);
    const bundles = splitIntoBundles([cm('a', big), cm('b', big), cm('c', big)], 1000);
    expect(bundles.map((b) => b.length)).toEqual([2, 1]);
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'x.example.com' },
    };
    expect(splitIntoBundles([cm('a'), crd, cm('b')]).map((b) => b.length)).toEqual([1, 1, 1]);
  });

  it('names an object too big for any bundle', () => {
    expect(() => splitIntoBundles([cm('huge', 'x'.repeat(2000))], 1000)).toThrow(
      BundleTooLargeError,
    );
    expect(() => splitIntoBundles([cm('huge', 'x'.repeat(2000))], 1000)).toThrow(
      /ConfigMap default\/huge is \d+ bytes, over the bundle limit of 1000 bytes/,
    );
  });

  it('hashes like the agent', () => {
    expect(bundleHash(['a', 'b'])).not.toBe(bundleHash(['ab']));
  });
});
