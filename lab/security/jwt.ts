// Service-account tokens as real JWTs (ES256, RFC 7515/7519), one signing key per cluster made on
// first use so that a thousand idle clusters cost no key generation. Verifies signature and
// header only; expiry, audience and the objects a token names are checked by the authenticator.
import { generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** Claims of the tokens this lab issues (legacy secret-based and bound TokenRequest tokens). */
export interface TokenClaims {
  iss: string;
  sub: string;
  aud?: string[];
  exp?: number;
  iat?: number;
  nbf?: number;
  jti?: string;
  'kubernetes.io'?: {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    secret?: { name: string; uid: string };
    pod?: { name: string; uid: string };
  };
  'kubernetes.io/serviceaccount/namespace'?: string;
  'kubernetes.io/serviceaccount/secret.name'?: string;
  'kubernetes.io/serviceaccount/service-account.name'?: string;
  'kubernetes.io/serviceaccount/service-account.uid'?: string;
}

const MAX_CACHED = 4096;

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Signs and verifies JWTs with a lazily generated P-256 key. */
export class TokenSigner {
  private privateKey: KeyObject | undefined;
  private publicKey: KeyObject | undefined;
  private readonly kid = randomUUID();
  // Signature checks cost ~0.1-0.5 ms; a token's signature never changes, so remember good ones.
  private readonly verified = new Map<string, TokenClaims>();

  /** A compact JWS of the claims. */
  sign(claims: TokenClaims): string {
    const { privateKey } = this.keys();
    const header = b64url(JSON.stringify({ alg: 'ES256', kid: this.kid }));
    const payload = b64url(JSON.stringify(claims));
    const input = `${header}.${payload}`;
    const signature = sign('sha256', Buffer.from(input), {
      key: privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${b64url(signature)}`;
  }

  /** The claims when the token is a JWT this signer made, else undefined. */
  verify(token: string): TokenClaims | undefined {
    const cached = this.verified.get(token);
    if (cached) return cached;
    const claims = this.verifySignature(token);
    if (!claims) return undefined;
    if (this.verified.size >= MAX_CACHED)
      this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, claims);
    return claims;
  }

  private verifySignature(token: string): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || !this.publicKey) return undefined;
    const header = parseJson(parts[0]) as { alg?: string; kid?: string } | undefined;
    if (header?.alg !== 'ES256' || header.kid !== this.kid) return undefined;
    const ok = verify(
      'sha256',
      Buffer.from(`${parts[0]}.${parts[1]}`),
      { key: this.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(parts[2], 'base64url'),
    );
    return ok ? (parseJson(parts[1]) as TokenClaims | undefined) : undefined;
  }

  /** The public key as PEM (for an issuer-discovery endpoint or tests). */
  publicKeyPem(): string {
    return this.keys().publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  private keys(): { privateKey: KeyObject; publicKey: KeyObject } {
    if (!this.privateKey || !this.publicKey) {
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      this.privateKey = pair.privateKey;
      this.publicKey = pair.publicKey;
    }
    return { privateKey: this.privateKey, publicKey: this.publicKey };
  }
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
