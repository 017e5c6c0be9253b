// Pull mode, management side end to end: the controller in-process (real pull deliverer) stages
// ConfigurationGroups/Bundles for a pull-mode cluster, the real agent binary applies them in the
// managed lab cluster, and real kubectl reads both sides. Resources from policyRefs arrive and
// the staging is deleted; with the agent stopped 3 MiB stay staged in bundles within the byte
// budget and are delivered once it runs again; a hand-edited bundle is refused on its hash; an
// object too large fails its feature; past the agent timeout bundles wait for the next heartbeat;
// removing the cluster label withdraws everything.
// Needs `npm run build` (the agent runs as dist/sveltos-agent.mjs).
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROFILE } from '../../api/gvk.js';
import type { Spec } from '../../api/types/index.js';
import { createPullDeliverer } from '../../controller/pull/pull-deliverer.js';
import type { ControllerHandle } from '../../controller/start.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { startControllerEnv } from '../support/controller-env.js';
import type { ControllerTestEnv } from '../support/controller-env.js';
import { startTestController } from '../support/controller-harness.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import {
  featureStatus,
  registerPullCluster,
  stagedNames,
  startAgentProcess,
} from '../support/pull-agent.js';
import type { AgentProcess } from '../support/pull-agent.js';

const cluster = { namespace: 'rke2', name: 'cluster01' };
const BUDGET = 512 * 1024;
let env: ControllerTestEnv;
let controller: ControllerHandle;
let agent: AgentProcess;

beforeAll(async () => {
  env = await startControllerEnv({ managed: [cluster.name] });
  await registerPullCluster(env, cluster, { env: 'pull' });
  controller = await startTestController(
    env,
    { agentTimeout: '4s' },
    { deliverers: { pull: createPullDeliverer({ requeueAfterMs: 500 }) } },
  );
  await controller.whenReconciling();
  agent = startAgentProcess(env, cluster);
}, 120_000);

afterAll(async () => {
  await agent?.stop();
  await controller?.stop();
  await env?.stop();
});

async function sourceConfigMap(name: string, objects: KubeObject[]): Promise<void> {
  const data: Record<string, string> = {};
  objects.forEach((o, i) => (data[`${i}.yaml`] = dump(o, { lineWidth: -1 })));
  await env.mgmt.create(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data },
    'test',
  );
}

async function clusterProfile(name: string, spec: Spec): Promise<void> {
  await env.mgmt.create(
    { apiVersion: CLUSTER_PROFILE.apiVersion, kind: 'ClusterProfile', metadata: { name }, spec },
    'test',
  );
}

const configMap = (ns: string, name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data,
});

async function managed(args: string[]): Promise<{ code: number; stdout: string }> {
  return kubectl(args, { kubeconfig: env.lab.kubeconfig(cluster.name) });
}

async function waitProvisioned(summary: string, feature: string): Promise<void> {
  await waitFor(
    async () => (await featureStatus(env, cluster.namespace, summary, feature)) === 'Provisioned',
    { timeoutMs: 60_000, intervalMs: 300, what: `${summary} ${feature} Provisioned` },
  ).catch((err: Error) => {
    throw new Error(`${err.message}\nAgent logs:\n${agent.logs()}`);
  });
}

interface BundleJson {
  metadata: { name: string };
  spec: { resources: string[] };
}

