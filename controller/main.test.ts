// The `sveltos-controller` entry point as a real process (run with tsx) against the lab:
// structured JSON logs, the lab's flags, readiness, and a graceful SIGTERM that releases the
// Lease and exits 0; a bad flag exits 2 naming it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SVELTOS_CLUSTER } from '../api/gvk.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import { projectPath } from '../lib/project-paths.js';
import { LEASES, objectPath } from '../lib/resource-paths.js';
import { startControllerEnv } from '../test/support/controller-env.js';
import type { ControllerTestEnv } from '../test/support/controller-env.js';
import { rawClient } from '../test/support/controller-harness.js';
import { waitFor } from '../test/support/kubectl.js';

let env: ControllerTestEnv;
let mgmt: KubeHttpClient;

beforeAll(async () => {
  env = await startControllerEnv({ managed: [] });
  mgmt = rawClient(env, 'mgmt');
}, 60_000);

afterAll(async () => {
  mgmt?.close();
  await env?.stop();
});

interface Running {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stderr: string[];
  exited: Promise<number | null>;
}

function run(args: string[]): Running {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', projectPath('controller', 'main.ts'), ...args],
    {
      cwd: projectPath(),
      env: { PATH: process.env.PATH ?? '', HOME: env.lab.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const running: Running = {
    child,
    lines: [],
    stderr: [],
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
  let buffer = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      running.stderr.push(line);
      try {
        running.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line (e.g. a usage error)
      }
    }
  });
  return running;
}

describe('sveltos-controller process', () => {
  it('runs with the lab flags, logs JSON, and stops on SIGTERM releasing its Lease', async () => {
    const proc = run([
      '--kubeconfig',
      env.mgmtKubeconfig,
      '--health-interval',
      '2s',
      '--agent-timeout',
      '30s',
      '--helm-repository-mirror',
      'https://kyverno.github.io/kyverno/=http://127.0.0.1:9/kyverno/',
      '--register-management-cluster',
      '--health-probe-bind-address',
      '127.0.0.1:0',
      '--metrics-bind-address',
      '127.0.0.1:0',
      '--leader-election-namespace',
      'ctl-proc',
    ]);
    try {
      const started = await waitFor(() => proc.lines.find((l) => l.msg === 'Started controller'), {
        what: 'start log',
        timeoutMs: 30_000,
      });
      expect(started).toMatchObject({
        level: 'info',
        component: 'sveltos-controller',
        leaderElection: true,
      });
      const health = started.health as string;
      await waitFor(async () => (await fetch(`${health}/readyz`)).status === 200, {
        what: 'ready',
      });
      await waitFor(
        () =>
          mgmt
            .request<{ status?: { ready?: boolean } }>({
              method: 'GET',
              path: objectPath(SVELTOS_CLUSTER, 'mgmt', 'mgmt'),
            })
            .then(
              (c) => c.status?.ready === true,
              () => false,
            ),
        { what: 'mgmt/mgmt ready', timeoutMs: 30_000 },
      );
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(['Received signal', 'Released leader Lease', 'Stopped controller']),
      );
      const lease = await mgmt.request<{ spec: { holderIdentity?: string } }>({
        method: 'GET',
        path: objectPath(LEASES, 'sveltos-controller-leader', 'ctl-proc'),
      });
      expect(lease.spec.holderIdentity ?? '').toBe('');
      expect(proc.stderr.join('\n')).not.toMatch(
        /token|BEGIN CERTIFICATE|certificate-authority-data/,
      );
    } finally {
      proc.child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 2 naming a bad flag value', async () => {
    const proc = run(['--kubeconfig', env.mgmtKubeconfig, '--health-interval', 'often']);
    expect(await proc.exited).toBe(2);
    expect(proc.stderr.join('\n')).toContain('Invalid value "often" for --health-interval');
  }, 30_000);
});
