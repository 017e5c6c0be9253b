// The pull agent end to end: `kubectl sveltos register cluster --pullmode` on mgmt, its output
// applied with real kubectl on cluster01, the lab's process kubelet runs bin/sveltos-agent, and
// the agent's heartbeat makes `kubectl get sveltosclusters -A` show the cluster ready with its
// own version — using only the rights registration granted. Needs `npm run build`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-paths.js';
import { startLabEnvironment } from '../../lab/up.js';
import type { LabEnvironment } from '../../lab/up.js';
import { bundleHash } from '../../agent/bundles.js';
import { kubectl, waitFor } from '../support/kubectl.js';

let env: LabEnvironment;
const root = mkdtempSync(join(tmpdir(), 'agent-e2e-'));

function plugin(
  args: string[],
  kubeconfig: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [projectPath('bin', 'kubectl-sveltos'), ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', KUBECONFIG: kubeconfig, HOME: root },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

beforeAll(async () => {
  if (!existsSync(projectPath('dist', 'sveltos-agent.mjs'))) {
    throw new Error('dist/sveltos-agent.mjs is missing: run "npm run build" before the e2e tests');
  }
  env = await startLabEnvironment({
    dir: join(root, 'lab'),
    clusters: [{ name: 'cluster01', version: 'v1.32.5' }],
  });
}, 120_000);

afterAll(async () => {
  await env?.stop();
  if (!process.env.KEEP_AGENT_E2E) rmSync(root, { recursive: true, force: true });
});

describe('sveltos-agent in the lab', () => {
  it('registers in pull mode and reports ready with the managed cluster version', async () => {
    const mgmt = env.clusters.mgmt.kubeconfig;
    const cluster01 = env.clusters.cluster01.kubeconfig;
    const reg = await plugin(
      [
        'register',
        'cluster',
        '--namespace=rke2',
        '--cluster=cluster01',
        '--pullmode',
        '--labels=env=test',
      ],
      mgmt,
    );
    expect(reg.code, reg.stderr).toBe(0);
    const applied = await kubectl(['apply', '-f', '-'], {
      kubeconfig: cluster01,
      stdin: reg.stdout,
    });
    expect(applied.code, applied.stderr).toBe(0);

    const row = await waitFor(
      async () => {
        const r = await kubectl(
          [
            'get',
            'sveltosclusters',
            '-A',
            '--no-headers',
            // Client-side columns: the lab's server-side printer columns are still pending.
            '-o',
            'custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,READY:.status.ready,VERSION:.status.version',
          ],
          {
            kubeconfig: mgmt,
          },
        );
        const line = r.stdout.split('\n').find((l) => /^rke2\s+cluster01\s/.test(l));
        if (line && /\strue\s+v1\.32\.5$/.test(line.trim())) return line;
        throw new Error(`Row: ${line ?? r.stdout + r.stderr}`);
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'cluster01 ready with v1.32.5' },
    );
    expect(row.split(/\s+/).slice(0, 4)).toEqual(['rke2', 'cluster01', 'true', 'v1.32.5']);

    const status = await kubectl(
      [
        'get',
        'sveltoscluster',
        '-n',
        'rke2',
        'cluster01',
        '-o',
        'jsonpath={.status.connectionStatus} {.status.agentLastReportTime}',
      ],
      { kubeconfig: mgmt },
    );
    expect(status.stdout).toMatch(/^Healthy \d{4}-\d\d-\d\dT/);
    const first = status.stdout.split(' ')[1];
    await waitFor(
      async () => {
        const r = await kubectl(
          [
            'get',
            'sveltoscluster',
            '-n',
            'rke2',
            'cluster01',
            '-o',
            'jsonpath={.status.agentLastReportTime}',
          ],
          { kubeconfig: mgmt },
        );
        return r.stdout !== first;
      },
      { timeoutMs: 20_000, intervalMs: 500, what: 'a second heartbeat' },
    );
  }, 90_000);

  it('applies a ConfigurationGroup, fails it on a hash mismatch and removes what it deployed', async () => {
    const mgmt = env.clusters.mgmt.kubeconfig;
    const cluster01 = env.clusters.cluster01.kubeconfig;
    const resources = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pulled\n  namespace: pulled-ns\ndata:\n  a: "1"\n',
    ];
    const bundle = (res: string[]): string =>
      JSON.stringify({
        apiVersion: 'lib.projectsveltos.io/v1beta1',
        kind: 'ConfigurationBundle',
        metadata: { name: 'config-bundle1', namespace: 'rke2' },
        spec: { resources: res },
      });
    const group = (requestorHash: string, action: string): string =>
      JSON.stringify({
        apiVersion: 'lib.projectsveltos.io/v1beta1',
        kind: 'ConfigurationGroup',
        metadata: {
          name: 'config-group1',
          namespace: 'rke2',
          labels: {
            'pullmode.projectsveltos.io/clustername': 'cluster01',
            'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary',
            'pullmode.projectsveltos.io/requestorfeature': 'Resources',
          },
          annotations: { 'pullmode.projectsveltos.io/requestorname': 'demo-sveltos-cluster01' },
        },
        spec: {
          action,
          updatePhase: 'Ready',
          requestorHash,
          configurationItem: [
            {
              contentRef: {
                apiVersion: 'lib.projectsveltos.io/v1beta1',
                kind: 'ConfigurationBundle',
                name: 'config-bundle1',
                namespace: 'rke2',
              },
              hash: bundleHash(resources),
            },
          ],
        },
      });
    const b64 = (t: string): string => Buffer.from(t).toString('base64');
    const apply = async (yaml: string): Promise<void> => {
      const r = await kubectl(['apply', '-f', '-'], { kubeconfig: mgmt, stdin: yaml });
      expect(r.code, r.stderr).toBe(0);
    };
    const groupStatus = async (): Promise<string> =>
      (
        await kubectl(
          [
            'get',
            'configurationgroup',
            '-n',
            'rke2',
            'config-group1',
            '-o',
            'jsonpath={.status.observedRequestorHash} {.status.status} {.status.failureMessage}',
          ],
          { kubeconfig: mgmt },
        )
      ).stdout;

    await apply(bundle(resources));
    await apply(group(b64('h1'), 'Deploy'));
    await waitFor(async () => (await groupStatus()).startsWith(b64('h1') + ' Provisioned'), {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: 'group Provisioned',
    });
    const cm = await kubectl(['get', 'configmap', '-n', 'pulled-ns', 'pulled', '-o', 'json'], {
      kubeconfig: cluster01,
    });
    expect(cm.code, cm.stderr).toBe(0);
    const obj = JSON.parse(cm.stdout) as { metadata: { labels: Record<string, string> } };
    expect(obj.metadata.labels['projectsveltos.io/reason']).toBe('Resources');

    await apply(
      bundle([...resources, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: evil\n']),
    );
    await apply(group(b64('h2'), 'Deploy'));
    const failed = await waitFor(
      async () => {
        const s = await groupStatus();
        return s.startsWith(b64('h2') + ' Failed') ? s : false;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'group Failed' },
    );
    expect(failed).toContain('ConfigurationBundle rke2/config-bundle1');
    const evil = await kubectl(['get', 'namespace', 'evil'], { kubeconfig: cluster01 });
    expect(evil.code).not.toBe(0);

    await apply(bundle(resources));
    await apply(group(b64('h3'), 'Remove'));
    await waitFor(async () => (await groupStatus()).startsWith(b64('h3') + ' Removed'), {
      timeoutMs: 30_000,
      intervalMs: 500,
      what: 'group Removed',
    });
    const gone = await kubectl(['get', 'configmap', '-n', 'pulled-ns', 'pulled'], {
      kubeconfig: cluster01,
    });
    expect(gone.stderr).toContain('NotFound');
  }, 120_000);
});
