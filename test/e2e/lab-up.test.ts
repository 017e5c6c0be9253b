// `sveltos-lab up`: in-process as startLabEnvironment (clusters with versions, CRDs in mgmt,
// chart repository and mirrors, kubelet processes stopped on stop) and as a real process that
// prints `ready DIR`, writes kubeconfigs kubectl uses, runs the agent image and sveltos-controller
// (its log and metrics printed), and stops them all on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/project-paths.js';
import { startLabEnvironment } from '../../lab/up.js';
import { helm, kubectl, waitFor } from '../support/kubectl.js';

const root = mkdtempSync(join(tmpdir(), 'lab-up-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function serverVersion(kubeconfig: string): Promise<string> {
  const r = await kubectl(['version', '-o', 'json'], { kubeconfig });
  return (JSON.parse(r.stdout) as { serverVersion: { gitVersion: string } }).serverVersion
    .gitVersion;
}

function deployment(image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: agent, namespace: default }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers:
        - name: agent
          image: ${image}
          args: ["--cluster-name=cluster01"]
`;
}

describe('startLabEnvironment', () => {
  it('starts mgmt with the CRDs, versioned clusters, the chart mirrors and the kubelet, and stops them all', async () => {
    const dir = join(root, 'in-process');
    const script = join(root, 'sleeper.cjs');
    writeFileSync(
      script,
      'process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000);\n',
    );
    const env = await startLabEnvironment({
      dir,
      clusters: [{ name: 'cluster01', version: 'v1.32.5' }, { name: 'cluster02' }],
      images: [{ repository: 'example.com/sleeper', command: [process.execPath, script] }],
    });
    let stopped = false;
    try {
      expect(Object.keys(env.clusters)).toEqual(['mgmt', 'cluster01', 'cluster02']);
      const mgmt = env.clusters.mgmt.kubeconfig;
      expect(mgmt).toBe(join(dir, 'mgmt.kubeconfig'));
      expect(await serverVersion(mgmt)).toBe('v1.31.6+k3s1');
      expect(await serverVersion(env.clusters.cluster01.kubeconfig)).toBe('v1.32.5');
      const crds = await kubectl(['get', 'crd', '-o', 'name'], { kubeconfig: mgmt });
      expect(crds.stdout).toContain(
        'customresourcedefinition.apiextensions.k8s.io/sveltosclusters.lib.projectsveltos.io',
      );
      expect(crds.stdout).toContain('clusterprofiles.config.projectsveltos.io');
      const noCrds = await kubectl(['get', 'crd', '-o', 'name'], {
        kubeconfig: env.clusters.cluster02.kubeconfig,
      });
      expect(noCrds.stdout).not.toContain('projectsveltos.io');

      expect(readFileSync(join(dir, 'charts.url'), 'utf8')).toBe(`${env.chartRepoUrl}\n`);
      const mirrors = readFileSync(join(dir, 'chart-mirrors'), 'utf8');
      expect(mirrors).toContain(`https://kyverno.github.io/kyverno/=${env.chartRepoUrl}/kyverno/`);
      const kyvernoMirror = /kyverno\.github\.io\/kyverno\/=(\S+)/.exec(mirrors)![1];
      const rendered = await helm(
        ['template', 'k', 'kyverno', '--repo', kyvernoMirror, '--version', '3.5.1'],
        { kubeconfig: mgmt },
      );
      expect(rendered.stdout).toContain('kind: Deployment');

      const applied = await kubectl(['apply', '-f', '-'], {
        kubeconfig: env.clusters.cluster01.kubeconfig,
        stdin: deployment('example.com/sleeper:1'),
      });
      expect(applied.code).toBe(0);
      const pid = await waitFor(() => env.processes().find((p) => p.cluster === 'cluster01')?.pid, {
        what: 'agent process',
      });
      expect(alive(pid)).toBe(true);
      // With the security plug-ins installed the pod runs with its ServiceAccount's own token.
      expect(env.processes().find((p) => p.pid === pid)?.tokenSource).toBe('TokenRequest');
      await env.stop();
      stopped = true;
      expect(alive(pid)).toBe(false);
    } finally {
      if (!stopped) await env.stop();
    }
  });
});

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startUp(args: string[]): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lab/main.ts', ...args], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

