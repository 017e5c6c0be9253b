// The whole controller in push mode (real push deliverer, real helm via the lab chart
// repository, real kubectl): a values change upgrades the release to revision 2,
// helmChartAction Uninstall removes it, an unknown chart version fails naming the version and is
// never Provisioned, and the tier rule settles two profiles that want one release (lower tier
// wins, equal tiers keep the first owner, the loser takes over when the winner withdraws).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelmChart } from '../../api/types/index.js';
import {
  applyYaml,
  clusterProfileYaml,
  eventsOn,
  featureOf,
  getSummary,
  mgmtKubectl,
  releasesIn,
  startPushE2E,
  waitForFeature,
} from '../support/controller-e2e.js';
import type { PushE2E } from '../support/controller-e2e.js';
import { helm, waitFor } from '../support/kubectl.js';

let e: PushE2E;

beforeAll(async () => {
  e = await startPushE2E({
    managed: ['cluster02'],
    clusters: [{ namespace: 'aks', name: 'cluster02', labels: { env: 'test' } }],
  });
}, 120_000);

afterAll(async () => {
  await e?.stop();
});

function kyverno(release: string, namespace: string, extra: Partial<HelmChart> = {}): HelmChart {
  return {
    repositoryURL: 'https://kyverno.github.io/kyverno/',
    repositoryName: 'kyverno',
    chartName: 'kyverno/kyverno',
    chartVersion: '3.5.1',
    releaseName: release,
    releaseNamespace: namespace,
    helmChartAction: 'Install',
    ...extra,
  };
}

function profile(name: string, charts: HelmChart[], tier?: number): string {
  return clusterProfileYaml(name, {
    clusterSelector: { matchLabels: { env: 'test' } },
    syncMode: 'Continuous',
    ...(tier === undefined ? {} : { tier }),
    helmCharts: charts,
  });
}

const helmOf = (name: string): { namespace: string; summary: string; feature: string } => ({
  namespace: 'aks',
  summary: `${name}-sveltos-cluster02`,
  feature: 'Helm',
});

async function releaseIn(namespace: string): Promise<Array<Record<string, string>>> {
  const all = await releasesIn(e, 'cluster02');
  return all.filter((r) => r.namespace === namespace) as unknown as Array<Record<string, string>>;
}

describe('Helm values and actions', () => {
  it('a values change upgrades the release to revision 2, and Uninstall removes it', async () => {
    const values = (replicas: number): string => `admissionController:\n  replicas: ${replicas}\n`;
    await applyYaml(e, profile('kv-values', [kyverno('kv', 'values-ns', { values: values(1) })]));
    const first = await waitForFeature(e, helmOf('kv-values'), (f) => f.status === 'Provisioned');
    expect(await releaseIn('values-ns')).toMatchObject([
      { name: 'kv', chart: 'kyverno-3.5.1', revision: '1', status: 'deployed' },
    ]);

    await applyYaml(e, profile('kv-values', [kyverno('kv', 'values-ns', { values: values(2) })]));
    const upgraded = await waitForFeature(
      e,
      helmOf('kv-values'),
      (f) => f.status === 'Provisioned' && f.hash !== first.hash,
    );
    const upgradedHash = upgraded.hash;
    expect(await releaseIn('values-ns')).toMatchObject([
      { name: 'kv', chart: 'kyverno-3.5.1', revision: '2', status: 'deployed' },
    ]);
    const got = await helm(['get', 'values', 'kv', '-n', 'values-ns', '-o', 'json'], {
      kubeconfig: e.env.lab.kubeconfig('cluster02'),
    });
    expect(JSON.parse(got.stdout)).toEqual({ admissionController: { replicas: 2 } });
    const summaryEvents = await eventsOn(e, 'aks', 'kv-values-sveltos-cluster02');
    expect(summaryEvents.map((ev) => ev.reason)).toEqual(
      expect.arrayContaining(['HelmReleaseInstalled', 'HelmReleaseUpgraded']),
    );
    const upgradeEvent = summaryEvents.find((ev) => ev.reason === 'HelmReleaseUpgraded');
    expect(upgradeEvent?.message).toContain('revision 2 (values changed)');
    const profileEvents = await eventsOn(e, 'default', 'kv-values');
    expect(profileEvents).toContainEqual(expect.objectContaining({ reason: 'FeatureProvisioned' }));

    await applyYaml(
      e,
      profile('kv-values', [kyverno('kv', 'values-ns', { helmChartAction: 'Uninstall' })]),
    );
    await waitFor(async () => (await releaseIn('values-ns')).length === 0, {
      what: 'release kv uninstalled',
      timeoutMs: 60_000,
    });
    await waitForFeature(
      e,
      helmOf('kv-values'),
      (f) => f.status === 'Provisioned' && f.hash !== upgradedHash,
    );
    expect(await eventsOn(e, 'aks', 'kv-values-sveltos-cluster02')).toContainEqual(
      expect.objectContaining({ reason: 'HelmReleaseUninstalled' }),
    );
  }, 150_000);

  it('an unknown chart version is Failed naming the version and never Provisioned', async () => {
    await applyYaml(
      e,
      profile('kv-bad', [kyverno('kv-bad', 'bad-ns', { chartVersion: '9.9.9-missing' })]),
    );
    const seen = new Set<string>();
    const failed = await waitFor(
      async () => {
        const f = await featureOf(e, helmOf('kv-bad'));
        if (f?.status) seen.add(f.status);
        return f && (f.consecutiveFailures ?? 0) >= 2 ? f : undefined;
      },
      { what: 'two failed deliveries of kv-bad', timeoutMs: 60_000 },
    );
    expect(failed.status).toBe('Failed');
    expect(failed.failureMessage).toContain('9.9.9-missing');
    expect(seen.has('Provisioned')).toBe(false);
    expect(await releaseIn('bad-ns')).toEqual([]);
    const status = await mgmtKubectl(e, [
      'get',
      'clusterprofile',
      'kv-bad',
      '-o',
      'jsonpath={.status.failedClusters[0].failureMessage}',
    ]);
    expect(status.stdout).toContain('9.9.9-missing');
    expect(await eventsOn(e, 'default', 'kv-bad')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'FeatureFailed' }),
    );
  }, 120_000);
});

