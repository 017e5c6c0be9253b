// `npm run demo` end to end: the real `sveltos-lab demo` process (dist/, so run `npm run build`
// first) replays the seed blog post on lab clusters with real kubectl, helm, the webhook, the
// controller and the pull agent, and every step runs and holds — none is skipped.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../lib/project-paths.js';
import { seedSteps } from '../../lab/demo/seed-steps.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [projectPath('bin', 'sveltos-lab'), 'demo', '--dir', dir],
      {
        cwd: projectPath(),
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Bounded: a hung demo is killed so the assertion below names what it printed.
    const timer = setTimeout(() => child.kill('SIGTERM'), 170_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  it('replays the seed blog post with every step run and held, and exits 0', async () => {
    const demo = await runDemo();
    expect(demo.stderr + demo.stdout.slice(-2000)).not.toContain('demo failed');
    expect(demo.code).toBe(0);
    expect(demo.stdout).not.toContain('[not built yet');
    expect(demo.stdout).toMatch(
      new RegExp(`Demo finished in [\\d.]+ s: ${seedSteps.length} steps ran and held\\.`),
    );
    for (const step of seedSteps) expect(demo.stdout).toContain(`$ ${step.command}\n`);
  }, 180_000);
});