/** Stages ≥ 3 MiB from four policyRefs while the agent is stopped and checks the bundles. */
async function stageBigProfile(): Promise<void> {
  const chunk = 'x'.repeat(100 * 1024);
  for (let s = 0; s < 4; s++) {
    const objs = Array.from({ length: 8 }, (_, i) =>
      configMap('pull-big', `big-${s}-${i}`, { chunk }),
    );
    if (s === 0)
      objs.unshift({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pull-big' } });
    await sourceConfigMap(`pull-big-${s}`, objs);
  }
  await clusterProfile('pull-big', {
    clusterSelector: { matchLabels: { env: 'pull' } },
    policyRefs: [0, 1, 2, 3].map((s) => ({
      kind: 'ConfigMap' as const,
      name: `pull-big-${s}`,
      namespace: 'default',
    })),
  });
  const bundles = await waitFor(
    async () => {
      const r = await kubectl(
        ['get', 'configurationbundles', '-n', cluster.namespace, '-o', 'json'],
        { kubeconfig: env.mgmtKubeconfig },
      );
      const items = (JSON.parse(r.stdout) as { items: BundleJson[] }).items;
      const count = items.reduce((n, b) => n + b.spec.resources.length, 0);
      return count === 33 ? items : false;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: '33 objects staged in bundles' },
  );
  const sizes = bundles.map((b) => b.spec.resources.reduce((n, r) => n + Buffer.byteLength(r), 0));
  expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(3 * 1024 * 1024);
  for (const size of sizes) expect(size).toBeLessThanOrEqual(BUDGET);
  expect(await stagedNames(env, cluster.namespace, 'groups')).toHaveLength(1);
  expect(
    await featureStatus(env, cluster.namespace, 'pull-big-sveltos-cluster01', 'Resources'),
  ).toBe('Provisioning');
  expect((await managed(['get', 'namespace', 'pull-big'])).code).not.toBe(0);
}

describe('pull mode, management side', () => {
  it('delivers a Resources profile through the agent and deletes the staging afterwards', async () => {
    await sourceConfigMap('pull-src', [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pull-app' } },
      configMap('pull-app', 'settings', { mode: 'a' }),
    ]);
    await clusterProfile('pull-res', {
      clusterSelector: { matchLabels: { env: 'pull' } },
      policyRefs: [{ kind: 'ConfigMap', name: 'pull-src', namespace: 'default' }],
    });
    await waitProvisioned('pull-res-sveltos-cluster01', 'Resources');
    const cm = await managed(['get', 'configmap', '-n', 'pull-app', 'settings', '-o', 'json']);
    expect(cm.code).toBe(0);
    const obj = JSON.parse(cm.stdout) as KubeObject;
    expect(obj.data).toEqual({ mode: 'a' });
    expect(obj.metadata.labels?.['projectsveltos.io/reason']).toBe('Resources');
    const metrics = await (await fetch(`${controller.metricsUrl ?? ''}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find(
        (l) =>
          l.includes('deploy_duration_seconds_count') &&
          l.includes('feature="Resources"') &&
          l.includes('result="success"'),
      );
    expect(Number(line?.split(' ').at(-1))).toBeGreaterThanOrEqual(1);
    expect(await stagedNames(env, cluster.namespace, 'groups')).toEqual([]);
    expect(await stagedNames(env, cluster.namespace, 'bundles')).toEqual([]);
  }, 90_000);

  it('keeps 3 MiB staged in bundles under the budget while the agent is stopped, and delivers them when it runs again', async () => {
    await agent.stop();
    try {
      await stageBigProfile();
    } finally {
      agent = startAgentProcess(env, cluster);
    }
    await waitProvisioned('pull-big-sveltos-cluster01', 'Resources');
    const listed = await managed(['get', 'configmaps', '-n', 'pull-big', '-o', 'name']);
    expect(listed.stdout.split('\n').filter((l) => l.includes('big-'))).toHaveLength(32);
    expect(await stagedNames(env, cluster.namespace, 'bundles')).toEqual([]);
    expect(await stagedNames(env, cluster.namespace, 'groups')).toEqual([]);
  }, 150_000);

  it('refuses a bundle edited by hand on its hash, and the retry restages the true content', async () => {
    const summary = 'pull-tamper-sveltos-cluster01';
    await agent.stop();
    try {
      await sourceConfigMap('pull-tamper', [configMap('default', 'tamper-target', { v: '1' })]);
      await clusterProfile('pull-tamper', {
        clusterSelector: { matchLabels: { env: 'pull' } },
        policyRefs: [{ kind: 'ConfigMap', name: 'pull-tamper', namespace: 'default' }],
      });
      const bundle = await waitFor(
        async () => (await stagedNames(env, cluster.namespace, 'bundles'))[0],
        { timeoutMs: 60_000, intervalMs: 300, what: 'the bundle staged' },
      );
      const evil = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: evil-tamper\n';
      const original = await kubectl(
        ['get', bundle, '-n', cluster.namespace, '-o', 'jsonpath={.spec.resources[0]}'],
        { kubeconfig: env.mgmtKubeconfig },
      );
      const patch = JSON.stringify({ spec: { resources: [original.stdout, evil] } });
      const edited = await kubectl(
        ['patch', bundle, '-n', cluster.namespace, '--type=merge', '-p', patch],
        { kubeconfig: env.mgmtKubeconfig },
      );
      expect(edited.code, edited.stderr).toBe(0);
    } finally {
      agent = startAgentProcess(env, cluster);
    }
    await waitProvisioned(summary, 'Resources');
    expect((await managed(['get', 'namespace', 'evil-tamper'])).code).not.toBe(0);
    expect((await managed(['get', 'configmap', '-n', 'default', 'tamper-target'])).code).toBe(0);
    const events = await waitFor(
      async () => {
        const r = await kubectl(['get', 'events', '-n', cluster.namespace, '-o', 'json'], {
          kubeconfig: env.mgmtKubeconfig,
        });
        const items = (
          JSON.parse(r.stdout) as {
            items: { involvedObject: { name: string }; message: string }[];
          }
        ).items;
        const hit = items.filter(
          (e) => e.involvedObject.name === summary && e.message.includes('does not match the hash'),
        );
        return hit.length > 0 ? hit : false;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'a warning Event naming the hash mismatch' },
    );
    expect(events[0].message).toContain('ConfigurationBundle rke2/');
  }, 120_000);

  it('fails an object too large for any bundle, naming it and its size', async () => {
    await sourceConfigMap('pull-huge', [
      configMap('default', 'huge', { blob: 'y'.repeat(600 * 1024) }),
    ]);
    await clusterProfile('pull-huge', {
      clusterSelector: { matchLabels: { env: 'pull' } },
      policyRefs: [{ kind: 'ConfigMap', name: 'pull-huge', namespace: 'default' }],
    });
    const message = await waitFor(
      async () => {
        const r = await kubectl(
          [
            'get',
            'clustersummary',
            '-n',
            cluster.namespace,
            'pull-huge-sveltos-cluster01',
            '-o',
            'jsonpath={.status.featureSummaries[0].status}: {.status.featureSummaries[0].failureMessage}',
          ],
          { kubeconfig: env.mgmtKubeconfig },
        );
        return r.stdout.startsWith('FailedNonRetriable') ? r.stdout : false;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'Resources FailedNonRetriable' },
    );
    expect(message).toMatch(
      /ConfigMap default\/huge is \d+ bytes, over the bundle limit of 524288/,
    );
    expect((await managed(['get', 'configmap', '-n', 'default', 'huge'])).code).not.toBe(0);
  }, 90_000);

  it('lets bundles wait while the cluster is not ready past the agent timeout, and delivers them after its next heartbeat', async () => {
    const ready = async (): Promise<string> =>
      (
        await kubectl(
          [
            'get',
            'sveltoscluster',
            '-n',
            cluster.namespace,
            cluster.name,
            '-o',
            'jsonpath={.status.ready}/{.status.connectionStatus}',
          ],
          { kubeconfig: env.mgmtKubeconfig },
        )
      ).stdout;
    await agent.stop();
    try {
      await waitFor(async () => (await ready()).startsWith('false'), {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'cluster not ready after the agent timeout',
      });
      await sourceConfigMap('pull-late', [configMap('default', 'late', { v: '1' })]);
      await clusterProfile('pull-late', {
        clusterSelector: { matchLabels: { env: 'pull' } },
        policyRefs: [{ kind: 'ConfigMap', name: 'pull-late', namespace: 'default' }],
      });
      await waitFor(
        async () => (await stagedNames(env, cluster.namespace, 'bundles')).length === 1,
        {
          timeoutMs: 60_000,
          intervalMs: 300,
          what: 'the bundle staged for a not-ready cluster',
        },
      );
      expect(
        await featureStatus(env, cluster.namespace, 'pull-late-sveltos-cluster01', 'Resources'),
      ).toBe('Provisioning');
    } finally {
      agent = startAgentProcess(env, cluster);
    }
    await waitProvisioned('pull-late-sveltos-cluster01', 'Resources');
    expect(await ready()).toBe('true/Healthy');
    expect((await managed(['get', 'configmap', '-n', 'default', 'late'])).code).toBe(0);
    expect(await stagedNames(env, cluster.namespace, 'groups')).toEqual([]);
  }, 120_000);

  it('withdraws everything when the cluster loses its label: objects deleted, groups gone', async () => {
    const r = await kubectl(
      ['label', 'sveltoscluster', '-n', cluster.namespace, cluster.name, 'env-'],
      { kubeconfig: env.mgmtKubeconfig },
    );
    expect(r.code).toBe(0);
    await waitFor(
      async () => {
        const out = await kubectl(['get', 'clustersummary', '-A', '-o', 'name'], {
          kubeconfig: env.mgmtKubeconfig,
        });
        return out.code === 0 && out.stdout.trim() === '';
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'ClusterSummaries withdrawn' },
    );
    expect((await managed(['get', 'configmap', '-n', 'pull-app', 'settings'])).code).not.toBe(0);
    expect((await managed(['get', 'configmap', '-n', 'pull-big', 'big-0-0'])).code).not.toBe(0);
    expect((await managed(['get', 'configmap', '-n', 'default', 'tamper-target'])).code).not.toBe(
      0,
    );
    expect(await stagedNames(env, cluster.namespace, 'groups')).toEqual([]);
    expect(await stagedNames(env, cluster.namespace, 'bundles')).toEqual([]);
  }, 90_000);
});
