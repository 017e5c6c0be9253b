// The whole controller in push mode under faults (real push deliverer, real helm, real
// kubectl): a cluster in a lab outage and a cluster whose kubeconfig Secret points nowhere are
// not ready with a clear failureMessage while another cluster is still served (and the outage
// cluster is served once it is back); a controller killed (SIGKILL, with its helm processes) in the middle of a
// rollout to several clusters and replaced by a new one converges with nothing lost or installed twice.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { SveltosCluster } from '../../api/types/index.js';
import { installFaults } from '../../lab/faults/index.js';
import {
  applyYaml,
  clusterProfileYaml,
  featureOf,
  getSummary,
  releasesIn,
  sourceConfigMapYaml,
  startPushE2E,
  waitForFeature,
} from '../support/controller-e2e.js';
import type { PushE2E } from '../support/controller-e2e.js';
import { startControllerProcess } from '../support/controller-process.js';
import type { ControllerProcess } from '../support/controller-process.js';
import { markReleaseStatus } from '../support/controller-helm-storage.js';
import { helm, kubectl, waitFor } from '../support/kubectl.js';

const ROLLOUT = ['r1', 'r2', 'r3', 'r4', 'r5'];

let e: PushE2E;
let crashing: ControllerProcess | undefined;

beforeAll(async () => {
  e = await startPushE2E({
    managed: ['cluster02', 'cluster03', ...ROLLOUT],
    clusters: [
      { namespace: 'aks', name: 'cluster02', labels: { env: 'test' } },
      { namespace: 'aks', name: 'cluster03', labels: { env: 'test' } },
      ...ROLLOUT.map((name) => ({ namespace: 'fleet', name, labels: { rollout: 'yes' } })),
    ],
  });
  // Registered last so its Secret is built from a valid kubeconfig whose server is a closed port.
  const valid = readFileSync(e.env.lab.kubeconfig('cluster02'), 'utf8');
  await e.env.registerCluster({
    namespace: 'aks',
    name: 'nowhere',
    labels: { env: 'test' },
    kubeconfig: valid.replace(/server: .*/, 'server: https://127.0.0.1:1'),
  });
}, 120_000);

afterAll(async () => {
  await crashing?.kill();
  await e?.stop();
});

async function clusterStatus(ns: string, name: string): Promise<SveltosCluster['status']> {
  const ref = {
    apiVersion: SVELTOS_CLUSTER.apiVersion,
    kind: 'SveltosCluster',
    namespace: ns,
    name,
  };
  return ((await e.env.mgmt.get(ref)) as unknown as SveltosCluster | undefined)?.status;
}

function waitNotReady(ns: string, name: string): Promise<SveltosCluster['status']> {
  return waitFor(
    async () => {
      const s = await clusterStatus(ns, name);
      return s?.ready === false && s.failureMessage ? s : undefined;
    },
    { what: `SveltosCluster ${ns}/${name} not ready`, timeoutMs: 60_000 },
  );
}

const resources = (summary: string): { namespace: string; summary: string; feature: string } => ({
  namespace: 'aks',
  summary,
  feature: 'Resources',
});

describe('unreachable clusters', () => {
  it('an outage and a kubeconfig pointing nowhere make clusters not ready with a clear message, while another is served', async () => {
    const faults = installFaults(e.env.lab.cluster('cluster03'));
    faults.set({ outage: true });
    const down = await waitNotReady('aks', 'cluster03');
    expect(down?.connectionStatus).toBe('Down');
    const nowhere = await waitNotReady('aks', 'nowhere');
    expect(nowhere?.failureMessage).toMatch(/127\.0\.0\.1:1|ECONNREFUSED|refused/i);
    expect(nowhere?.failureMessage).not.toContain('BEGIN');

    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'reach-src', [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'reach', namespace: 'default' },
          data: { a: '1' },
        },
      ]),
    );
    await applyYaml(
      e,
      clusterProfileYaml('reach', {
        clusterSelector: { matchLabels: { env: 'test' } },
        policyRefs: [{ kind: 'ConfigMap', name: 'reach-src', namespace: 'default' }],
      }),
    );
    await waitForFeature(
      e,
      resources('reach-sveltos-cluster02'),
      (f) => f.status === 'Provisioned',
    );
    // The unreachable clusters keep their summaries and get nothing delivered.
    expect(await getSummary(e, 'aks', 'reach-sveltos-cluster03')).toBeDefined();
    expect(await getSummary(e, 'aks', 'reach-sveltos-nowhere')).toBeDefined();
    expect((await featureOf(e, resources('reach-sveltos-cluster03')))?.status).not.toBe(
      'Provisioned',
    );
    expect((await featureOf(e, resources('reach-sveltos-nowhere')))?.status).not.toBe(
      'Provisioned',
    );
    const listed = await kubectl(['get', 'sveltosclusters', '-n', 'aks'], {
      kubeconfig: e.env.mgmtKubeconfig,
    });
    expect(listed.stdout).toMatch(/nowhere\s+false/);

    faults.set({ outage: false });
    await waitFor(async () => (await clusterStatus('aks', 'cluster03'))?.ready === true, {
      what: 'cluster03 ready again',
      timeoutMs: 60_000,
    });
    await waitForFeature(
      e,
      resources('reach-sveltos-cluster03'),
      (f) => f.status === 'Provisioned',
    );
    const got = await kubectl(
      ['get', 'configmap', 'reach', '-n', 'default', '-o', 'jsonpath={.data.a}'],
      {
        kubeconfig: e.env.lab.kubeconfig('cluster03'),
      },
    );
    expect(got.stdout).toBe('1');
    expect((await clusterStatus('aks', 'nowhere'))?.ready).toBe(false);
  }, 180_000);
});

