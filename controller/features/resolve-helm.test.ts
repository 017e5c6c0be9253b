import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { HelmChart } from '../../api/types/index.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import { aConfigMap, aSecret, aTarget, sourceStores } from '../../test/support/feature-fixtures.js';
import { resolveHelm } from './resolve-helm.js';
import { ReferenceNotFoundError } from './source-loader.js';

const seedChart: HelmChart = {
  repositoryURL: 'https://kyverno.github.io/kyverno/',
  repositoryName: 'kyverno',
  chartName: 'kyverno/kyverno',
  chartVersion: '3.5.1',
  releaseName: 'kyverno-latest',
  releaseNamespace: 'kyverno',
  helmChartAction: 'Install',
};
const mirrors = [{ from: 'https://kyverno.github.io/kyverno/', to: 'http://127.0.0.1:9/kyverno/' }];

function resolve(chart: Partial<HelmChart>, stores = sourceStores(), extra = {}) {
  const target = aTarget({ spec: { helmCharts: [{ ...seedChart, ...chart }] }, ...extra });
  return resolveHelm(target, { stores, mirrors });
}

describe('resolveHelm', () => {
  it('resolves the seed chart through the mirror', () => {
    const desired = resolve({});
    expect(desired.feature).toBe('Helm');
    expect(desired.charts).toEqual([
      {
        repositoryURL: 'http://127.0.0.1:9/kyverno',
        repositoryName: 'kyverno',
        chartName: 'kyverno/kyverno',
        chartVersion: '3.5.1',
        releaseName: 'kyverno-latest',
        releaseNamespace: 'kyverno',
        values: '',
        helmChartAction: 'Install',
      },
    ]);
  });

  it('merges values and then each valuesFrom source in order', () => {
    const stores = sourceStores(
      [aConfigMap('aks', 'cleanup', { 'v.yaml': 'cleanupController:\n  replicas: 2\nshared: cm' })],
      [
        aSecret('default', 'admission', {
          'v.yaml': 'admissionController:\n  replicas: 3\nshared: secret',
        }),
      ],
    );
    const desired = resolve(
      {
        values: 'admissionController:\n  replicas: 1\n  tag: x\nshared: inline\n',
        valuesFrom: [
          { kind: 'ConfigMap', name: 'cleanup' },
          { kind: 'Secret', name: 'admission', namespace: 'default' },
        ],
      },
      stores,
    );
    expect(load(desired.charts![0].values)).toEqual({
      admissionController: { replicas: 3, tag: 'x' },
      cleanupController: { replicas: 2 },
      shared: 'secret',
    });
  });

  it('rewrites an OCI chart name with the mirror', () => {
    const desired = resolveHelm(
      aTarget({
        spec: {
          helmCharts: [
            {
              ...seedChart,
              repositoryURL: 'oci://registry-1.docker.io/bitnamicharts',
              chartName: 'oci://registry-1.docker.io/bitnamicharts/vault',
            },
          ],
        },
      }),
      {
        stores: sourceStores(),
        mirrors: [{ from: 'oci://registry-1.docker.io/', to: 'oci://mirror.local/' }],
      },
    );
    expect(desired.charts![0]).toMatchObject({
      repositoryURL: 'oci://mirror.local/bitnamicharts',
      chartName: 'oci://mirror.local/bitnamicharts/vault',
    });
  });

  it('needs only the release for Uninstall', () => {
    const desired = resolve({
      helmChartAction: 'Uninstall',
      chartVersion: undefined,
      values: 'x: 1',
    });
    expect(desired.charts![0]).toMatchObject({ helmChartAction: 'Uninstall', values: '' });
  });

  it.each([
    ['chartVersion', { chartVersion: '' }, 'helmCharts[0].chartVersion is required'],
    ['chartName', { chartName: undefined }, 'helmCharts[0].chartName is required'],
    ['values', { values: '- a' }, 'helmCharts[0].values must be a YAML mapping of values'],
  ])('refuses a chart with a bad %s', (_name, chart, message) => {
    expect(() => resolve(chart)).toThrow(NonRetriableError);
    expect(() => resolve(chart)).toThrow(message);
  });

  it('fails on a missing valuesFrom source unless optional', () => {
    const ref = { kind: 'ConfigMap' as const, name: 'nope' };
    expect(() => resolve({ valuesFrom: [ref] })).toThrow(ReferenceNotFoundError);
    expect(() => resolve({ valuesFrom: [ref] })).toThrow(/by helmCharts\[0\]\.valuesFrom\[0\]/);
    expect(resolve({ valuesFrom: [{ ...ref, optional: true }] }).charts![0].values).toBe('');
  });

  it('changes the hash with version, values, mirror target and tier', () => {
    const h = resolve({}).hash;
    expect(resolve({}).hash).toBe(h);
    expect(resolve({ chartVersion: '3.5.2' }).hash).not.toBe(h);
    expect(resolve({ values: 'a: 1' }).hash).not.toBe(h);
    expect(resolve({}, sourceStores(), { tier: 1 }).hash).not.toBe(h);
    const other = resolveHelm(aTarget({ spec: { helmCharts: [seedChart] } }), {
      stores: sourceStores(),
      mirrors: [{ from: mirrors[0].from, to: 'http://elsewhere/' }],
    });
    expect(other.hash).not.toBe(h);
  });
});
