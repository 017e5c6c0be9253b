import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/kube-client.js';
import { BundleTooLargeError } from './bundle-split.js';
import { helmBundles, orderRelease, parseManifest, phaseOf } from './helm-manifests.js';

const release = {
  releaseName: 'tetragon',
  releaseNamespace: 'kube-system',
  chartVersion: '1.5.0',
  repoURL: 'https://helm.cilium.io/',
};

function doc(kind: string, name: string, annotations?: Record<string, string>): string {
  const ann = annotations
    ? `  annotations:\n${Object.entries(annotations)
        .map(([k, v]) => `    ${k}: "${v}"`)
        .join('\n')}\n`
    : '';
  return `---\n# Source: chart/templates/${name}.yaml\napiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ann}`;
}

const names = (bundle: string[]): string[] =>
  bundle.map((r) => (load(r) as KubeObject).metadata.name);

describe('helm manifest splitting', () => {
  it('parses the stream, drops empty documents and defaults the namespace to the release', () => {
    const objs = parseManifest(`${doc('ConfigMap', 'a')}---\n# empty\n---\n`, 'kube-system');
    expect(objs).toHaveLength(1);
    expect(objs[0].metadata.namespace).toBe('kube-system');
  });

  it('classifies hooks by install phase and leaves out test and delete hooks', () => {
    const o = (hook?: string): KubeObject =>
      parseManifest(doc('Job', 'j', hook ? { 'helm.sh/hook': hook } : undefined), 'ns')[0];
    expect(phaseOf(o())).toBe('main');
    expect(phaseOf(o('pre-install,pre-upgrade'))).toBe('pre');
    expect(phaseOf(o('post-upgrade'))).toBe('post');
    expect(phaseOf(o('test'))).toBe('skip');
    expect(phaseOf(o('pre-delete'))).toBe('skip');
  });

  it('orders pre-hooks by weight, CRDs, ordinary objects, then post-hooks by weight', () => {
    const manifest = [
      doc('ConfigMap', 'cm1'),
      doc('Job', 'post', { 'helm.sh/hook': 'post-install' }),
      doc('Job', 'pre-late', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '5' }),
      doc('CustomResourceDefinition', 'crd1'),
      doc('Job', 'pre-early', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': '-5' }),
      doc('Pod', 'test', { 'helm.sh/hook': 'test' }),
    ].join('\n');
    const phases = orderRelease(parseManifest(manifest, 'ns'));
    expect(phases.map((p) => p.map((o) => o.metadata.name))).toEqual([
      ['pre-early', 'pre-late'],
      ['crd1'],
      ['cm1'],
      ['post'],
    ]);
  });

  it('puts each CRD alone, at most 15 objects per bundle, and marks the release on each bundle', () => {
    const manifest = [
      doc('CustomResourceDefinition', 'crd1'),
      doc('CustomResourceDefinition', 'crd2'),
      ...Array.from({ length: 20 }, (_, i) => doc('ConfigMap', `cm${i}`)),
      doc('Job', 'pre', { 'helm.sh/hook': 'pre-install' }),
    ].join('\n');
    const bundles = helmBundles(manifest, release, 512 * 1024);
    expect(bundles.map((b) => names(b.resources).length)).toEqual([1, 1, 1, 15, 5]);
    expect(names(bundles[0].resources)).toEqual(['pre']);
    expect(names(bundles[1].resources)).toEqual(['crd1']);
    expect(bundles.map((b) => b.extra?.isLastHelmReleaseBundle)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(bundles[0].extra).toMatchObject({
      helmReleaseName: 'tetragon',
      helmReleaseNamespace: 'kube-system',
      helmChartVersion: '1.5.0',
      helmRepoURL: 'https://helm.cilium.io/',
    });
  });

  it('keeps every bundle within the byte budget and names an object too large for any', () => {
    const big = (name: string): string =>
      `${doc('ConfigMap', name)}data:\n  d: "${'x'.repeat(3000)}"\n`;
    const manifest = Array.from({ length: 6 }, (_, i) => big(`b${i}`)).join('\n');
    const bundles = helmBundles(manifest, release, 7000);
    for (const b of bundles) {
      expect(b.resources.reduce((n, r) => n + Buffer.byteLength(r), 0)).toBeLessThanOrEqual(7000);
    }
    expect(bundles.flatMap((b) => names(b.resources))).toHaveLength(6);
    expect(() => helmBundles(manifest, release, 1000)).toThrow(BundleTooLargeError);
    expect(() => helmBundles(manifest, release, 1000)).toThrow(
      /ConfigMap kube-system\/b0 is \d+ bytes/,
    );
  });
});
