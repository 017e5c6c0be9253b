// User impersonation (`kubectl --as USER --as-group G`) as kube-apiserver's filter does it:
// the requester must be allowed the `impersonate` verb on users / groups / serviceaccounts /
// uids, then the request runs as the impersonated identity (plus system:authenticated).
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestInfo, UserInfo } from './extension-points.js';
import type { ClusterRuntime } from './scope.js';
import { forbidden } from './status-errors.js';

const SA_PREFIX = 'system:serviceaccount:';

function headerValues(headers: IncomingHttpHeaders, name: string): string[] {
  const v = headers[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

function extras(headers: IncomingHttpHeaders): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(headers)) {
    if (key.startsWith('impersonate-extra-'))
      out[decodeURIComponent(key.slice(18))] = headerValues(headers, key);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The RequestInfo of one impersonation check. */
function impersonationInfo(
  resource: string,
  name: string,
  namespace = '',
  apiGroup = '',
): RequestInfo {
  return {
    isResourceRequest: true,
    path: '',
    verb: 'impersonate',
    apiGroup,
    apiVersion: 'v1',
    resource,
    subresource: '',
    namespace,
    name,
  };
}

function checksFor(username: string, groups: string[], uid: string | undefined): RequestInfo[] {
  const checks: RequestInfo[] = [];
  if (username.startsWith(SA_PREFIX)) {
    const [ns = '', name = ''] = username.slice(SA_PREFIX.length).split(':');
    checks.push(impersonationInfo('serviceaccounts', name, ns));
  } else {
    checks.push(impersonationInfo('users', username));
  }
  for (const g of groups) checks.push(impersonationInfo('groups', g));
  if (uid) checks.push(impersonationInfo('uids', uid, '', 'authentication.k8s.io'));
  return checks;
}

function impersonatedUser(
  username: string,
  groups: string[],
  uid: string | undefined,
  extra: Record<string, string[]> | undefined,
): UserInfo {
  const all = [...groups];
  if (username.startsWith(SA_PREFIX)) {
    const ns = username.slice(SA_PREFIX.length).split(':')[0] ?? '';
    all.push('system:serviceaccounts', `system:serviceaccounts:${ns}`);
  }
  if (!all.includes('system:authenticated')) all.push('system:authenticated');
  return { username, groups: all, ...(uid ? { uid } : {}), ...(extra ? { extra } : {}) };
}

/**
 * The user a request runs as: `user` itself without Impersonate-* headers, else the
 * impersonated identity once the authorizer allows every part. Throws 403 in kube's wording.
 */
export async function impersonate(
  rt: ClusterRuntime,
  user: UserInfo,
  headers: IncomingHttpHeaders,
): Promise<UserInfo> {
  const username = headerValues(headers, 'impersonate-user')[0];
  if (!username) return user;
  const groups = headerValues(headers, 'impersonate-group');
  const uid = headerValues(headers, 'impersonate-uid')[0];
  for (const info of checksFor(username, groups, uid)) {
    const decision = await rt.authorizer.authorize(user, info, rt.lab);
    if (!decision.allowed) {
      const where = info.namespace
        ? `in the namespace "${info.namespace}"`
        : 'at the cluster scope';
      const msg = `User "${user.username}" cannot impersonate resource "${info.resource}" in API group "${info.apiGroup}" ${where}`;
      throw forbidden(
        { group: info.apiGroup, resource: info.resource },
        info.name,
        decision.reason ? `${msg}: ${decision.reason}` : msg,
      );
    }
  }
  return impersonatedUser(username, groups, uid, extras(headers));
}