describe('controller restart', () => {
  it('a controller killed in the middle of a rollout is replaced and converges with helm revision 1 everywhere', async () => {
    await e.controller.stop();
    crashing = startControllerProcess(e.env, [
      '--workers',
      '5',
      ...e.repo.repositories.flatMap((r) => ['--helm-repository-mirror', `${r.mirrors}=${r.url}/`]),
    ]);
    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'rollout-src', [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'rollout-app' } },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'conf', namespace: 'rollout-app' },
          data: { v: '1' },
        },
      ]),
    );
    await applyYaml(
      e,
      clusterProfileYaml('rollout', {
        clusterSelector: { matchLabels: { rollout: 'yes' } },
        policyRefs: [{ kind: 'ConfigMap', name: 'rollout-src', namespace: 'default' }],
        helmCharts: [
          {
            repositoryURL: 'https://kyverno.github.io/kyverno/',
            repositoryName: 'kyverno',
            chartName: 'kyverno/kyverno',
            chartVersion: '3.5.1',
            releaseName: 'kyverno-latest',
            releaseNamespace: 'kyverno',
            helmChartAction: 'Install',
          },
        ],
      }),
    );
    const helmOf = (c: string): { namespace: string; summary: string; feature: string } => ({
      namespace: 'fleet',
      summary: `rollout-sveltos-${c}`,
      feature: 'Helm',
    });
    // Kill the controller process as soon as the first cluster is done: the others are queued
    // or in the middle of helm.
    await waitFor(
      async () => {
        for (const c of ROLLOUT) {
          if ((await featureOf(e, helmOf(c)))?.status === 'Provisioned') return true;
        }
        return false;
      },
      { what: 'a first cluster provisioned', timeoutMs: 90_000, intervalMs: 50 },
    );
    await crashing?.kill();
    const provisionedAtKill = [];
    for (const c of ROLLOUT) {
      if ((await featureOf(e, helmOf(c)))?.status === 'Provisioned') provisionedAtKill.push(c);
    }
    expect(provisionedAtKill.length).toBeLessThan(ROLLOUT.length);

    e.controller = await e.startController();
    for (const c of ROLLOUT) {
      await waitForFeature(e, helmOf(c), (f) => f.status === 'Provisioned', 120_000);
      await waitForFeature(
        e,
        { ...helmOf(c), feature: 'Resources' },
        (f) => f.status === 'Provisioned',
      );
    }
    for (const c of ROLLOUT) {
      expect(await releasesIn(e, c)).toMatchObject([
        {
          name: 'kyverno-latest',
          namespace: 'kyverno',
          chart: 'kyverno-3.5.1',
          revision: '1',
          status: 'deployed',
        },
      ]);
      const conf = await kubectl(
        ['get', 'configmap', 'conf', '-n', 'rollout-app', '-o', 'jsonpath={.data.v}'],
        {
          kubeconfig: e.env.lab.kubeconfig(c),
        },
      );
      expect(conf.stdout).toBe('1');
    }
  }, 300_000);
});

describe('interrupted helm', () => {
  it('a release left pending-install by a killed helm is installed again, not left stuck', async () => {
    const kubeconfig = e.env.lab.kubeconfig('cluster02');
    const repo = e.repo.repositories.find((r) => r.mirrors.includes('kyverno'));
    const installed = await helm(
      ['install', 'stuck', 'kyverno', '--repo', `${repo?.url ?? ''}/`, '--version', '3.5.1'].concat(
        ['-n', 'stuck-ns', '--create-namespace'],
      ),
      { kubeconfig },
    );
    expect(installed.stderr).toBe('');
    await markReleaseStatus(
      e.env.clientOf('cluster02'),
      { name: 'stuck', namespace: 'stuck-ns' },
      'pending-install',
    );
    expect((await releasesIn(e, 'cluster02')).find((r) => r.name === 'stuck')).toMatchObject({
      status: 'pending-install',
    });

    await kubectl(['label', 'sveltoscluster', '-n', 'aks', 'cluster02', 'stuck=yes'], {
      kubeconfig: e.env.mgmtKubeconfig,
    });
    await applyYaml(
      e,
      clusterProfileYaml('stuck', {
        clusterSelector: { matchLabels: { stuck: 'yes' } },
        helmCharts: [
          {
            repositoryURL: 'https://kyverno.github.io/kyverno/',
            repositoryName: 'kyverno',
            chartName: 'kyverno/kyverno',
            chartVersion: '3.5.1',
            releaseName: 'stuck',
            releaseNamespace: 'stuck-ns',
            helmChartAction: 'Install',
          },
        ],
      }),
    );
    const ref = { namespace: 'aks', summary: 'stuck-sveltos-cluster02', feature: 'Helm' };
    await waitForFeature(
      e,
      ref,
      (f) => f.status === 'Provisioned' || (f.consecutiveFailures ?? 0) >= 3,
    );
    const f = await featureOf(e, ref);
    expect(f?.failureMessage).toBeUndefined();
    expect(f?.status).toBe('Provisioned');
    expect((await releasesIn(e, 'cluster02')).filter((r) => r.name === 'stuck')).toMatchObject([
      { namespace: 'stuck-ns', chart: 'kyverno-3.5.1', status: 'deployed', revision: '1' },
    ]);
  }, 120_000);
});