describe('tier conflicts over one release', () => {
  it('the lower tier wins, equal tiers keep the first owner, and a loser takes over when the winner withdraws', async () => {
    await applyYaml(e, profile('tier-low', [kyverno('contested', 'tier-ns')], 50));
    await waitForFeature(e, helmOf('tier-low'), (f) => f.status === 'Provisioned');

    await applyYaml(
      e,
      profile('tier-high', [kyverno('contested', 'tier-ns', { chartVersion: '3.5.2' })], 100),
    );
    const lost = await waitForFeature(e, helmOf('tier-high'), (f) => f.status === 'Failed');
    expect(lost.failureMessage).toContain('ClusterProfile tier-low');
    expect(lost.failureMessage).toContain('lower tier wins');
    const high = await getSummary(e, 'aks', 'tier-high-sveltos-cluster02');
    expect(high?.status?.helmReleaseSummaries?.[0]).toMatchObject({
      releaseName: 'contested',
      status: 'Conflict',
    });
    expect(high?.status?.helmReleaseSummaries?.[0]?.conflictMessage).toContain('tier-low');

    await applyYaml(e, profile('tier-peer', [kyverno('contested', 'tier-ns')], 50));
    const peer = await waitForFeature(e, helmOf('tier-peer'), (f) => f.status === 'Failed');
    expect(peer.failureMessage).toContain('ClusterProfile tier-low');
    expect(peer.failureMessage).toContain('first owner at equal tier keeps it');
    expect(await releaseIn('tier-ns')).toMatchObject([
      { name: 'contested', chart: 'kyverno-3.5.1', revision: '1' },
    ]);

    // A loser withdrawing leaves the winner's release alone.
    await mgmtKubectl(e, ['delete', 'clusterprofile', 'tier-peer', '--timeout=60s']);
    expect(await releaseIn('tier-ns')).toMatchObject([
      { name: 'contested', chart: 'kyverno-3.5.1', revision: '1', status: 'deployed' },
    ]);

    // The winner withdrawing hands the release to the remaining loser.
    await mgmtKubectl(e, ['delete', 'clusterprofile', 'tier-low', '--timeout=60s']);
    await waitForFeature(e, helmOf('tier-high'), (f) => f.status === 'Provisioned');
    const [release] = await releaseIn('tier-ns');
    expect(release).toMatchObject({
      name: 'contested',
      chart: 'kyverno-3.5.2',
      status: 'deployed',
    });

    // The kyverno chart's CRDs are cluster-wide: withdraw it before the next test installs one.
    await mgmtKubectl(e, ['delete', 'clusterprofile', 'tier-high', '--timeout=60s']);
    expect(await releaseIn('tier-ns')).toEqual([]);
  }, 180_000);

  it('a lower tier applied later takes the release over, and the previous owner reports the Conflict', async () => {
    await applyYaml(e, profile('first-high', [kyverno('taken', 'taken-ns')], 100));
    await waitForFeature(e, helmOf('first-high'), (f) => f.status === 'Provisioned');

    await applyYaml(
      e,
      profile('later-low', [kyverno('taken', 'taken-ns', { chartVersion: '3.5.2' })], 10),
    );
    await waitForFeature(e, helmOf('later-low'), (f) => f.status === 'Provisioned');
    expect(await releaseIn('taken-ns')).toMatchObject([
      { name: 'taken', chart: 'kyverno-3.5.2', revision: '2', status: 'deployed' },
    ]);
    const lost = await waitForFeature(e, helmOf('first-high'), (f) => f.status === 'Failed');
    expect(lost.failureMessage).toContain('ClusterProfile later-low');
    const high = await getSummary(e, 'aks', 'first-high-sveltos-cluster02');
    expect(high?.status?.helmReleaseSummaries?.[0]).toMatchObject({
      releaseName: 'taken',
      status: 'Conflict',
    });
    expect(await eventsOn(e, 'aks', 'first-high-sveltos-cluster02')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'TakenOver' }),
    );
    // The loser never took the release back.
    expect(await releaseIn('taken-ns')).toMatchObject([{ chart: 'kyverno-3.5.2', revision: '2' }]);
  }, 150_000);
});
