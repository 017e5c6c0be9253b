// The controller process in-process against the lab: probe and metrics endpoints, Lease leader
// election between two replicas (the second waits, then takes over when the first stops and
// releases the Lease), and a restart that converges on what changed while it was down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY, SVELTOS_CLUSTER } from '../api/gvk.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import { LEASES, collectionPath, objectPath } from '../lib/resource-paths.js';
import { startControllerEnv } from '../test/support/controller-env.js';
import type { ControllerTestEnv } from '../test/support/controller-env.js';
import {
  RecordingDeliverer,
  rawClient,
  startTestController,
} from '../test/support/controller-harness.js';
import { waitFor } from '../test/support/kubectl.js';
import type { ControllerHandle, StartDeps } from './start.js';

let env: ControllerTestEnv;
let mgmt: KubeHttpClient;
const running: ControllerHandle[] = [];

beforeAll(async () => {
  env = await startControllerEnv({ managed: ['r1'] });
  mgmt = rawClient(env, 'mgmt');
  await env.registerCluster({ namespace: 'run', name: 'r1', labels: { env: 'test' } });
}, 60_000);

afterAll(async () => {
  for (const c of running) await c.stop();
  mgmt?.close();
  await env?.stop();
});

const FAST_LEASE: StartDeps['leaseTimings'] = {
  leaseDurationMs: 3000,
  renewDeadlineMs: 2000,
  retryPeriodMs: 200,
};

async function start(
  extra: Parameters<typeof startTestController>[1] = {},
  deps: StartDeps = {},
): Promise<ControllerHandle> {
  const c = await startTestController(env, extra, deps);
  running.push(c);
  return c;
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

describe('controller process', () => {
  it('answers /healthz, /readyz once its caches are synced, and /metrics with reconcile counters', async () => {
    const c = await start();
    await c.whenReconciling();
    expect(await get(`${c.healthUrl ?? ''}/healthz`)).toEqual({ status: 200, body: 'ok\n' });
    await waitFor(async () => (await get(`${c.healthUrl ?? ''}/readyz`)).status === 200, {
      what: 'ready',
    });
    const metrics = await waitFor(
      async () => {
        const m = await get(`${c.metricsUrl ?? ''}/metrics`);
        return (
          m.body.includes(
            'sveltos_controller_reconcile_total{controller="clusters",result="requeueAfter"}',
          ) && m.body
        );
      },
      { what: 'reconcile metrics' },
    );
    expect(metrics).toContain('sveltos_controller_queue_depth');
    expect(metrics).toContain('sveltos_controller_reconcile_duration_seconds_bucket');
    expect(metrics).toContain('sveltos_controller_deploy_duration_seconds');
    await c.stop();
    await expect(fetch(`${c.healthUrl ?? ''}/healthz`)).rejects.toThrow();
  });

  it('lets only the Lease holder reconcile; a second replica waits and takes over when the first stops', async () => {
    const leaseId = `lease-${Math.random().toString(36).slice(2, 8)}`;
    const flags = {
      leaderElect: true,
      leaderElectionId: leaseId,
      leaderElectionNamespace: 'leader-test',
    };
    const first = await start(flags, { identity: 'replica-a', leaseTimings: FAST_LEASE });
    await first.whenReconciling();
    const second = await start(flags, { identity: 'replica-b', leaseTimings: FAST_LEASE });
    await waitFor(async () => (await get(`${second.healthUrl ?? ''}/readyz`)).status === 200, {
      what: 'standby ready',
    });
    expect(first.isLeader()).toBe(true);
    expect(second.isLeader()).toBe(false);
    const lease = await mgmt.request<{ spec: { holderIdentity: string } }>({
      method: 'GET',
      path: objectPath(LEASES, leaseId, 'leader-test'),
    });
    expect(lease.spec.holderIdentity).toBe('replica-a');
    await first.stop();
    await second.whenReconciling();
    expect(second.isLeader()).toBe(true);
    const taken = await mgmt.request<{
      spec: { holderIdentity: string; leaseTransitions: number };
    }>({ method: 'GET', path: objectPath(LEASES, leaseId, 'leader-test') });
    expect(taken.spec).toMatchObject({ holderIdentity: 'replica-b', leaseTransitions: 1 });
    await second.stop();
  });

  it('converges after a restart on a label change that happened while it was down', async () => {
    const deliverer = new RecordingDeliverer();
    const deps = { deliverers: { push: deliverer, pull: deliverer } };
    await mgmt.request({
      method: 'POST',
      path: collectionPath(CLUSTER_PROFILE),
      body: {
        apiVersion: CLUSTER_PROFILE.apiVersion,
        kind: 'ClusterProfile',
        metadata: { name: 'restart' },
        spec: { clusterSelector: { matchLabels: { env: 'test' } } },
      },
    });
    const first = await start({}, deps);
    const summaryPath = objectPath(CLUSTER_SUMMARY, 'restart-sveltos-r1', 'run');
    await waitFor(() => mgmt.request({ method: 'GET', path: summaryPath }), { what: 'summary' });
    await first.stop();
    await mgmt.request({
      method: 'PATCH',
      path: objectPath(SVELTOS_CLUSTER, 'r1', 'run'),
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { env: null } } },
    });
    const second = await start({}, deps);
    await waitFor(
      () =>
        mgmt.request({ method: 'GET', path: summaryPath }).then(
          () => false,
          (err: { code?: number }) => err.code === 404,
        ),
      { what: 'summary deleted after restart' },
    );
    await second.stop();
  });
});
