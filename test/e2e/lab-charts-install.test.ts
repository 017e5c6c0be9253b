// The lab's charts installed into a lab cluster with real helm from the chart repository:
// kyverno (CRD, RBAC, pending Deployment) and its upgrade, tetragon with --wait (a DaemonSet on a
// cluster without nodes is trivially ready), and uninstall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startChartRepository,
  type ChartRepository,
} from '../../lab/chart-repo/chart-repository.js';
import { labControllers } from '../../lab/controllers/index.js';
import { helm, kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab, type TestLab } from '../support/lab.js';

let lab: TestLab;
let repo: ChartRepository;
let kubeconfig: string;

beforeAll(async () => {
  [lab, repo] = await Promise.all([
    startTestLab({
      clusters: ['charts'],
      onCluster: (c) => c.use({ controllers: labControllers() }),
    }),
    startChartRepository({ port: 0 }),
  ]);
  kubeconfig = lab.kubeconfig('charts');
});

afterAll(async () => {
  await Promise.all([lab?.stop(), repo?.stop()]);
});

async function run(tool: typeof helm, args: string[]): Promise<string> {
  const r = await tool(args, { kubeconfig, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

interface Release {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
}

async function releases(): Promise<Release[]> {
  return JSON.parse(await run(helm, ['list', '-A', '-o', 'json'])) as Release[];
}

describe('lab charts in a lab cluster', () => {
  it('installs kyverno 3.5.1 from the mirrored repository and upgrades it to 3.5.2', async () => {
    await run(helm, [
      'install',
      'kyverno-latest',
      'kyverno',
      '--repo',
      `${repo.url}/kyverno`,
      '--version',
      '3.5.1',
      '-n',
      'kyverno',
      '--create-namespace',
    ]);
    expect(await releases()).toContainEqual(
      expect.objectContaining({
        name: 'kyverno-latest',
        namespace: 'kyverno',
        chart: 'kyverno-3.5.1',
        status: 'deployed',
        revision: '1',
      }),
    );
    await run(kubectl, [
      'wait',
      '--for=condition=Established',
      'crd/clusterpolicies.kyverno.io',
      '--timeout=30s',
    ]);
    const deployment = 'deployment/kyverno-latest-admission-controller';
    const pending = await waitFor(
      async () =>
        (await run(kubectl, [
          'get',
          deployment,
          '-n',
          'kyverno',
          '-o',
          'jsonpath={.status.replicas}/{.status.readyReplicas}',
        ])) || undefined,
      { what: 'deployment status' },
    );
    expect(pending).toBe('1/');
    await run(helm, [
      'upgrade',
      'kyverno-latest',
      'kyverno',
      '--repo',
      `${repo.url}/kyverno`,
      '--version',
      '3.5.2',
      '-n',
      'kyverno',
    ]);
    expect(await releases()).toContainEqual(
      expect.objectContaining({ name: 'kyverno-latest', chart: 'kyverno-3.5.2', revision: '2' }),
    );
    const timeout = await run(kubectl, [
      'get',
      'configmap',
      'kyverno-latest',
      '-n',
      'kyverno',
      '-o',
      'jsonpath={.data.webhookTimeoutSeconds}',
    ]);
    expect(timeout).toBe('15');
    await run(helm, ['uninstall', 'kyverno-latest', '-n', 'kyverno']);
    const left = await kubectl(['get', deployment, '-n', 'kyverno'], { kubeconfig });
    expect(left.stderr).toContain('not found');
  });

  it('installs tetragon with --wait: its DaemonSet has nothing to schedule without nodes', async () => {
    await run(helm, [
      'install',
      'tetragon',
      'tetragon',
      '--repo',
      `${repo.url}/cilium`,
      '--version',
      '1.5.0',
      '-n',
      'kube-system',
      '--wait',
      '--timeout',
      '60s',
    ]);
    expect(await releases()).toContainEqual(
      expect.objectContaining({
        name: 'tetragon',
        namespace: 'kube-system',
        chart: 'tetragon-1.5.0',
        status: 'deployed',
      }),
    );
    const desired = await run(kubectl, [
      'get',
      'daemonset',
      'tetragon',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.status.desiredNumberScheduled}',
    ]);
    expect(desired).toBe('0');
  });
});
