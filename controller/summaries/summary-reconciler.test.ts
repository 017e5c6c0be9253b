// The ClusterSummary reconciler frame against the lab (controller in-process, real resolver,
// in-test deliverers): deliver once and skip while in sync, redeliver on source change, OneTime,
// capped retries ending FailedNonRetriable, paused clusters, and pull clusters staged through the
// pull deliverer until the agent reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY, SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { ClusterSummary } from '../../api/types/index.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { CONFIG_MAPS, collectionPath, objectPath } from '../../lib/resource-paths.js';
import { startControllerEnv } from '../../test/support/controller-env.js';
import type { ControllerTestEnv } from '../../test/support/controller-env.js';
import {
  RecordingDeliverer,
  rawClient,
  startTestController,
} from '../../test/support/controller-harness.js';
import { waitFor } from '../../test/support/kubectl.js';
import type { ControllerHandle } from '../start.js';
import { DRY_RUN_UNSUPPORTED } from './summary-deployer.js';

let env: ControllerTestEnv;
let controller: ControllerHandle;
let mgmt: KubeHttpClient;
const push = new RecordingDeliverer();
const pull = new RecordingDeliverer();

function configMap(name: string, nsName: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data: { 'ns.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${nsName}\n` },
  };
}

beforeAll(async () => {
  env = await startControllerEnv({ managed: ['s1'] });
  mgmt = rawClient(env, 'mgmt');
  for (const [name, labels] of [
    ['once', { use: 'once' }],
    ['onetime', { use: 'onetime' }],
    ['flaky', { use: 'flaky' }],
    ['paused', { use: 'paused' }],
    ['dry', { use: 'dry' }],
  ] as const) {
    await env.registerCluster({ namespace: 'sum', name, labCluster: 's1', labels });
  }
  await env.registerCluster({
    namespace: 'sum',
    name: 'pulled',
    labels: { use: 'pull' },
    spec: { pullMode: true },
    withoutSecret: true,
  });
  for (const name of ['cm-once', 'cm-onetime', 'cm-flaky', 'cm-paused', 'cm-pull', 'cm-dry']) {
    await mgmt.request({
      method: 'POST',
      path: collectionPath(CONFIG_MAPS, 'default'),
      body: configMap(name, 'a'),
    });
  }
  controller = await startTestController(env, {}, { deliverers: { push, pull }, resyncMs: 300 });
  await controller.whenReconciling();
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  mgmt?.close();
  await env?.stop();
});

async function profileFor(use: string, extra: Record<string, unknown> = {}): Promise<void> {
  await mgmt.request({
    method: 'POST',
    path: collectionPath(CLUSTER_PROFILE),
    body: {
      apiVersion: CLUSTER_PROFILE.apiVersion,
      kind: 'ClusterProfile',
      metadata: { name: `p-${use}` },
      spec: {
        clusterSelector: { matchLabels: { use } },
        policyRefs: [{ kind: 'ConfigMap', name: `cm-${use}`, namespace: 'default' }],
        ...extra,
      },
    },
  });
}

function summaryOf(use: string, cluster: string): Promise<ClusterSummary> {
  return mgmt.request({
    method: 'GET',
    path: objectPath(CLUSTER_SUMMARY, `p-${use}-sveltos-${cluster}`, 'sum'),
  });
}

async function featureStatus(use: string, cluster: string): Promise<string | undefined> {
  const s = await summaryOf(use, cluster).catch(() => undefined);
  return s?.status?.featureSummaries?.[0]?.status;
}

function changeConfigMap(name: string, nsName: string): Promise<unknown> {
  return mgmt.request({
    method: 'PUT',
    path: objectPath(CONFIG_MAPS, name, 'default'),
    body: configMap(name, nsName),
  });
}

/** Resolves after the summaries loop has run `n` more reconciles. */
async function afterReconciles(n: number): Promise<void> {
  const count = async (): Promise<number> => {
    const text = await controller.context.metrics.render();
    const lines = text
      .split('\n')
      .filter((l) => l.startsWith('sveltos_controller_reconcile_total{controller="summaries"'));
    return lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  };
  const start = await count();
  await waitFor(async () => (await count()) >= start + n, { what: `${n} reconciles` });
}

