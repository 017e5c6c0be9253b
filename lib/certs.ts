// X.509 certificates made with node-forge: a self-signed CA and CA-signed serving certificates
// (lab API server, admission webhook). Returns PEM strings only; never writes files or logs keys.
// RSA-2048 key generation delegates to node's native keygen (about 0.1–0.3 s per key).
import {
  X509Certificate,
  constants,
  generateKeyPairSync,
  privateEncrypt,
  randomBytes,
} from 'node:crypto';
import forge from 'node-forge';

/** A certificate and its private key, both PEM-encoded. */
export interface CertificateKeyPair {
  certPem: string;
  keyPem: string;
}

/** Options of a serving certificate; at least one DNS name or IP address is expected. */
export interface ServingCertificateOptions {
  dnsNames?: string[];
  ipAddresses?: string[];
  /** Validity in days from now (default 365). */
  validityDays?: number;
  /** Subject common name (default: the first DNS name, else the first IP address). */
  commonName?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function serialNumber(): string {
  // Positive (leading byte < 0x80) random 16-byte serial, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

interface KeyPair {
  publicKey: forge.pki.PublicKey;
  privateKeyPem: string;
}

// DER prefix of a PKCS#1 v1.5 DigestInfo for SHA-256 (RFC 8017 §9.2 note 1).
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * Signs the certificate with node's native RSA instead of forge's pure-JS one (about 1 s on a
 * busy machine): forge hands the finished SHA-256 digest to `key.sign`, and a PKCS#1 v1.5
 * signature is the private-key encryption of DigestInfo(digest).
 */
function signCertificate(cert: forge.pki.Certificate, privateKeyPem: string): void {
  const nativeKey = {
    sign(md: forge.md.MessageDigest): string {
      const digest = Buffer.from(md.digest().getBytes(), 'binary');
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, digest]);
      return privateEncrypt(
        { key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING },
        digestInfo,
      ).toString('binary');
    },
  };
  cert.sign(nativeKey as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
}

function generateKeyPair(): KeyPair {
  // Native keygen: forge's own (pure JS) path takes seconds on a busy machine.
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey: forge.pki.publicKeyFromPem(pair.publicKey), privateKeyPem: pair.privateKey };
}

function newCertificate(
  publicKey: forge.pki.PublicKey,
  validityDays: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  // Back-date by an hour so clocks slightly behind ours still accept the certificate.
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + validityDays * DAY_MS);
  return cert;
}

/** A self-signed certificate authority (basicConstraints cA, keyCertSign, cRLSign). */
export function createCertificateAuthority(
  opts: { commonName?: string; validityDays?: number } = {},
): CertificateKeyPair {
  const keys = generateKeyPair();
  const cert = newCertificate(keys.publicKey, opts.validityDays ?? 3650);
  const subject = [{ name: 'commonName', value: opts.commonName ?? 'sveltos-lab-ca' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, keys.privateKeyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/**
 * A serving certificate signed by `ca`, with extKeyUsage serverAuth and the given SANs.
 * Throws if the CA PEMs cannot be parsed.
 */
export function createServingCertificate(
  ca: CertificateKeyPair,
  opts: ServingCertificateOptions,
): CertificateKeyPair {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const keys = generateKeyPair();
  const cert = newCertificate(keys.publicKey, opts.validityDays ?? 365);
  const dnsNames = opts.dnsNames ?? [];
  const ipAddresses = opts.ipAddresses ?? [];
  const commonName = opts.commonName ?? dnsNames[0] ?? ipAddresses[0] ?? 'sveltos-lab';
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...dnsNames.map((value) => ({ type: 2, value })),
        ...ipAddresses.map((ip) => ({ type: 7, ip })),
      ],
    },
  ]);
  signCertificate(cert, ca.keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** True when the certificate's notAfter is less than `ms` milliseconds away (or already past). */
export function certificateExpiresWithin(
  certPem: string,
  ms: number,
  now: Date = new Date(),
): boolean {
  const cert = new X509Certificate(certPem);
  return new Date(cert.validTo).getTime() - now.getTime() < ms;
}
