// The seed's Tetragon profile in pull mode: `helm template` runs on the management side for the
// cluster's own version (reported by the agent's heartbeat), the rendered objects travel in
// ConfigurationBundles that carry the release's fields, the real agent applies them in the
// managed lab cluster (no helm there) once it runs, and the staging is deleted once
// provisioned. Changing the chart action to Uninstall removes the objects. Needs `npm run build`.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../../lab/chart-repo/chart-repository.js';
import { createPullDeliverer } from '../../controller/pull/pull-deliverer.js';
import type { ControllerHandle } from '../../controller/start.js';
import { projectPath } from '../../lib/project-paths.js';
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
const summary = 'tetragon-rke2-deploy-sveltos-cluster01';
let env: ControllerTestEnv;
let repo: ChartRepository;
let controller: ControllerHandle;
let agent: AgentProcess;

beforeAll(async () => {
  [env, repo] = await Promise.all([
    startControllerEnv({ managed: [cluster.name] }),
    startChartRepository(),
  ]);
  await registerPullCluster(env, cluster, { req: 'tetragon' });
  controller = await startTestController(
    env,
    { helmRepositoryMirror: repo.repositories.map((r) => `${r.mirrors}=${r.url}/`) },
    { deliverers: { pull: createPullDeliverer({ requeueAfterMs: 500 }) } },
  );
  await controller.whenReconciling();
  agent = startAgentProcess(env, cluster);
}, 120_000);

afterAll(async () => {
  await agent?.stop();
  await controller?.stop();
  await Promise.all([env?.stop(), repo?.stop()]);
});

const mgmt = (): { kubeconfig: string } => ({ kubeconfig: env.mgmtKubeconfig });
const managed = (args: string[]): ReturnType<typeof kubectl> =>
  kubectl(args, { kubeconfig: env.lab.kubeconfig(cluster.name) });

interface BundleJson {
  spec: {
    resources: string[];
    helmReleaseName?: string;
    helmReleaseNamespace?: string;
    helmChartVersion?: string;
    isLastHelmReleaseBundle?: boolean;
  };
}

/** Applies the seed profile while the agent is stopped and checks the staged bundles. */
async function stageSeedWithAgentStopped(): Promise<void> {
  await waitFor(
    async () => {
      const r = await kubectl(
        [
          'get',
          'sveltoscluster',
          '-n',
          cluster.namespace,
          cluster.name,
          '-o',
          'jsonpath={.status.version}',
        ],
        mgmt(),
      );
      return r.stdout.startsWith('v');
    },
    { timeoutMs: 30_000, intervalMs: 300, what: 'the agent reported the cluster version' },
  );
  await agent.stop();
  const seed = readFileSync(
    projectPath('test', 'fixtures', 'seed', 'tetragon-rke2-deploy.yaml'),
    'utf8',
  );
  const applied = await kubectl(['apply', '-f', '-'], { ...mgmt(), stdin: seed });
  expect(applied.code, applied.stderr).toBe(0);
  const bundles = await waitFor(
    async () => {
      const r = await kubectl(
        ['get', 'configurationbundles', '-n', cluster.namespace, '-o', 'json'],
        mgmt(),
      );
      const items = (JSON.parse(r.stdout) as { items: BundleJson[] }).items;
      return items.some((b) => b.spec.isLastHelmReleaseBundle) ? items : false;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: 'tetragon bundles staged' },
  );
  for (const b of bundles) {
    expect(b.spec).toMatchObject({
      helmReleaseName: 'tetragon',
      helmReleaseNamespace: 'kube-system',
      helmChartVersion: '1.5.0',
    });
  }
  const kinds = bundles.flatMap((b) => b.spec.resources.map((r) => /^kind: (\w+)/m.exec(r)?.[1]));
  expect(kinds).toEqual(expect.arrayContaining(['DaemonSet', 'ConfigMap', 'ServiceAccount']));
  expect(await stagedNames(env, cluster.namespace, 'groups')).toHaveLength(1);
  expect((await managed(['get', 'daemonset', '-n', 'kube-system', 'tetragon'])).code).not.toBe(0);
}

describe('seed scenario, pull mode', () => {
  it('renders the tetragon chart on the management side into bundles, and the agent applies them once it runs', async () => {
    try {
      await stageSeedWithAgentStopped();
    } finally {
      agent = startAgentProcess(env, cluster);
    }
    await waitFor(
      async () => (await featureStatus(env, cluster.namespace, summary, 'Helm')) === 'Provisioned',
      { timeoutMs: 90_000, intervalMs: 500, what: 'Helm Provisioned' },
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nAgent logs:\n${agent.logs()}`);
    });
    const ds = await managed(['get', 'daemonset', '-n', 'kube-system', 'tetragon', '-o', 'json']);
    expect(ds.code, ds.stderr).toBe(0);
    const obj = JSON.parse(ds.stdout) as { metadata: { labels: Record<string, string> } };
    expect(obj.metadata.labels['projectsveltos.io/reason']).toBe('Helm');
    const releases = await kubectl(
      [
        'get',
        'clustersummary',
        '-n',
        cluster.namespace,
        summary,
        '-o',
        'jsonpath={.status.helmReleaseSummaries[0].releaseName}/{.status.helmReleaseSummaries[0].status}',
      ],
      mgmt(),
    );
    expect(releases.stdout).toBe('tetragon/Managing');
    expect(await stagedNames(env, cluster.namespace, 'groups')).toEqual([]);
    expect(await stagedNames(env, cluster.namespace, 'bundles')).toEqual([]);
  }, 150_000);

  it('removes the chart objects from the cluster when its action turns to Uninstall', async () => {
    const patch = JSON.stringify([
      { op: 'replace', path: '/spec/helmCharts/0/helmChartAction', value: 'Uninstall' },
    ]);
    const patched = await kubectl(
      ['patch', 'clusterprofile', 'tetragon-rke2-deploy', '--type=json', '-p', patch],
      mgmt(),
    );
    expect(patched.code, patched.stderr).toBe(0);
    await waitFor(
      async () => (await managed(['get', 'daemonset', '-n', 'kube-system', 'tetragon'])).code !== 0,
      { timeoutMs: 60_000, intervalMs: 500, what: 'tetragon DaemonSet removed' },
    );
    await waitFor(
      async () => (await featureStatus(env, cluster.namespace, summary, 'Helm')) === 'Provisioned',
      { timeoutMs: 60_000, intervalMs: 500, what: 'Helm Provisioned after Uninstall' },
    );
    expect(await stagedNames(env, cluster.namespace, 'groups')).toEqual([]);
  }, 150_000);
});