describe('ClusterSummary reconciler', () => {
  it('delivers a feature once and leaves it alone while its hash and status are unchanged', async () => {
    await profileFor('once');
    await waitFor(async () => (await featureStatus('once', 'once')) === 'Provisioned', {
      what: 'Provisioned',
    });
    await afterReconciles(6);
    expect(push.count('deploy Resources p-once-sveltos-once')).toBe(1);
    const summary = await summaryOf('once', 'once');
    expect(summary.status?.featureSummaries?.[0]).toMatchObject({
      featureID: 'Resources',
      status: 'Provisioned',
    });
    expect(summary.status?.featureSummaries?.[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.status?.featureSummaries?.[0]?.lastAppliedTime).toBeDefined();
  });

  it('delivers again when a referenced ConfigMap changes', async () => {
    const before = (await summaryOf('once', 'once')).status?.featureSummaries?.[0]?.hash;
    await changeConfigMap('cm-once', 'b');
    await waitFor(() => push.count('deploy Resources p-once-sveltos-once') === 2, {
      what: 'second deploy',
    });
    const after = await waitFor(
      async () => {
        const h = (await summaryOf('once', 'once')).status?.featureSummaries?.[0]?.hash;
        return h !== before && h;
      },
      { what: 'new hash recorded' },
    );
    expect(after).not.toBe(before);
  });

  it('never delivers a OneTime feature again once Provisioned', async () => {
    await profileFor('onetime', { syncMode: 'OneTime' });
    await waitFor(async () => (await featureStatus('onetime', 'onetime')) === 'Provisioned', {
      what: 'Provisioned',
    });
    await changeConfigMap('cm-onetime', 'b');
    await afterReconciles(6);
    expect(push.count('deploy Resources p-onetime-sveltos-onetime')).toBe(1);
  });

  it('retries a failing feature with backoff and gives up after maxConsecutiveFailures', async () => {
    push.deployError.Resources = new Error(
      'Unable to connect to cluster sum/flaky: connection reset',
    );
    try {
      await profileFor('flaky', { maxConsecutiveFailures: 3 });
      await waitFor(async () => (await featureStatus('flaky', 'flaky')) === 'FailedNonRetriable', {
        what: 'FailedNonRetriable',
        timeoutMs: 30_000,
      });
      const fs = (await summaryOf('flaky', 'flaky')).status?.featureSummaries?.[0];
      expect(fs).toMatchObject({
        consecutiveFailures: 3,
        failureMessage:
          'Unable to connect to cluster sum/flaky: connection reset (gave up after 3 consecutive failures)',
      });
      await afterReconciles(3);
      expect(push.count('deploy Resources p-flaky-sveltos-flaky')).toBe(3);
    } finally {
      delete push.deployError.Resources;
    }
  });

  it('delivers nothing to a paused cluster until it is unpaused', async () => {
    await mgmt.request({
      method: 'PATCH',
      path: objectPath(SVELTOS_CLUSTER, 'paused', 'sum'),
      contentType: 'application/merge-patch+json',
      body: { spec: { paused: true } },
    });
    await profileFor('paused');
    await waitFor(() => summaryOf('paused', 'paused'), { what: 'summary' });
    await afterReconciles(4);
    expect(push.count('deploy Resources p-paused-sveltos-paused')).toBe(0);
    await mgmt.request({
      method: 'PATCH',
      path: objectPath(SVELTOS_CLUSTER, 'paused', 'sum'),
      contentType: 'application/merge-patch+json',
      body: { spec: { paused: false } },
    });
    await waitFor(async () => (await featureStatus('paused', 'paused')) === 'Provisioned', {
      what: 'Provisioned after unpause',
    });
  });

  it('stages features of a pull cluster through the pull deliverer, even before its agent reports', async () => {
    pull.deployOutcome.Resources = { status: 'Provisioning', requeueAfterMs: 100 };
    await profileFor('pull');
    await waitFor(async () => (await featureStatus('pull', 'pulled')) === 'Provisioning', {
      what: 'Provisioning',
    });
    await waitFor(() => pull.count('deploy Resources p-pull-sveltos-pulled') >= 2, {
      what: 'polled again',
    });
    pull.deployOutcome.Resources = { status: 'Provisioned' };
    await waitFor(async () => (await featureStatus('pull', 'pulled')) === 'Provisioned', {
      what: 'Provisioned',
    });
    expect(push.count('deploy Resources p-pull-sveltos-pulled')).toBe(0);
  });

  it('refuses syncMode DryRun with a clear FailedNonRetriable instead of deploying', async () => {
    await profileFor('dry', { syncMode: 'DryRun' });
    await waitFor(async () => (await featureStatus('dry', 'dry')) === 'FailedNonRetriable', {
      what: 'FailedNonRetriable',
    });
    const fs = (await summaryOf('dry', 'dry')).status?.featureSummaries?.[0];
    expect(fs?.failureMessage).toBe(DRY_RUN_UNSUPPORTED);
    expect(push.count('deploy Resources p-dry-sveltos-dry')).toBe(0);
  });
});
