// The `sveltos-webhook` entry point as a process: flags, JSON logs on stderr, HTTPS health
// endpoint with the certificate it issued, and a clean exit 0 on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdmissionClient } from '../../webhook/admission-client.js';
import { waitFor } from '../support/kubectl.js';

const dir = mkdtempSync(join(tmpdir(), 'webhook-binary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sveltos-webhook process', () => {
  it('serves with its own certificate and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'webhook/main.ts',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--cert-dir',
        dir,
        '--extra-hosts',
        '127.0.0.1',
      ],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const url = await waitFor(
      () => /"msg":"Webhook listening","component":"webhook","url":"([^"]+)"/.exec(stderr)?.[1],
      { timeoutMs: 60_000, what: `the listening log line in ${stderr}` },
    );
    const client = createAdmissionClient({
      url,
      caBundle: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    });
    expect((await client.get('/healthz')).body).toBe('ok');
    client.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; level: string });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'Issued serving certificate',
        'Webhook listening',
        'Stopping webhook',
        'Webhook stopped',
      ]),
    );
    expect(stderr).not.toContain('PRIVATE KEY');
  });

  it('exits 2 naming the flag when a flag is wrong', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'webhook/main.ts', '--port', 'nine'],
      {
        cwd: join(import.meta.dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sveltos-webhook: Invalid value "nine" for --port: use a port number 0-65535\n',
    );
  });
});
