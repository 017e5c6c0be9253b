// `npm run demo` end to end: the real `sveltos-lab demo --keep` process (dist/, so run `npm run
// build` first) replays the seed blog post on lab clusters with real kubectl, helm, the webhook,
// the controller and the pull agent; every step runs and holds (none skipped), the lab then keeps
// running with working kubeconfigs as printed, and SIGINT stops it with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-paths.js';
import { seedSteps } from '../../lab/demo/seed-steps.js';
import { kubectl, waitFor } from '../support/kubectl.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-e2e-'));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Demo {
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
}

function startDemo(): Demo {
  const proc = spawn(
    process.execPath,
    [projectPath('bin', 'sveltos-lab'), 'demo', '--keep', '--dir', dir],
    {
      cwd: projectPath(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return { stdout: () => stdout, stderr: () => stderr, exit };
}

describe('npm run demo', () => {
  it('replays the seed blog post with every step run and held, keeps the lab, and stops on SIGINT', async () => {
    const demo = startDemo();
    const finished = await Promise.race([
      waitFor(() => demo.stdout().includes('The lab keeps running'), {
        what: 'the demo to finish its steps',
        timeoutMs: 170_000,
        intervalMs: 500,
      }),
      demo.exit.then((code) => `exited ${String(code)}`),
    ]);
    expect(demo.stderr()).not.toContain('demo failed');
    expect(finished).toBe(true);
    expect(demo.stdout()).not.toContain('[not built yet');
    expect(demo.stdout()).toMatch(
      new RegExp(`Demo finished in [\\d.]+ s: ${seedSteps.length} steps ran and held\\.`),
    );
    for (const step of seedSteps) expect(demo.stdout()).toContain(`$ ${step.command}\n`);

    const cluster02 = join(dir, 'cluster02.kubeconfig');
    expect(demo.stdout()).toContain(`kubectl --kubeconfig=${cluster02} get all -A`);
    const kubeSystem = await kubectl(['get', 'namespace', 'kube-system', '-o', 'name'], {
      kubeconfig: cluster02,
    });
    expect(kubeSystem.stdout).toBe('namespace/kube-system\n');

    child?.kill('SIGINT');
    expect(await demo.exit).toBe(0);
  }, 180_000);
});
