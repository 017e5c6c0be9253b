// The authentication.k8s.io review kinds: TokenReview (who does this token denote, for
// webhook-style authenticators) and SelfSubjectReview (`kubectl auth whoami`). No storage.
import type { UserInfo } from '../apiserver/extension-points.js';
import { invalid } from '../apiserver/status-errors.js';
import type { KubeObject } from '../apiserver/types.js';
import { authenticateToken } from './authenticator.js';
import type { SecurityContext } from './context.js';

const GROUP = 'authentication.k8s.io';

function answer(body: KubeObject, kind: string, status: Record<string, unknown>): KubeObject {
  const metadata = { ...(body.metadata ?? {}), creationTimestamp: null as unknown as string };
  return { ...body, kind, apiVersion: `${GROUP}/v1`, metadata, status };
}

function userJson(user: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: user.username };
  if (user.uid) out.uid = user.uid;
  out.groups = user.groups;
  if (user.extra) out.extra = user.extra;
  return out;
}

/** TokenReview: authenticates `spec.token` for `spec.audiences` (default: the API audiences). */
export function tokenReview(ctx: SecurityContext, body: KubeObject): KubeObject {
  const spec = (body.spec ?? {}) as { token?: string; audiences?: string[] };
  if (!spec.token) {
    throw invalid({ group: GROUP, kind: 'TokenReview' }, '', [
      { type: 'FieldValueRequired', field: 'spec.token', detail: '' },
    ]);
  }
  const result = authenticateToken(
    ctx,
    spec.token,
    spec.audiences?.length ? spec.audiences : undefined,
  );
  if ('error' in result) return answer(body, 'TokenReview', { user: {}, error: result.error });
  return answer(body, 'TokenReview', {
    authenticated: true,
    user: userJson(result.user),
    audiences: result.audiences,
  });
}

/** SelfSubjectReview: the requesting user as the server sees it. */
export function selfSubjectReview(user: UserInfo, body: KubeObject): KubeObject {
  return answer(body, 'SelfSubjectReview', { userInfo: userJson(user) });
}
