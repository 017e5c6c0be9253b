import { describe, expect, it } from 'vitest';
import { applyMirrors, mirrorsFromConfigMapData, normaliseMirror } from './helm-mirrors.js';

const kyverno = { from: 'https://kyverno.github.io/kyverno/', to: 'http://127.0.0.1:9/kyverno/' };

describe('applyMirrors', () => {
  it.each([
    [
      'the exact URL',
      'https://kyverno.github.io/kyverno/',
      [kyverno],
      'http://127.0.0.1:9/kyverno',
    ],
    [
      'the URL without slash',
      'https://kyverno.github.io/kyverno',
      [kyverno],
      'http://127.0.0.1:9/kyverno',
    ],
    [
      'a mirror given without slashes',
      'https://kyverno.github.io/kyverno/',
      [{ from: 'https://kyverno.github.io/kyverno', to: 'http://m/k' }],
      'http://m/k',
    ],
    [
      'a deeper path',
      'oci://registry.example.com/charts/vault',
      [{ from: 'oci://registry.example.com/', to: 'oci://mirror.internal/cache/' }],
      'oci://mirror.internal/cache/charts/vault',
    ],
    ['no match', 'https://helm.cilium.io/', [kyverno], 'https://helm.cilium.io'],
    [
      'a prefix that is not a path boundary',
      'https://kyverno.github.io/kyverno-extra/',
      [kyverno],
      'https://kyverno.github.io/kyverno-extra',
    ],
    [
      'the first of two matches',
      'https://a.example/x/',
      [
        { from: 'https://a.example/', to: 'http://first/' },
        { from: 'https://a.example/x/', to: 'http://second/' },
      ],
      'http://first/x',
    ],
  ])('rewrites %s', (_name, url, mirrors, expected) => {
    expect(applyMirrors(url, mirrors)).toBe(expected);
  });

  it('normalises both sides to one trailing slash', () => {
    expect(normaliseMirror({ from: 'https://a//', to: 'http://b' })).toEqual({
      from: 'https://a/',
      to: 'http://b/',
    });
  });
});

describe('mirrorsFromConfigMapData', () => {
  it('reads FROM=TO and FROM: TO lines in key order, skipping comments and junk', () => {
    expect(
      mirrorsFromConfigMapData({
        b: 'https://helm.cilium.io/: "http://m/cilium/"\n',
        a: '# mirrors\nhttps://kyverno.github.io/kyverno/=http://m/kyverno/\n\nnot a mirror\n',
      }),
    ).toEqual([
      { from: 'https://kyverno.github.io/kyverno/', to: 'http://m/kyverno/' },
      { from: 'https://helm.cilium.io/', to: 'http://m/cilium/' },
    ]);
    expect(mirrorsFromConfigMapData(undefined)).toEqual([]);
  });
});
