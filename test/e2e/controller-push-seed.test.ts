// The whole controller in-process (real push deliverer, real helm) against the lab with real
// kubectl: the seed's deploy-kyverno profile, applied unchanged, ends up as a Helm release in the
// matching cluster within seconds, and comes back out when the cluster loses its label.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../../lab/chart-repo/chart-repository.js';
import { projectPath } from '../../lib/project-paths.js';
import type { ControllerHandle } from '../../controller/start.js';
import { startControllerEnv } from '../support/controller-env.js';
import type { ControllerTestEnv } from '../support/controller-env.js';
import { startTestController } from '../support/controller-harness.js';
import { helm, kubectl, waitFor } from '../support/kubectl.js';

let env: ControllerTestEnv;
let repo: ChartRepository;
let controller: ControllerHandle;

beforeAll(async () => {
  [env, repo] = await Promise.all([
    startControllerEnv({ managed: ['cluster02'] }),
    startChartRepository(),
  ]);
  await env.registerCluster({ namespace: 'aks', name: 'cluster02', labels: { env: 'test' } });
  controller = await startTestController(env, {
    helmRepositoryMirror: repo.repositories.map((r) => `${r.mirrors}=${r.url}/`),
  });
  await controller.whenReconciling();
}, 120_000);

afterAll(async () => {
  await controller?.stop();
  await Promise.all([env?.stop(), repo?.stop()]);
});

describe('seed scenario, push mode', () => {
  it('installs kyverno-latest 3.5.1 in the labelled cluster and uninstalls it when the label goes', async () => {
    const mgmt = { kubeconfig: env.mgmtKubeconfig };
    const seed = readFileSync(
      projectPath('test', 'fixtures', 'seed', 'deploy-kyverno.yaml'),
      'utf8',
    );
    const applied = await kubectl(['apply', '-f', '-'], { ...mgmt, stdin: seed });
    expect(applied.stderr).toBe('');
    await waitFor(
      async () => {
        const out = await kubectl(
          [
            'get',
            'clustersummary',
            '-n',
            'aks',
            'deploy-kyverno-sveltos-cluster02',
            '-o',
            'jsonpath={.status.featureSummaries[0].status}',
          ],
          mgmt,
        );
        return out.stdout === 'Provisioned';
      },
      { what: 'Helm feature Provisioned', timeoutMs: 60_000 },
    );
    const releases = await helm(['list', '-A', '-o', 'json'], {
      kubeconfig: env.lab.kubeconfig('cluster02'),
    });
    expect(JSON.parse(releases.stdout)).toMatchObject([
      { name: 'kyverno-latest', namespace: 'kyverno', chart: 'kyverno-3.5.1', status: 'deployed' },
    ]);
    const listed = await kubectl(['get', 'clusterprofile,clustersummary', '-A'], mgmt);
    expect(listed.stdout).toContain('deploy-kyverno-sveltos-cluster02');

    await kubectl(['label', 'sveltoscluster', '-n', 'aks', 'cluster02', 'env-'], mgmt);
    await waitFor(
      async () => {
        const out = await helm(['list', '-A', '-o', 'json'], {
          kubeconfig: env.lab.kubeconfig('cluster02'),
        });
        return out.code === 0 && JSON.parse(out.stdout).length === 0;
      },
      { what: 'release uninstalled', timeoutMs: 60_000 },
    );
    const gone = await kubectl(['get', 'clustersummary', '-A', '-o', 'name'], mgmt);
    expect(gone.stdout.trim()).toBe('');
  }, 150_000);
});
