import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import { aHelmChart } from '../../test/fixtures/profiles/builders.js';
import { validateHelmCharts } from './helm-charts.js';
import type { ProfileScope } from './profile-scope.js';

const clusterProfile: ProfileScope = { kind: 'ClusterProfile', name: 'p', namespace: '' };
const profile: ProfileScope = { kind: 'Profile', name: 'p', namespace: 'team-a' };

function messages(charts: unknown, scope: ProfileScope = clusterProfile): string[] {
  return validateHelmCharts(charts, scope, []).map(formatFieldProblem);
}

describe('validateHelmCharts', () => {
  it.each([
    ['an HTTP chart', aHelmChart()],
    ['an HTTP chart without helmChartAction', aHelmChart({ helmChartAction: undefined })],
    ['an Uninstall', aHelmChart({ helmChartAction: 'Uninstall' })],
    [
      'an OCI chart by bare name',
      aHelmChart({
        repositoryURL: 'oci://registry-1.docker.io/bitnamicharts',
        repositoryName: 'bitnamicharts',
        chartName: 'vault',
      }),
    ],
    [
      'an OCI chart by full reference',
      aHelmChart({
        repositoryURL: 'oci://ghcr.io/org/charts/',
        repositoryName: 'org',
        chartName: 'oci://ghcr.io/org/charts/app',
      }),
    ],
    ['a plain http repository', aHelmChart({ repositoryURL: 'http://127.0.0.1:8080/charts' })],
    ['a release name with a dot', aHelmChart({ releaseName: 'kyverno.v3' })],
    ['values with templates', aHelmChart({ values: 'replicas: {{ .Cluster.spec.n }}\n' })],
    ['valuesFrom', aHelmChart({ valuesFrom: [{ kind: 'ConfigMap', name: 'v', namespace: 'x' }] })],
    [
      'options',
      aHelmChart({
        options: { timeout: '5m0s', uninstallOptions: { deletionPropagation: 'foreground' } },
      }),
    ],
  ])('accepts %s', (_name, chart) => {
    expect(messages([chart])).toEqual([]);
  });

  it.each([
    [
      { repositoryURL: 'ftp://charts.example.com' },
      'spec.helmCharts[0].repositoryURL: "ftp://charts.example.com": must be an http://, https:// or oci:// URL',
    ],
    [{ repositoryURL: 'kyverno.github.io/kyverno' }, 'must be an http://, https:// or oci:// URL'],
    [{ repositoryURL: '' }, 'spec.helmCharts[0].repositoryURL: required value'],
    [
      { chartName: 'kyverno' },
      'spec.helmCharts[0].chartName: "kyverno": must be "<repositoryName>/<chart>" for an HTTP repository, e.g. "kyverno/kyverno"',
    ],
    [{ chartName: 'other/kyverno' }, 'must be "<repositoryName>/<chart>"'],
    [{ chartName: 'kyverno/' }, 'must be "<repositoryName>/<chart>"'],
    [{ repositoryName: undefined }, 'spec.helmCharts[0].repositoryName: required value'],
    [
      { chartVersion: 'v3.x' },
      'spec.helmCharts[0].chartVersion: "v3.x": not a valid semantic version',
    ],
    [{ chartVersion: 'latest' }, 'chartVersion: "latest": not a valid semantic version'],
    [{ releaseName: 'Kyverno' }, 'releaseName: "Kyverno": not a valid Helm release name'],
    [{ releaseName: 'a'.repeat(54) }, 'must be no more than 53 characters'],
    [{ releaseName: '' }, 'releaseName: required value'],
    [
      { releaseNamespace: 'kyverno_ns' },
      'releaseNamespace: "kyverno_ns": a lowercase RFC 1123 label',
    ],
    [{ releaseNamespace: 'a.b' }, 'releaseNamespace: "a.b": a lowercase RFC 1123 label'],
    [
      { helmChartAction: 'Upgrade' },
      'helmChartAction: "Upgrade": unsupported value: supported values: "Install", "Uninstall"',
    ],
    [{ values: 'a: b\n c: : d' }, 'values: "a: b\\n c: : d": not valid YAML'],
    [
      { valuesFrom: [{ kind: 'Deployment', name: 'x' }] },
      'valuesFrom[0].kind: "Deployment": unsupported value',
    ],
    [{ valuesFrom: [{ kind: 'Secret' }] }, 'valuesFrom[0].name: required value'],
    [
      { options: { timeout: 'five minutes' } },
      'options.timeout: "five minutes": not a valid duration',
    ],
    [
      { options: { uninstallOptions: { deletionPropagation: 'Orphan' } } },
      'deletionPropagation: "Orphan": unsupported value',
    ],
    [
      { repositoryURL: 'oci://ghcr.io/org/charts', chartName: 'oci://quay.io/x/app' },
      'chartName: "oci://quay.io/x/app": must be a chart under repositoryURL',
    ],
  ])('refuses %j', (overrides, fragment) => {
    expect(messages([aHelmChart(overrides)]).join('\n')).toContain(fragment);
  });

  it('refuses two charts installing the same release namespace/name', () => {
    const charts = [aHelmChart(), aHelmChart({ chartVersion: '3.3.4' })];
    expect(messages(charts)).toEqual([
      'spec.helmCharts[1].releaseName: "kyverno-latest": duplicate release kyverno/kyverno-latest: spec.helmCharts[0] already installs it',
    ]);
  });

  it('allows the same release name in two namespaces', () => {
    expect(messages([aHelmChart(), aHelmChart({ releaseNamespace: 'other' })])).toEqual([]);
  });

  it('lists every problem of every chart', () => {
    const charts = [
      aHelmChart({ chartVersion: 'x.y' }),
      aHelmChart({ releaseName: 'B', releaseNamespace: 'n' }),
    ];
    const found = messages(charts);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^spec\.helmCharts\[0\]\.chartVersion/);
    expect(found[1]).toMatch(/^spec\.helmCharts\[1\]\.releaseName/);
  });

  it('keeps a Profile to valuesFrom of its own namespace', () => {
    const chart = aHelmChart({ valuesFrom: [{ kind: 'Secret', name: 's', namespace: 'other' }] });
    expect(messages([chart], profile)).toEqual([
      'spec.helmCharts[0].valuesFrom[0].namespace: "other": a Profile may only reference its own namespace "team-a" (leave it empty)',
    ]);
    expect(messages([chart], clusterProfile)).toEqual([]);
  });

  it('reports a non-list and non-object entries instead of throwing', () => {
    expect(messages('kyverno')).toEqual(['spec.helmCharts: "kyverno": must be a list']);
    expect(messages([null, 3])).toEqual([
      'spec.helmCharts[0]: null: must be an object',
      'spec.helmCharts[1]: 3: must be an object',
    ]);
  });
});
