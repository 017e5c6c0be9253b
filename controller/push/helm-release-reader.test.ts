// readStoredRelease against a lab cluster after a real helm install and upgrade: it must say
// what `helm history` and `helm get values` say (revision, status, chart, values), and
// undefined release for a release that does not exist.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelmChart } from '../../api/types/index.js';
import { createApplyTarget } from '../../lib/apply-objects.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { helm } from '../../test/support/kubectl.js';
import { startPushWorld } from '../../test/support/push-world.js';
import type { PushWorld } from '../../test/support/push-world.js';
import { readStoredRelease } from './helm-release-reader.js';

let world: PushWorld;

const chart = (over: Partial<HelmChart>): HelmChart => ({
  repositoryURL: 'https://kyverno.github.io/kyverno/',
  repositoryName: 'kyverno',
  chartName: 'kyverno/kyverno',
  chartVersion: '3.5.1',
  releaseName: 'kyverno-read',
  releaseNamespace: 'kyverno',
  helmChartAction: 'Install',
  ...over,
});

beforeAll(async () => {
  world = await startPushWorld(['cluster04']);
});

afterAll(async () => {
  await world?.stop();
});

async function helmJson(args: string[]): Promise<unknown> {
  const r = await helm([...args, '-o', 'json'], {
    kubeconfig: world.env.lab.kubeconfig('cluster04'),
  });
  return JSON.parse(r.stdout);
}

describe('readStoredRelease', () => {
  it('reads revision, status, chart and values as helm history and get values report them', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(readFileSync(world.env.lab.kubeconfig('cluster04'), 'utf8'));
    const target = createApplyTarget(new KubeHttpClient(kc, { target: 'cluster04' }));
    const ref = { name: 'kyverno-read', namespace: 'kyverno' };
    expect((await readStoredRelease(target, ref))?.release).toBeUndefined();

    const summary = await world.summary({
      profile: 'read-release',
      cluster: 'cluster04',
      spec: { helmCharts: [chart({ values: 'replicaCount: 2\n' })] },
    });
    expect((await world.deploy(summary, 'Helm')).status).toBe('Provisioned');
    summary.summary.spec!.clusterProfileSpec!.helmCharts = [
      chart({ chartVersion: '3.5.2', values: 'replicaCount: 3\n' }),
    ];
    expect((await world.deploy(summary, 'Helm')).status).toBe('Provisioned');

    const stored = await readStoredRelease(target, ref);
    const history = (await helmJson(['history', 'kyverno-read', '-n', 'kyverno'])) as Array<{
      revision: number;
      status: string;
      chart: string;
    }>;
    const last = history[history.length - 1];
    expect(stored?.release).toMatchObject({
      name: 'kyverno-read',
      namespace: 'kyverno',
      revision: last.revision,
      status: last.status,
      chartName: 'kyverno',
      chartVersion: '3.5.2',
    });
    expect(last).toMatchObject({ revision: 2, status: 'deployed', chart: 'kyverno-3.5.2' });
    expect(stored?.values).toEqual(
      await helmJson(['get', 'values', 'kyverno-read', '-n', 'kyverno']),
    );
    expect(stored?.values).toEqual({ replicaCount: 3 });
  });
});
