import { describe, expect, it } from 'vitest';
import type { HelmRelease } from '../../lib/helm-cli.js';
import type { ResolvedHelmChart } from '../features/feature-types.js';
import { hashOf } from '../features/feature-hash.js';
import { bareChartName, chartSummary, needsValues, planChart, upgradeReason } from './helm-plan.js';
import type { OwnershipDecision } from './ownership-predicates.js';

const chart: ResolvedHelmChart = {
  repositoryURL: 'http://m/kyverno',
  repositoryName: 'kyverno',
  chartName: 'kyverno/kyverno',
  chartVersion: '3.5.1',
  releaseName: 'kyverno-latest',
  releaseNamespace: 'kyverno',
  values: 'replicas: 2\n',
  helmChartAction: 'Install',
};
const release = (over: Partial<HelmRelease> = {}): HelmRelease => ({
  name: 'kyverno-latest',
  namespace: 'kyverno',
  revision: 1,
  status: 'deployed',
  chartName: 'kyverno',
  chartVersion: '3.5.1',
  ...over,
});
const claim: OwnershipDecision = { action: 'claim' };
const winner = { kind: 'ClusterProfile' as const, name: 'a', tier: 1, summary: 'ns/a' };

describe('planChart', () => {
  it.each([
    ['a missing release', chart, claim, undefined, undefined, { kind: 'install' }],
    [
      'the same chart, version and values',
      chart,
      claim,
      release(),
      { replicas: 2 },
      { kind: 'skip' },
    ],
    [
      'changed values',
      chart,
      claim,
      release(),
      { replicas: 1 },
      { kind: 'upgrade', why: 'values changed' },
    ],
    [
      'a new version',
      { ...chart, chartVersion: '3.5.2' },
      claim,
      release(),
      undefined,
      { kind: 'upgrade', why: 'version 3.5.1 → 3.5.2' },
    ],
    [
      'a failed release',
      chart,
      claim,
      release({ status: 'failed' }),
      undefined,
      { kind: 'upgrade', why: 'release is failed' },
    ],
    [
      'another chart under the name',
      chart,
      claim,
      release({ chartName: 'other' }),
      undefined,
      { kind: 'upgrade', why: 'chart other → kyverno' },
    ],
    [
      'an Uninstall of an existing release',
      { ...chart, helmChartAction: 'Uninstall' as const },
      claim,
      release(),
      undefined,
      { kind: 'uninstall' },
    ],
    [
      'an Uninstall of a missing release',
      { ...chart, helmChartAction: 'Uninstall' as const },
      claim,
      undefined,
      undefined,
      { kind: 'absent' },
    ],
    [
      'a release another profile wins',
      chart,
      {
        action: 'conflict',
        winner,
        why: 'managed by ClusterProfile a (tier 1) (lower tier wins)',
      },
      release(),
      undefined,
      {
        kind: 'conflict',
        message:
          'Helm release kyverno/kyverno-latest is managed by ClusterProfile a (tier 1) (lower tier wins)',
      },
    ],
    [
      'a first install interrupted by a killed helm',
      chart,
      claim,
      release({ status: 'pending-install' }),
      undefined,
      { kind: 'reinstall', why: 'its first install was interrupted (pending-install)' },
    ],
    [
      'an interrupted upgrade',
      chart,
      claim,
      release({ status: 'pending-upgrade', revision: 3 }),
      undefined,
      {
        kind: 'blocked',
        message:
          'Helm release kyverno/kyverno-latest is pending-upgrade after an interrupted helm operation: run "helm rollback kyverno-latest -n kyverno" to recover it',
      },
    ],
    [
      'an Uninstall of a release left pending-install',
      { ...chart, helmChartAction: 'Uninstall' as const },
      claim,
      release({ status: 'pending-install' }),
      undefined,
      { kind: 'uninstall' },
    ],
  ] as const)('for %s', (...row) => {
    const [, c, ownership, r, values, expected] = row;
    expect(planChart(c, ownership, r, values)).toEqual(expected);
  });

  it('asks for values only for a deployed release of the same chart and version', () => {
    expect(needsValues(chart, release())).toBe(true);
    expect(needsValues(chart, release({ chartVersion: '3.5.0' }))).toBe(false);
    expect(needsValues(chart, undefined)).toBe(false);
    expect(upgradeReason(chart, release(), undefined)).toBe('values unknown');
  });

  it('reads the chart name from repo/chart and OCI references', () => {
    expect(bareChartName(chart)).toBe('kyverno');
    expect(
      bareChartName({
        ...chart,
        repositoryURL: 'oci://r/charts',
        chartName: 'oci://r/charts/vault',
      }),
    ).toBe('vault');
  });
});

describe('chartSummary', () => {
  it('reports the user’s repository URL, the values hash and conflicts', () => {
    expect(chartSummary(chart, 'https://kyverno.github.io/kyverno/')).toEqual({
      releaseName: 'kyverno-latest',
      releaseNamespace: 'kyverno',
      status: 'Managing',
      chartName: 'kyverno/kyverno',
      chartVersion: '3.5.1',
      repoURL: 'https://kyverno.github.io/kyverno/',
      repositoryName: 'kyverno',
      valuesHash: hashOf({ replicas: 2 }),
    });
    expect(chartSummary(chart, 'u', 'taken')).toMatchObject({
      status: 'Conflict',
      conflictMessage: 'taken',
    });
  });
});
