// `kubectl sveltos bundles` on what the real controller stages: the in-process controller (real
// pull deliverer) writes ConfigurationGroups/Bundles for a pull-mode cluster whose agent is not
// running; the plugin shows them waiting, with every hash verified by its own check; once the
// real agent binary runs, the staging is delivered and cleaned up and the plugin says so.
// Needs `npm run build` (the plugin and the agent run from dist/).
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROFILE } from '../../api/gvk.js';
import { createPullDeliverer } from '../../controller/pull/pull-deliverer.js';
import type { ControllerHandle } from '../../controller/start.js';
import { startControllerEnv } from '../support/controller-env.js';
import type { ControllerTestEnv } from '../support/controller-env.js';
import { startTestController } from '../support/controller-harness.js';
import { waitFor } from '../support/kubectl.js';
import { registerPullCluster, startAgentProcess } from '../support/pull-agent.js';
import type { AgentProcess } from '../support/pull-agent.js';
import { parseTable } from './bundles-cli-world.js';
import { ROOT, run } from './register-harness.js';
import type { RunResult } from './register-harness.js';

const cluster = { namespace: 'rke2', name: 'cluster01' };
let env: ControllerTestEnv;
let controller: ControllerHandle;
let agent: AgentProcess | undefined;

beforeAll(async () => {
  env = await startControllerEnv({ managed: [cluster.name] });
  await registerPullCluster(env, cluster, { env: 'pull' });
  controller = await startTestController(
    env,
    { agentTimeout: '30s' },
    { deliverers: { pull: createPullDeliverer({ requeueAfterMs: 500 }) } },
  );
  await controller.whenReconciling();
}, 120_000);

afterAll(async () => {
  await agent?.stop();
  await controller?.stop();
  await env?.stop();
});

function plugin(args: string[]): Promise<RunResult> {
  return run(process.execPath, [`${ROOT}/bin/kubectl-sveltos`, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: env.lab.dir, KUBECONFIG: env.mgmtKubeconfig },
    cwd: env.lab.dir,
  });
}

interface Report {
  clusters: Array<{ name: string; groups: Array<Record<string, unknown>> }>;
  everythingDelivered: boolean;
}

describe('kubectl sveltos bundles on staging written by the controller', () => {
  it('shows the waiting group with verified bundles, then that everything was delivered', async () => {
    const objects = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pull-cli' } },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'pull-cli' },
        data: { mode: 'a' },
      },
    ];
    await env.mgmt.create(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cli-src', namespace: 'default' },
        data: Object.fromEntries(objects.map((o, i) => [`${i}.yaml`, dump(o)])),
      },
      'test',
    );
    await env.mgmt.create(
      {
        apiVersion: CLUSTER_PROFILE.apiVersion,
        kind: 'ClusterProfile',
        metadata: { name: 'cli-res' },
        spec: {
          clusterSelector: { matchLabels: { env: 'pull' } },
          policyRefs: [{ kind: 'ConfigMap', name: 'cli-src', namespace: 'default' }],
        },
      },
      'test',
    );
    const staged = await waitFor(
      async () => {
        const res = await plugin(['bundles', '-n', 'rke2', '-o', 'json']);
        const report = JSON.parse(res.stdout) as Report;
        const group = report.clusters[0]?.groups[0];
        return group?.['resources'] === 2 ? group : false;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: 'the staged group in kubectl sveltos bundles' },
    );
    expect(staged).toMatchObject({
      cluster: 'cluster01',
      profile: { kind: 'ClusterProfile', name: 'cli-res' },
      requestor: { kind: 'ClusterSummary', name: 'cli-res-sveltos-cluster01' },
      feature: 'Resources',
      action: 'Deploy',
      missingBundles: 0,
      status: 'Pending',
    });
    expect(staged['verifiedBundles']).toBe(staged['bundles']);

    const table = await plugin(['bundles', '-n', 'rke2', '--profile', 'ClusterProfile/cli-res']);
    expect(table.code).toBe(0);
    const [beats = '', groups = ''] = table.stdout.split('\n\n');
    expect(parseTable(beats)[0]).toMatchObject({ CLUSTER: 'rke2/cluster01', GROUPS: '1' });
    expect(parseTable(groups)[0]).toMatchObject({
      PROFILE: 'ClusterProfile/cli-res',
      FEATURE: 'Resources',
      RESOURCES: '2',
      STATUS: 'Pending',
    });

    const show = await plugin([
      'bundles',
      'show',
      '-n',
      'rke2',
      '--cluster',
      'cluster01',
      '--profile',
      'ClusterProfile/cli-res',
      '--feature',
      'Resources',
    ]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(
      /^Bundle 1 of 1: rke2\/\S+, 2 resources, [\d.]+K?i?B, hash verified$/m,
    );
    expect(show.stdout).toMatch(/^ {2}Namespace +<none> +pull-cli$/m);
    expect(show.stdout).toMatch(/^ {2}ConfigMap +pull-cli +settings$/m);

    agent = startAgentProcess(env, cluster);
    const done = await waitFor(
      async () => {
        const res = await plugin(['bundles', '-n', 'rke2']);
        return res.stdout.includes('everything has been delivered') ? res : false;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: 'the staging delivered and cleaned up' },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nAgent logs:\n${agent?.logs() ?? ''}`);
    });
    expect(done.stdout).toContain(
      'No ConfigurationGroups in namespace rke2: everything has been delivered\n',
    );
    expect(parseTable(done.stdout.split('\n\n')[0] ?? '')[0]?.['LAST HEARTBEAT']).toMatch(/^\d+s$/);
  });
});
