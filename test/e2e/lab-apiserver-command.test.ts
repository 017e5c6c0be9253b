// `sveltos-lab apiserver` as a process: prints `ready URL`, writes a kubeconfig real kubectl
// uses, reports the requested version, stops cleanly on SIGTERM/SIGINT and keeps its state in
// --data-dir across a restart.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/project-paths.js';
import { kubectl, waitFor } from '../support/kubectl.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  exit: Promise<number | null>;
}

async function startCommand(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lab/main.ts', 'apiserver', ...args], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await waitFor(() => /^ready (https:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout)?.[1], {
    timeoutMs: 30_000,
    what: `the ready line (stderr: ${stderr})`,
  });
  return { child, url, stdout: () => stdout, exit };
}

describe('sveltos-lab apiserver', () => {
  it('serves kubectl, stops on SIGTERM and keeps its state in --data-dir', async () => {
    const dataDir = join(dir, 'data');
    const kubeconfig = join(dir, 'admin.kubeconfig');
    const first = await startCommand([
      '--data-dir',
      dataDir,
      '--kubeconfig',
      kubeconfig,
      '--version',
      'v1.31.4',
    ]);
    expect(first.stdout()).toBe(`ready ${first.url}\n`);
    const version = await kubectl(['version', '-o', 'json'], { kubeconfig });
    expect(
      (JSON.parse(version.stdout) as { serverVersion: { gitVersion: string } }).serverVersion
        .gitVersion,
    ).toBe('v1.31.4');
    const created = await kubectl(['create', 'configmap', 'survivor', '--from-literal=a=b'], {
      kubeconfig,
    });
    expect(created.stdout).toContain('configmap/survivor created');
    const rv = (
      await kubectl(['get', 'cm', 'survivor', '-o', 'jsonpath={.metadata.resourceVersion}'], {
        kubeconfig,
      })
    ).stdout;
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    const second = await startCommand(['--data-dir', dataDir, '--kubeconfig', kubeconfig]);
    try {
      const again = await kubectl(
        ['get', 'cm', 'survivor', '-o', 'jsonpath={.metadata.resourceVersion} {.data.a}'],
        { kubeconfig },
      );
      expect(again.stdout).toBe(`${rv} b`);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exit).toBe(0);
    }
  });

  it('refuses bad arguments with exit code 2 and the usage', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'lab/main.ts', 'apiserver', '--port', 'many'],
      {
        cwd: projectRoot(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid --port "many"');
    expect(stderr).toContain('Usage: sveltos-lab apiserver');
  });
});
