// Issuing and validating service-account tokens like kube's serviceaccount token generator and
// validators: legacy tokens (stored in kubernetes.io/service-account-token Secrets) and bound
// tokens (TokenRequest, with exp and aud). A token stays valid only while the ServiceAccount
// (same uid) and the Secret or Pod it is bound to exist and are not being deleted.
import { randomUUID } from 'node:crypto';
import type { UserInfo } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { LEGACY_ISSUER, PODS, SECRETS, SERVICE_ACCOUNTS } from './context.js';
import type { SecurityContext } from './context.js';
import type { TokenClaims } from './jwt.js';
import { serviceAccountUsername } from './rbac-rules.js';

/** An object a bound token is tied to (TokenRequest `spec.boundObjectRef`). */
export interface BoundObject {
  kind: 'Secret' | 'Pod';
  name: string;
  uid: string;
}

/** The result of validating a token: a user, or why it was refused. */
export type TokenCheck = { user: UserInfo; audiences: string[] } | { error: string };

/** A legacy token for a token Secret, as kube-controller-manager writes into `data.token`. */
export function issueLegacyToken(ctx: SecurityContext, sa: KubeObject, secret: KubeObject): string {
  const ns = sa.metadata.namespace ?? '';
  const name = sa.metadata.name ?? '';
  return ctx.signer.sign({
    iss: LEGACY_ISSUER,
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret.metadata.name ?? '',
    'kubernetes.io/serviceaccount/service-account.name': name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid ?? '',
    sub: serviceAccountUsername(ns, name),
  });
}

/** A bound token (TokenRequest) valid for `expirationSeconds` from now. */
export function issueBoundToken(
  ctx: SecurityContext,
  sa: KubeObject,
  opts: { audiences: string[]; expirationSeconds: number; bound?: BoundObject },
): { token: string; expiresAt: number } {
  const ns = sa.metadata.namespace ?? '';
  const name = sa.metadata.name ?? '';
  const iat = Math.floor(ctx.now() / 1000);
  const exp = iat + opts.expirationSeconds;
  const k8s: NonNullable<TokenClaims['kubernetes.io']> = {
    namespace: ns,
    serviceaccount: { name, uid: sa.metadata.uid ?? '' },
  };
  if (opts.bound?.kind === 'Secret') k8s.secret = { name: opts.bound.name, uid: opts.bound.uid };
  if (opts.bound?.kind === 'Pod') k8s.pod = { name: opts.bound.name, uid: opts.bound.uid };
  const token = ctx.signer.sign({
    aud: opts.audiences,
    exp,
    iat,
    iss: ctx.issuer,
    jti: randomUUID(),
    'kubernetes.io': k8s,
    nbf: iat,
    sub: serviceAccountUsername(ns, name),
  });
  return { token, expiresAt: exp * 1000 };
}

function serviceAccountUser(
  ns: string,
  name: string,
  uid: string,
  extra?: Record<string, string[]>,
): UserInfo {
  const user: UserInfo = {
    username: serviceAccountUsername(ns, name),
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
  };
  if (extra) user.extra = extra;
  return user;
}

function live(obj: KubeObject | undefined, uid?: string): obj is KubeObject {
  if (!obj || obj.metadata.deletionTimestamp) return false;
  return !uid || obj.metadata.uid === uid;
}

function legacyClaims(c: TokenClaims): {
  ns: string;
  name: string;
  uid: string;
  secretName: string;
} {
  return {
    ns: c['kubernetes.io/serviceaccount/namespace'] ?? '',
    name: c['kubernetes.io/serviceaccount/service-account.name'] ?? '',
    uid: c['kubernetes.io/serviceaccount/service-account.uid'] ?? '',
    secretName: c['kubernetes.io/serviceaccount/secret.name'] ?? '',
  };
}

function checkLegacy(ctx: SecurityContext, token: string, c: TokenClaims): TokenCheck {
  const { ns, name, uid, secretName } = legacyClaims(c);
  const secret = ctx.cluster.client.get(SECRETS, ns, secretName);
  if (!live(secret)) return { error: `secrets "${secretName}" not found` };
  const stored = (secret.data as Record<string, string> | undefined)?.token;
  if (!stored || Buffer.from(stored, 'base64').toString('utf8') !== token) {
    return { error: 'token does not match the stored secret' };
  }
  const sa = ctx.cluster.client.get(SERVICE_ACCOUNTS, ns, name);
  if (!live(sa, uid)) return { error: `serviceaccounts "${name}" not found` };
  return { user: serviceAccountUser(ns, name, sa.metadata.uid ?? ''), audiences: [] };
}

function boundObjectError(
  ctx: SecurityContext,
  k8s: NonNullable<TokenClaims['kubernetes.io']>,
): string {
  if (
    k8s.secret &&
    !live(ctx.cluster.client.get(SECRETS, k8s.namespace, k8s.secret.name), k8s.secret.uid)
  ) {
    return `secrets "${k8s.secret.name}" not found`;
  }
  if (k8s.pod && !live(ctx.cluster.client.get(PODS, k8s.namespace, k8s.pod.name), k8s.pod.uid)) {
    return `pods "${k8s.pod.name}" not found`;
  }
  return '';
}

function boundExtra(c: TokenClaims): Record<string, string[]> {
  const extra: Record<string, string[]> = {
    'authentication.kubernetes.io/credential-id': [`JTI=${c.jti ?? ''}`],
  };
  const pod = c['kubernetes.io']?.pod;
  if (pod) {
    extra['authentication.kubernetes.io/pod-name'] = [pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [pod.uid];
  }
  return extra;
}

function checkBound(ctx: SecurityContext, c: TokenClaims, audiences: string[]): TokenCheck {
  const k8s = c['kubernetes.io'];
  if (!k8s) return { error: 'token has no kubernetes.io claims' };
  const nowSec = ctx.now() / 1000;
  if (c.exp !== undefined && nowSec >= c.exp) return { error: 'token has expired' };
  if (c.nbf !== undefined && nowSec < c.nbf) return { error: 'token is not valid yet' };
  const matched = (c.aud ?? []).filter((a) => audiences.includes(a));
  if (matched.length === 0) return { error: 'token audiences is invalid' };
  const sa = ctx.cluster.client.get(SERVICE_ACCOUNTS, k8s.namespace, k8s.serviceaccount.name);
  if (!live(sa, k8s.serviceaccount.uid))
    return { error: `serviceaccounts "${k8s.serviceaccount.name}" not found` };
  const objectError = boundObjectError(ctx, k8s);
  if (objectError) return { error: objectError };
  return {
    user: serviceAccountUser(
      k8s.namespace,
      k8s.serviceaccount.name,
      k8s.serviceaccount.uid,
      boundExtra(c),
    ),
    audiences: matched,
  };
}

/**
 * Validates a service-account token against the cluster's current objects. `audiences`
 * defaults to the API audiences (TokenReview may ask for others).
 */
export function checkServiceAccountToken(
  ctx: SecurityContext,
  token: string,
  audiences?: string[],
): TokenCheck {
  const claims = ctx.signer.verify(token);
  if (!claims) return { error: 'invalid bearer token' };
  if (claims.iss === LEGACY_ISSUER) return checkLegacy(ctx, token, claims);
  if (claims.iss === ctx.issuer) return checkBound(ctx, claims, audiences ?? ctx.apiAudiences);
  return { error: 'invalid bearer token' };
}
