import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServingCertificate } from '../lib/certs.js';
import { silentLogger } from '../lib/logger.js';
import { waitFor } from '../test/support/kubectl.js';
import type { WebhookServer } from './server.js';
import { startWebhookServer } from './server.js';

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let server: WebhookServer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cert-reloader-'));
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Serial number of the certificate the server presents in a fresh TLS handshake. */
function servedSerial(url: string, caPem: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: hostname, port: Number(port), ca: caPem, servername: 'localhost' },
      () => {
        resolve(socket.getPeerCertificate().serialNumber);
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}

const fileSerial = (path: string) =>
  new X509Certificate(readFileSync(path)).serialNumber.toUpperCase();

describe('certificate reload', () => {
  it('serves a certificate replaced on disk without a restart', async () => {
    server = await startWebhookServer({
      port: 0,
      certDir: dir,
      extraHosts: ['localhost'],
      logger: silentLogger,
    });
    const caPem = readFileSync(join(dir, 'ca.crt'), 'utf8');
    const before = await servedSerial(server.url, caPem);
    const ca = { certPem: caPem, keyPem: readFileSync(join(dir, 'ca.key'), 'utf8') };
    const next = createServingCertificate(ca, { dnsNames: ['localhost'] });
    writeFileSync(join(dir, 'tls.key'), next.keyPem);
    writeFileSync(join(dir, 'tls.crt'), next.certPem);
    const expected = new X509Certificate(next.certPem).serialNumber.toUpperCase();
    const after = await waitFor(
      async () => {
        const s = (await servedSerial(server!.url, caPem)).toUpperCase();
        return s === expected ? s : undefined;
      },
      { what: 'the new certificate to be served' },
    );
    expect(after).not.toBe(before.toUpperCase());
  });

  it('renews a certificate close to expiry on its timer', async () => {
    // A 2-day certificate that must be renewed 3 days ahead is due at every check.
    server = await startWebhookServer({
      port: 0,
      certDir: dir,
      extraHosts: ['localhost'],
      logger: silentLogger,
      certValidityDays: 2,
      certRenewBeforeMs: 3 * DAY,
      certCheckIntervalMs: 200,
    });
    const caPem = readFileSync(join(dir, 'ca.crt'), 'utf8');
    const started = fileSerial(join(dir, 'tls.crt'));
    const renewed = await waitFor(
      async () => {
        const served = (await servedSerial(server!.url, caPem)).toUpperCase();
        return served !== started && served;
      },
      { what: 'a renewed certificate' },
    );
    expect(readFileSync(join(dir, 'ca.crt'), 'utf8')).toBe(caPem);
    expect(renewed).not.toBe(started);
  });
});
