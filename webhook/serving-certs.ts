// The webhook's serving certificate on disk: reuses a valid one from the cert dir (for example a
// mounted Secret), otherwise issues one from the dir's own CA, creating the CA when there is none
// usable. Files: ca.crt, ca.key, tls.crt, tls.key (keys 0600, written atomically). Never logs
// key material. Tests in serving-certs.test.ts.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateKeyPair } from '../lib/certs.js';
import {
  certificateExpiresWithin,
  createCertificateAuthority,
  createServingCertificate,
} from '../lib/certs.js';

export const CERT_FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  cert: 'tls.crt',
  key: 'tls.key',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the serving certificate must cover and how long it lives. */
export interface CertificateRequirements {
  dnsNames: string[];
  ipAddresses: string[];
  /** Validity of a newly issued serving certificate (default 365 days). */
  validityDays?: number;
  /** Renew when fewer than this many ms remain (default 30 days). */
  renewBeforeMs?: number;
}

/** The certificates in use: PEMs, and whether this call wrote new ones. */
export interface ServingCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
  issued: boolean;
}

/** The DNS names of a Service: `NAME.NS.svc` and `NAME.NS.svc.cluster.local` (plus short forms). */
export function serviceDnsNames(name: string, namespace: string): string[] {
  return [
    name,
    `${name}.${namespace}`,
    `${name}.${namespace}.svc`,
    `${name}.${namespace}.svc.cluster.local`,
  ];
}

/** Splits extra hosts into DNS names and IP addresses. */
export function splitHosts(hosts: readonly string[]): {
  dnsNames: string[];
  ipAddresses: string[];
} {
  const isIp = (h: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':');
  return { dnsNames: hosts.filter((h) => !isIp(h)), ipAddresses: hosts.filter(isIp) };
}

/**
 * Returns the serving certificate of `dir`, issuing a new one (and a CA if needed) when the
 * files are missing, unreadable, do not match each other, miss a required name, or expire
 * within `renewBeforeMs`. Throws when the dir cannot be written and nothing usable is in it.
 */
export function ensureServingCertificates(
  dir: string,
  req: CertificateRequirements,
): ServingCertificates {
  const files = readFiles(dir);
  const renewBeforeMs = req.renewBeforeMs ?? 30 * DAY_MS;
  if (servingPairUsable(files, req, renewBeforeMs)) {
    return {
      caPem: files.caCert ?? '',
      certPem: files.cert ?? '',
      keyPem: files.key ?? '',
      issued: false,
    };
  }
  const ca =
    usableCa(files, renewBeforeMs) ??
    createCertificateAuthority({ commonName: 'sveltos-webhook-ca' });
  const serving = createServingCertificate(ca, {
    dnsNames: req.dnsNames,
    ipAddresses: req.ipAddresses,
    validityDays: req.validityDays ?? 365,
  });
  writeFiles(dir, ca, serving);
  return { caPem: ca.certPem, certPem: serving.certPem, keyPem: serving.keyPem, issued: true };
}

type CertFiles = Partial<Record<keyof typeof CERT_FILES, string>>;

/** Reads whatever of the four files exists. */
export function readFiles(dir: string): CertFiles {
  const out: CertFiles = {};
  for (const [key, file] of Object.entries(CERT_FILES) as [keyof typeof CERT_FILES, string][]) {
    const path = join(dir, file);
    if (existsSync(path)) out[key] = readFileSync(path, 'utf8');
  }
  return out;
}

function servingPairUsable(
  files: CertFiles,
  req: CertificateRequirements,
  renewBeforeMs: number,
): boolean {
  if (!files.cert || !files.key || !files.caCert) return false;
  try {
    const cert = new X509Certificate(files.cert);
    const ca = new X509Certificate(files.caCert);
    if (!cert.checkPrivateKey(createPrivateKey(files.key))) return false;
    if (!cert.verify(ca.publicKey)) return false;
    if (certificateExpiresWithin(files.cert, renewBeforeMs)) return false;
    return coversNames(cert, req);
  } catch {
    return false;
  }
}

function coversNames(cert: X509Certificate, req: CertificateRequirements): boolean {
  const sans = (cert.subjectAltName ?? '').split(',').map((s) => s.trim());
  const dnsOk = req.dnsNames.every((name) => sans.includes(`DNS:${name}`));
  return dnsOk && req.ipAddresses.every((ip) => sans.includes(`IP Address:${ip}`));
}

function usableCa(files: CertFiles, renewBeforeMs: number): CertificateKeyPair | undefined {
  if (!files.caCert || !files.caKey) return undefined;
  try {
    const ca = new X509Certificate(files.caCert);
    if (!ca.ca || !ca.checkPrivateKey(createPrivateKey(files.caKey))) return undefined;
    if (certificateExpiresWithin(files.caCert, renewBeforeMs)) return undefined;
    return { certPem: files.caCert, keyPem: files.caKey };
  } catch {
    return undefined;
  }
}

function writeFiles(dir: string, ca: CertificateKeyPair, serving: CertificateKeyPair): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, CERT_FILES.caCert), ca.certPem, 0o644);
  writeAtomic(join(dir, CERT_FILES.caKey), ca.keyPem, 0o600);
  // Key before certificate: a watcher reloading on the certificate then finds a matching key.
  writeAtomic(join(dir, CERT_FILES.key), serving.keyPem, 0o600);
  writeAtomic(join(dir, CERT_FILES.cert), serving.certPem, 0o644);
}

function writeAtomic(path: string, content: string, mode: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, path);
}
