import { describe, expect, it } from 'vitest';
import {
  chartReference,
  classifyHelmError,
  createsNamespace,
  helmErrorText,
  parseReleaseHistory,
  parseReleaseList,
  parseReleaseStatus,
  splitChart,
  uninstallOptionArgs,
  upgradeOptionArgs,
} from './helm-args.js';

describe('chartReference', () => {
  it.each([
    [
      'an HTTP repository chart',
      'https://kyverno.github.io/kyverno',
      'kyverno/kyverno',
      { chart: 'kyverno', repo: 'https://kyverno.github.io/kyverno' },
    ],
    [
      'a bare chart name',
      'http://127.0.0.1:1/cilium',
      'tetragon',
      { chart: 'tetragon', repo: 'http://127.0.0.1:1/cilium' },
    ],
    [
      'an OCI chart named in full',
      'oci://registry-1.docker.io/bitnamicharts',
      'oci://registry-1.docker.io/bitnamicharts/vault',
      { chart: 'oci://registry-1.docker.io/bitnamicharts/vault' },
    ],
    [
      'an OCI repository with a short chart name',
      'oci://ghcr.io/org/charts/',
      'org/app',
      { chart: 'oci://ghcr.io/org/charts/app' },
    ],
  ])('builds %s', (_name, url, chart, expected) => {
    expect(chartReference(url, chart)).toEqual(expected);
  });
});

describe('option flags', () => {
  it('maps Sveltos HelmOptions to helm 4 upgrade flags', () => {
    expect(
      upgradeOptionArgs({
        wait: true,
        atomic: true,
        skipCRDs: true,
        timeout: '2m',
        description: 'by sveltos',
        labels: { team: 'a' },
        installOptions: { takeOwnership: true },
        upgradeOptions: { maxHistory: 2, force: true, disableHooks: true },
      }),
    ).toEqual([
      '--wait',
      '--rollback-on-failure',
      '--skip-crds',
      '--force-replace',
      '--take-ownership',
      '--no-hooks',
      '--timeout',
      '2m',
      '--description',
      'by sveltos',
      '--history-max',
      '2',
      '--labels',
      'team=a',
    ]);
    expect(upgradeOptionArgs(undefined)).toEqual([]);
  });

  it('maps uninstall options', () => {
    expect(
      uninstallOptionArgs({
        uninstallOptions: { keepHistory: true, deletionPropagation: 'foreground' },
        timeout: '1m',
      }),
    ).toEqual(['--keep-history', '--cascade', 'foreground', '--timeout', '1m']);
    expect(uninstallOptionArgs(undefined)).toEqual([]);
  });

  it('creates the namespace unless told not to', () => {
    expect(createsNamespace(undefined)).toBe(true);
    expect(createsNamespace({ installOptions: { createNamespace: false } })).toBe(false);
  });
});

describe('helm output', () => {
  it.each([
    ['kyverno-3.5.1', 'kyverno', '3.5.1'],
    ['my-chart-1.0.0-rc.1', 'my-chart', '1.0.0-rc.1'],
    ['chart-2-v0.1.0', 'chart-2', 'v0.1.0'],
    ['odd', 'odd', ''],
  ])('splits %s', (chart, name, version) => {
    expect(splitChart(chart)).toEqual({ chartName: name, chartVersion: version });
  });

  it('parses helm list and helm status JSON', () => {
    expect(
      parseReleaseList(
        '[{"name":"kyverno-latest","namespace":"kyverno","revision":"2","updated":"x","status":"deployed","chart":"kyverno-3.5.1","app_version":"v1.15.1"}]\n',
      ),
    ).toEqual([
      {
        name: 'kyverno-latest',
        namespace: 'kyverno',
        revision: 2,
        status: 'deployed',
        chartName: 'kyverno',
        chartVersion: '3.5.1',
        appVersion: 'v1.15.1',
      },
    ]);
    expect(parseReleaseList('')).toEqual([]);
    expect(
      parseReleaseStatus(
        '{"name":"r","namespace":"n","version":3,"info":{"status":"failed","description":"Upgrade failed"},"chart":{"metadata":{"name":"c","version":"1.0.0"}}}',
      ),
    ).toEqual({
      name: 'r',
      namespace: 'n',
      revision: 3,
      status: 'failed',
      chartName: 'c',
      chartVersion: '1.0.0',
      description: 'Upgrade failed',
    });
  });

  it('parses helm history as the current state of the release', () => {
    const release = { name: 'r', namespace: 'n' };
    expect(
      parseReleaseHistory(
        '[{"revision":2,"updated":"x","status":"deployed","chart":"kyverno-3.5.2","app_version":"v1","description":"Upgrade complete"}]',
        release,
      ),
    ).toEqual({
      ...release,
      revision: 2,
      status: 'deployed',
      chartName: 'kyverno',
      chartVersion: '3.5.2',
      appVersion: 'v1',
      description: 'Upgrade complete',
    });
    expect(parseReleaseHistory('[]', release)).toBeUndefined();
  });

  it.each([
    ['chart "kyverno" version "9.9.9" not found in http://x/kyverno repository', 'ChartNotFound'],
    ['uninstall: Release not loaded: r: release: not found', 'ReleaseNotFound'],
    [
      'looks like "http://x" is not a valid chart repository or cannot be reached: connection refused',
      'RepositoryUnreachable',
    ],
    ['deployments.apps "d" is forbidden: User "u" cannot create resource', 'Forbidden'],
    ['another operation (install/upgrade/rollback) is in progress', 'OperationInProgress'],
    ['something else', 'HelmFailed'],
  ])('classifies "%s"', (message, reason) => {
    expect(classifyHelmError(message)).toBe(reason);
  });

  it('keeps helm’s Error lines and hides private paths', () => {
    expect(helmErrorText('WARNING: x\nError: open /tmp/p/values.yaml: bad\n', ['/tmp/p'])).toBe(
      'open <private>/values.yaml: bad',
    );
    expect(helmErrorText('a\nb\nc\nd\n')).toBe('b; c; d');
    expect(helmErrorText('')).toBe('helm failed without a message');
  });
});
