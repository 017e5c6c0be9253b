// Bearer-token authentication of one lab cluster: the admin token of its kubeconfig (a member of
// system:masters) and service-account tokens (legacy Secret tokens and TokenRequest tokens).
// No token or an unknown one yields undefined, which the core answers with 401 Unauthorized.
import { timingSafeEqual } from 'node:crypto';
import type { Authenticator, LabCluster, UserInfo } from '../apiserver/extension-points.js';
import type { SecurityContext } from './context.js';
import { checkServiceAccountToken } from './service-account-tokens.js';

/** The identity of the admin token (same as the core's default authenticator). */
export const ADMIN_USER: UserInfo = {
  username: 'admin',
  groups: ['system:masters', 'system:authenticated'],
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves a token to a user, or why it is refused (TokenReview shows the reason). */
export function authenticateToken(
  ctx: SecurityContext,
  token: string,
  audiences?: string[],
): { user: UserInfo; audiences: string[] } | { error: string } {
  if (sameSecret(token, ctx.cluster.adminToken)) {
    return {
      user: { ...ADMIN_USER, groups: [...ADMIN_USER.groups] },
      audiences: audiences ?? ctx.apiAudiences,
    };
  }
  return checkServiceAccountToken(ctx, token, audiences);
}

/** The Authenticator plugged into the core for one cluster. */
export class TokenAuthenticator implements Authenticator {
  constructor(private readonly ctx: SecurityContext) {}

  authenticate(token: string | undefined, _cluster: LabCluster): Promise<UserInfo | undefined> {
    if (!token) return Promise.resolve(undefined);
    const result = authenticateToken(this.ctx, token);
    return Promise.resolve('user' in result ? result.user : undefined);
  }
}
