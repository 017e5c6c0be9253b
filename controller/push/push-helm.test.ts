// The push deliverer's Helm feature against lab clusters with the real helm binary and the lab
// chart repository mirrored for the seed's public repository URLs: install, skip, upgrade on
// values and version, unknown version, Uninstall action, stale releases, tier conflicts and
// withdrawal. The lab's workloads never become Ready, so nothing here waits for readiness.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelmChart } from '../../api/types/index.js';
import { helm } from '../../test/support/kubectl.js';
import { startPushWorld } from '../../test/support/push-world.js';
import type { PushWorld } from '../../test/support/push-world.js';

let world: PushWorld;

const seedChart: HelmChart = {
  repositoryURL: 'https://kyverno.github.io/kyverno/',
  repositoryName: 'kyverno',
  chartName: 'kyverno/kyverno',
  chartVersion: '3.5.1',
  releaseName: 'kyverno-latest',
  releaseNamespace: 'kyverno',
  helmChartAction: 'Install',
};

const tetragon = (over: Partial<HelmChart> = {}): HelmChart => ({
  repositoryURL: 'https://helm.cilium.io/',
  repositoryName: 'cilium',
  chartName: 'cilium/tetragon',
  chartVersion: '1.5.0',
  releaseName: 'tetragon',
  releaseNamespace: 'kube-system',
  ...over,
});

interface Listed {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
}

