// HelmCli against a lab cluster and the lab chart repository with the real helm binary:
// install, idempotent list/status/values, upgrade with values, unknown version, template,
// uninstall; credentials only in private temp files that are gone afterwards.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChartRepository } from '../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../lab/chart-repo/chart-repository.js';
import { startTestLab } from '../test/support/lab.js';
import type { TestLab } from '../test/support/lab.js';
import { HelmCli, HelmError } from './helm-cli.js';

let lab: TestLab;
let repo: ChartRepository;
let home: string;
let helm: HelmCli;
let cluster: { kubeconfigYaml: string; clusterKey: string };
const release = { name: 'kyverno-latest', namespace: 'kyverno' };

beforeAll(async () => {
  [lab, repo] = await Promise.all([startTestLab({ clusters: ['h1'] }), startChartRepository()]);
  home = mkdtempSync(join(tmpdir(), 'helm-cli-test-'));
  helm = new HelmCli({ homeDir: home, env: { PATH: process.env.PATH } });
  cluster = { kubeconfigYaml: readFileSync(lab.kubeconfig('h1'), 'utf8'), clusterKey: 'h1' };
});

afterAll(async () => {
  await Promise.all([lab?.stop(), repo?.stop()]);
  if (home) rmSync(home, { recursive: true, force: true });
});

const install = (version: string, valuesYaml = '') =>
  helm.upgradeInstall({
    ...cluster,
    releaseName: release.name,
    namespace: release.namespace,
    chart: 'kyverno/kyverno',
    repoURL: `${repo.url}/kyverno/`,
    version,
    valuesYaml,
    createNamespace: true,
  });

describe('HelmCli', () => {
  it('installs, reports, upgrades with values and uninstalls a release', async () => {
    const installed = await install('3.5.1');
    expect(installed).toMatchObject({
      ...release,
      revision: 1,
      status: 'deployed',
      chartName: 'kyverno',
      chartVersion: '3.5.1',
    });

    const listed = await helm.listReleases(cluster);
    expect(listed).toEqual([
      expect.objectContaining({
        ...release,
        revision: 1,
        chartVersion: '3.5.1',
        status: 'deployed',
      }),
    ]);
    expect(await helm.getValues(cluster, release)).toEqual({});

    const upgraded = await install('3.5.1', 'admissionController:\n  replicas: 2\n');
    expect(upgraded).toMatchObject({ revision: 2, status: 'deployed' });
    expect(await helm.getValues(cluster, release)).toEqual({
      admissionController: { replicas: 2 },
    });
    expect(await helm.status(cluster, release)).toMatchObject({
      revision: 2,
      status: 'deployed',
      chartVersion: '3.5.1',
    });

    expect(await helm.uninstall(cluster, release)).toBe(true);
    expect(await helm.uninstall(cluster, release)).toBe(false);
    expect(await helm.status(cluster, release)).toBeUndefined();
    expect(await helm.listReleases(cluster, { namespace: 'kyverno' })).toEqual([]);
  });

  it('fails an unknown chart version with helm’s own message naming the version', async () => {
    const error = (await install('9.9.9').catch((e: unknown) => e)) as HelmError;
    expect(error).toBeInstanceOf(HelmError);
    expect(error.reason).toBe('ChartNotFound');
    expect(error.message).toMatch(
      /^chart "kyverno" version "9.9.9" not found in http:\/\/127.0.0.1:\d+\/kyverno\/? repository$/,
    );
  });

  it('renders a chart for a given Kubernetes version without a cluster', async () => {
    const out = await helm.template({
      releaseName: 'tetragon',
      namespace: 'kube-system',
      chart: 'cilium/tetragon',
      repoURL: `${repo.url}/cilium`,
      version: '1.5.0',
      valuesYaml: '',
      kubeVersion: 'v1.32.5',
      apiVersions: ['monitoring.coreos.com/v1'],
    });
    expect(out).toContain('kind: DaemonSet');
  });

  it('leaves no kubeconfig or values file behind', () => {
    expect(readdirSync(home).sort()).toEqual(['cache', 'config', 'data']);
  });
});
