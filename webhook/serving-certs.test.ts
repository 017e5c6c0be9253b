import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCertificateAuthority, createServingCertificate } from '../lib/certs.js';
import { ensureServingCertificates, serviceDnsNames, splitHosts } from './serving-certs.js';

const DAY = 24 * 60 * 60 * 1000;
const req = {
  dnsNames: serviceDnsNames('sveltos-webhook', 'projectsveltos'),
  ipAddresses: ['127.0.0.1'],
};
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'serving-certs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const serial = (pem: string) => new X509Certificate(pem).serialNumber;

describe('ensureServingCertificates', () => {
  it('creates a CA and a serving certificate covering the Service names and extra IPs', () => {
    const certs = ensureServingCertificates(dir, req);
    expect(certs.issued).toBe(true);
    const cert = new X509Certificate(certs.certPem);
    expect(cert.subjectAltName).toContain('DNS:sveltos-webhook.projectsveltos.svc');
    expect(cert.subjectAltName).toContain('DNS:sveltos-webhook.projectsveltos.svc.cluster.local');
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(cert.verify(new X509Certificate(certs.caPem).publicKey)).toBe(true);
    expect(statSync(join(dir, 'tls.key')).mode & 0o777).toBe(0o600);
  });

  it('reuses valid files without writing anything', () => {
    const first = ensureServingCertificates(dir, req);
    const second = ensureServingCertificates(dir, req);
    expect(second).toEqual({ ...first, issued: false });
  });

  it('reissues from the same CA when a required name is missing', () => {
    const first = ensureServingCertificates(dir, req);
    const more = ensureServingCertificates(dir, {
      ...req,
      dnsNames: [...req.dnsNames, 'webhook.lab'],
    });
    expect(more.issued).toBe(true);
    expect(more.caPem).toBe(first.caPem);
    expect(new X509Certificate(more.certPem).subjectAltName).toContain('DNS:webhook.lab');
  });

  it('renews a certificate that expires within renewBeforeMs, keeping the CA', () => {
    const first = ensureServingCertificates(dir, { ...req, validityDays: 10 });
    const renewed = ensureServingCertificates(dir, { ...req, renewBeforeMs: 20 * DAY });
    expect(renewed.issued).toBe(true);
    expect(serial(renewed.certPem)).not.toBe(serial(first.certPem));
    expect(renewed.caPem).toBe(first.caPem);
  });

  it('creates a new CA when the CA key is gone', () => {
    const first = ensureServingCertificates(dir, req);
    unlinkSync(join(dir, 'tls.crt'));
    unlinkSync(join(dir, 'ca.key'));
    const next = ensureServingCertificates(dir, req);
    expect(next.caPem).not.toBe(first.caPem);
  });

  it('accepts certificates provided by someone else (a mounted Secret without ca.key)', () => {
    const ca = createCertificateAuthority();
    const serving = createServingCertificate(ca, {
      dnsNames: req.dnsNames,
      ipAddresses: req.ipAddresses,
    });
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    writeFileSync(join(dir, 'tls.crt'), serving.certPem);
    writeFileSync(join(dir, 'tls.key'), serving.keyPem);
    expect(ensureServingCertificates(dir, req)).toEqual({
      caPem: ca.certPem,
      certPem: serving.certPem,
      keyPem: serving.keyPem,
      issued: false,
    });
  });

  it('replaces a key that does not match the certificate', () => {
    const first = ensureServingCertificates(dir, req);
    const other = createServingCertificate(createCertificateAuthority(), { dnsNames: ['x'] });
    writeFileSync(join(dir, 'tls.key'), other.keyPem);
    expect(ensureServingCertificates(dir, req).certPem).not.toBe(first.certPem);
  });
});

describe('splitHosts', () => {
  it('separates IP addresses from DNS names', () => {
    expect(splitHosts(['127.0.0.1', 'localhost', '::1', 'webhook.lab'])).toEqual({
      dnsNames: ['localhost', 'webhook.lab'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
  });
});