async function helmList(cluster: string): Promise<Listed[]> {
  const r = await helm(['list', '-A', '-o', 'json'], {
    kubeconfig: world.env.lab.kubeconfig(cluster),
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Listed[];
}

beforeAll(async () => {
  world = await startPushWorld(['cluster02', 'cluster03']);
});

afterAll(async () => {
  await world?.stop();
});

describe('push delivery of Helm charts', () => {
  it('installs the seed kyverno chart through the mirror, upgrades on values and version, and refuses an unknown version', async () => {
    const target = await world.summary({
      profile: 'deploy-kyverno',
      cluster: 'cluster02',
      spec: { helmCharts: [seedChart] },
    });
    const spec = target.summary.spec!.clusterProfileSpec!;

    const first = await world.deploy(target, 'Helm');
    expect(first.failureMessage).toBeUndefined();
    expect(first.status).toBe('Provisioned');
    expect(first.helmReleaseSummaries).toEqual([
      expect.objectContaining({
        releaseName: 'kyverno-latest',
        releaseNamespace: 'kyverno',
        status: 'Managing',
        chartVersion: '3.5.1',
        repoURL: 'https://kyverno.github.io/kyverno/',
      }),
    ]);
    expect(await helmList('cluster02')).toEqual([
      expect.objectContaining({
        name: 'kyverno-latest',
        namespace: 'kyverno',
        chart: 'kyverno-3.5.1',
        status: 'deployed',
        revision: '1',
      }),
    ]);

    // Same chart, version and values: nothing to do, no new revision.
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
    expect((await helmList('cluster02'))[0].revision).toBe('1');

    spec.helmCharts = [{ ...seedChart, values: 'admissionController:\n  replicas: 3\n' }];
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
    expect(await helmList('cluster02')).toEqual([
      expect.objectContaining({ revision: '2', chart: 'kyverno-3.5.1' }),
    ]);
    const values = await helm(['get', 'values', 'kyverno-latest', '-n', 'kyverno', '-o', 'json'], {
      kubeconfig: world.env.lab.kubeconfig('cluster02'),
    });
    expect(JSON.parse(values.stdout)).toEqual({ admissionController: { replicas: 3 } });

    spec.helmCharts = [
      { ...seedChart, chartVersion: '3.5.2', values: 'admissionController:\n  replicas: 3\n' },
    ];
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
    expect(await helmList('cluster02')).toEqual([
      expect.objectContaining({ revision: '3', chart: 'kyverno-3.5.2', status: 'deployed' }),
    ]);

    spec.helmCharts = [{ ...seedChart, chartVersion: '9.9.9' }];
    const failed = await world.deploy(target, 'Helm');
    expect(failed.status).toBe('Failed');
    expect(failed.failureMessage).toMatch(
      /^Failed to upgrade Helm chart kyverno\/kyverno 9\.9\.9 \(release kyverno\/kyverno-latest\): chart "kyverno" version "9\.9\.9" not found in http:\/\/127\.0\.0\.1:\d+\/kyverno\/? repository$/,
    );
    expect(await helmList('cluster02')).toEqual([
      expect.objectContaining({ revision: '3', chart: 'kyverno-3.5.2', status: 'deployed' }),
    ]);

    const events = await world.eventsOf(target);
    expect(events.map((e) => e.reason)).toEqual(
      expect.arrayContaining([
        'HelmReleaseInstalled',
        'HelmReleaseUpgraded',
        'HelmReleaseFailed',
        'HelmFailed',
      ]),
    );
    expect(events.find((e) => e.message.includes('3.5.1 → 3.5.2'))?.reason).toBe(
      'HelmReleaseUpgraded',
    );

    const metrics = await world.ctx.metrics.render();
    expect(metrics).toMatch(
      /sveltos_controller_deploy_duration_seconds_count\{[^}]*feature="Helm"[^}]*result="failure"[^}]*\} 1/,
    );

    spec.helmCharts = [{ ...seedChart, helmChartAction: 'Uninstall' }];
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
    expect(await helmList('cluster02')).toEqual([]);
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
  });

  it('lets the lower tier take a release, reports the loser as Conflict naming the winner, and uninstalls on withdrawal', async () => {
    const first = await world.summary({
      profile: 'tetragon-a',
      cluster: 'cluster03',
      spec: { helmCharts: [tetragon()] },
    });
    const same = await world.summary({
      profile: 'tetragon-b',
      cluster: 'cluster03',
      spec: { helmCharts: [tetragon({ chartVersion: '1.5.1' })] },
    });
    const lower = await world.summary({
      profile: 'tetragon-c',
      cluster: 'cluster03',
      tier: 50,
      spec: { helmCharts: [tetragon({ chartVersion: '1.5.1' })] },
    });

    expect((await world.deploy(first, 'Helm')).status).toBe('Provisioned');

    const conflict = await world.deploy(same, 'Helm');
    expect(conflict.status).toBe('Failed');
    expect(conflict.conflict).toBe(true);
    expect(conflict.failureMessage).toBe(
      'Helm release kube-system/tetragon is managed by ClusterProfile tetragon-a (tier 100) (first owner at equal tier keeps it)',
    );
    expect(conflict.helmReleaseSummaries).toEqual([
      expect.objectContaining({ status: 'Conflict', conflictMessage: conflict.failureMessage }),
    ]);
    expect(await helmList('cluster03')).toEqual([
      expect.objectContaining({ name: 'tetragon', chart: 'tetragon-1.5.0' }),
    ]);

    expect((await world.deploy(lower, 'Helm')).status).toBe('Provisioned');
    expect(await helmList('cluster03')).toEqual([
      expect.objectContaining({ name: 'tetragon', chart: 'tetragon-1.5.1', revision: '2' }),
    ]);
    expect(await world.eventsOf(first)).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'TakenOver' }),
    );
    const again = await world.deploy(first, 'Helm');
    expect(again.failureMessage).toBe(
      'Helm release kube-system/tetragon is managed by ClusterProfile tetragon-c (tier 50) (lower tier wins)',
    );

    // The loser withdrawing must not touch the winner's release.
    expect((await world.withdraw(first, 'Helm')).status).toBe('Removed');
    expect(await helmList('cluster03')).toHaveLength(1);

    expect((await world.withdraw(lower, 'Helm')).status).toBe('Removed');
    expect(await helmList('cluster03')).toEqual([]);
  });

  it('uninstalls a release whose chart left the profile', async () => {
    const one = tetragon({ releaseName: 'tg-one', releaseNamespace: 'one' });
    const two = tetragon({ releaseName: 'tg-two', releaseNamespace: 'two' });
    const target = await world.summary({
      profile: 'two-charts',
      cluster: 'cluster03',
      spec: { helmCharts: [one, two] },
    });
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
    expect((await helmList('cluster03')).map((r) => r.name).sort()).toEqual(['tg-one', 'tg-two']);

    target.summary.spec!.clusterProfileSpec!.helmCharts = [one];
    expect((await world.deploy(target, 'Helm')).status).toBe('Provisioned');
    expect((await helmList('cluster03')).map((r) => r.name)).toEqual(['tg-one']);

    expect((await world.withdraw(target, 'Helm')).status).toBe('Removed');
    expect(await helmList('cluster03')).toEqual([]);
  });
});
