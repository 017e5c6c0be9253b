import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  certificateExpiresWithin,
  createCertificateAuthority,
  createServingCertificate,
} from './certs.js';

function fetchOk(port: number, host: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', servername: host, port, ca, path: '/' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('certs', () => {
  const ca = createCertificateAuthority();
  const serving = createServingCertificate(ca, {
    dnsNames: ['localhost', 'webhook.projectsveltos.svc'],
    ipAddresses: ['127.0.0.1'],
    validityDays: 30,
  });

  it('signs a serving certificate the CA verifies, with the requested SANs', () => {
    const cert = new X509Certificate(serving.certPem);
    const caCert = new X509Certificate(ca.certPem);
    expect(caCert.ca).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('webhook.projectsveltos.svc')).toBe('webhook.projectsveltos.svc');
    expect(cert.subjectAltName).toContain('DNS:localhost');
  });

  it('reports expiry within a window', () => {
    expect(certificateExpiresWithin(serving.certPem, 60_000)).toBe(false);
    expect(certificateExpiresWithin(serving.certPem, 31 * 24 * 3600_000)).toBe(true);
  });

  it('serves TLS that a client trusting only the CA accepts by IP and by name', async () => {
    const server = createServer({ cert: serving.certPem, key: serving.keyPem }, (_req, res) =>
      res.end('ok'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await fetchOk(port, 'localhost', ca.certPem)).toBe('ok');
      expect(await fetchOk(port, 'webhook.projectsveltos.svc', ca.certPem)).toBe('ok');
      await expect(fetchOk(port, 'other.example', ca.certPem)).rejects.toThrow();
    } finally {
      server.close();
    }
  });
});
