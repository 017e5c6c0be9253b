// startLabEnvironment with the real `sveltos-controller` and `sveltos-webhook` processes: the seed's
// AKS path with real kubectl, the real `kubectl sveltos` plugin and real helm — cluster02 registered
// in push mode turns READY with its version label, and the seed's deploy-kyverno profile becomes
// the kyverno-latest 3.5.1 release in cluster02. Needs `npm run build` (the processes run dist/).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllerStartError, startControllerProcess } from '../../lab/controller-process.js';
import { startLabEnvironment, type LabEnvironment } from '../../lab/up.js';
import { projectPath } from '../../lib/project-paths.js';
import { helm, kubectl, waitFor } from '../support/kubectl.js';

const root = mkdtempSync(join(tmpdir(), 'lab-up-controller-'));
let env: LabEnvironment;

beforeAll(async () => {
  env = await startLabEnvironment({
    dir: root,
    clusters: [{ name: 'cluster02' }],
    webhook: true,
    controller: true,
  });
}, 120_000);

afterAll(async () => {
  await env?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** kubectl on mgmt, with node_modules/.bin on PATH so `kubectl sveltos` finds the plugin. */
function mgmtKubectl(args: string[], stdin?: string): ReturnType<typeof kubectl> {
  return kubectl(args, {
    kubeconfig: env.clusters.mgmt.kubeconfig,
    cwd: root,
    stdin,
    env: { PATH: `${projectPath('node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` },
  });
}

describe('sveltos-lab with the controller', () => {
  it('runs sveltos-controller ready, with its JSON log and metrics', async () => {
    const controller = env.controller!;
    expect(controller.logFile).toBe(join(root, 'controller.log'));
    expect(existsSync(controller.logFile)).toBe(true);
    const lines = readFileSync(controller.logFile, 'utf8').trimEnd().split('\n');
    const started = lines
      .map((l) => JSON.parse(l) as { msg: string; health?: string; metrics?: string })
      .find((l) => l.msg === 'Started controller');
    expect(started).toMatchObject({ health: controller.healthUrl, metrics: controller.metricsUrl });
    expect((await fetch(`${controller.healthUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${controller.metricsUrl}/metrics`)).text();
    expect(metrics).toContain('# TYPE');
  });

  it('registers aks/cluster02 in push mode: mgmt/mgmt and aks/cluster02 READY with VERSION and the k8s-version label', async () => {
    const reg = await mgmtKubectl([
      'sveltos',
      'register',
      'cluster',
      '--namespace=aks',
      '--cluster=cluster02',
      `--kubeconfig=${env.clusters.cluster02.kubeconfig}`,
      '--labels=env=test',
    ]);
    expect(reg.stderr).toContain('sveltoscluster.lib.projectsveltos.io/cluster02 created');
    expect(reg.code).toBe(0);
    const listed = await waitFor(
      async () => {
        const r = await mgmtKubectl(['get', 'sveltosclusters', '-A', '--show-labels']);
        const ready =
          /^mgmt\s+mgmt\s+true\s+v1\.31\.6\+k3s1\s.*projectsveltos\.io\/k8s-version=v1\.31\.6/m.test(
            r.stdout,
          ) &&
          /^aks\s+cluster02\s+true\s+v1\.32\.5\s.*env=test/m.test(r.stdout) &&
          /^aks\s+cluster02\s.*projectsveltos\.io\/k8s-version=v1\.32\.5/m.test(r.stdout);
        if (!ready) throw new Error(`kubectl get sveltosclusters shows:\n${r.stdout}${r.stderr}`);
        return r.stdout;
      },
      { what: 'mgmt/mgmt and aks/cluster02 READY with versions and labels', timeoutMs: 60_000 },
    );
    expect(listed).toMatch(/^NAMESPACE\s+NAME\s+READY\s+VERSION/);
  }, 90_000);

  it('turns the seed deploy-kyverno profile into kyverno-latest 3.5.1 on cluster02', async () => {
    const seed = readFileSync(
      projectPath('test', 'fixtures', 'seed', 'deploy-kyverno.yaml'),
      'utf8',
    );
    const applied = await mgmtKubectl(['apply', '-f', '-'], seed);
    expect(applied.stdout).toContain('clusterprofile.config.projectsveltos.io/deploy-kyverno');
    const releases = await waitFor(
      async () => {
        const r = await helm(['list', '-A', '-o', 'json'], {
          kubeconfig: env.clusters.cluster02.kubeconfig,
        });
        const list = r.code === 0 ? (JSON.parse(r.stdout) as { status: string }[]) : [];
        return list.some((x) => x.status === 'deployed') ? list : undefined;
      },
      { what: 'kyverno-latest deployed on cluster02', timeoutMs: 90_000 },
    );
    expect(releases).toMatchObject([
      { name: 'kyverno-latest', namespace: 'kyverno', chart: 'kyverno-3.5.1', status: 'deployed' },
    ]);
    const summaries = await mgmtKubectl(['get', 'clusterprofile,clustersummary', '-A']);
    expect(summaries.stdout).toContain('deploy-kyverno-sveltos-cluster02');
  }, 120_000);
});

describe('startControllerProcess', () => {
  it('rejects with the log tail when the controller exits before starting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'controller-fails-'));
    try {
      const missing = join(dir, 'missing.kubeconfig');
      const failed = startControllerProcess({ dir, mgmtKubeconfig: missing, mirrors: [] });
      await expect(failed).rejects.toThrow(ControllerStartError);
      await expect(failed).rejects.toThrow(
        new RegExp(
          `sveltos-controller exited with code \\d+ before starting; last lines of .*controller\\.log:\\n.*Kubeconfig file "${missing}" does not exist`,
        ),
      );
      const badFlag = startControllerProcess({
        dir,
        mgmtKubeconfig: missing,
        mirrors: [],
        extraArgs: ['--workers=0'],
      });
      await expect(badFlag).rejects.toThrow('Invalid value "0" for --workers');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