describe('sveltos-lab up', () => {
  it('prints ready, writes kubeconfigs kubectl can use, runs the agent image and stops on SIGTERM', async () => {
    const dir = join(root, 'process');
    const up = startUp([
      'up',
      '--dir',
      dir,
      '--clusters',
      'cluster01=v1.32.5',
      '--mgmt-version',
      'v1.30.4+k3s2',
    ]);
    let controllerPid = 0;
    try {
      await waitFor(() => up.stdout().includes('\n'), {
        timeoutMs: 60_000,
        what: `ready (stderr: ${up.stderr()})`,
      });
      expect(up.stdout()).toBe(`ready ${dir}\n`);
      for (const f of ['mgmt.kubeconfig', 'cluster01.kubeconfig', 'charts.url', 'chart-mirrors']) {
        expect(existsSync(join(dir, f))).toBe(true);
      }
      const kubeconfig = join(dir, 'cluster01.kubeconfig');
      expect(await serverVersion(kubeconfig)).toBe('v1.32.5');
      expect(await serverVersion(join(dir, 'mgmt.kubeconfig'))).toBe('v1.30.4+k3s2');
      const plain = await kubectl(['version'], { kubeconfig });
      expect(plain.stdout).toMatch(/^Server Version: v1\.32\.5$/m);
      const namespaces = await kubectl(['get', 'namespaces', '-o', 'name'], { kubeconfig });
      expect(namespaces.stdout).toContain('namespace/kube-system');
      const charts = await fetch(
        `${readFileSync(join(dir, 'charts.url'), 'utf8').trim()}/index.yaml`,
      );
      expect(charts.status).toBe(200);

      await kubectl(['apply', '-f', '-'], {
        kubeconfig,
        stdin: deployment('projectsveltos/sveltos-applier:dev'),
      });
      const claimed = await waitFor(
        async () => {
          const r = await kubectl(
            [
              'get',
              'pods',
              '-n',
              'default',
              '-o',
              'jsonpath={.items[0].status.containerStatuses[0].name}',
            ],
            { kubeconfig },
          );
          return r.stdout || undefined;
        },
        { what: 'the kubelet claimed the agent pod' },
      );
      expect(claimed).toBe('agent');
      expect(existsSync(join(dir, 'logs', 'cluster01'))).toBe(true);
      // The controller runs beside the webhook; up says where its log and metrics are.
      expect(up.stderr()).toContain(`log ${join(dir, 'controller.log')}`);
      const metricsUrl = /metrics (http:\/\/\S+\/metrics)/.exec(up.stderr())?.[1];
      expect((await fetch(metricsUrl!)).status).toBe(200);
      controllerPid = Number(/sveltos-controller \(pid (\d+)\)/.exec(up.stderr())?.[1]);
      expect(alive(controllerPid)).toBe(true);
    } finally {
      up.child.kill('SIGTERM');
    }
    expect(await up.exit).toBe(0);
    expect(alive(controllerPid)).toBe(false);
    expect(up.stderr()).toContain('Received SIGTERM: stopping the lab');
  });

  it('refuses bad arguments with exit code 2 and a clear message', async () => {
    const bad = startUp(['up', '--clusters', 'Cluster_1']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toContain('Invalid cluster name "Cluster_1" in --clusters');
    const twice = startUp(['up', '--clusters', 'a,a', '--mgmt-version', 'v1.31.6+k3s1']);
    expect(await twice.exit).toBe(2);
    expect(twice.stderr()).toContain('Cluster "a" appears twice in --clusters');
    const unknown = startUp(['nope']);
    expect(await unknown.exit).toBe(2);
    expect(unknown.stderr()).toContain('unknown command "nope"');
  });
});
