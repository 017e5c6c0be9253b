// kube-apiserver's 403 wording (responsewriters.forbiddenMessage + apierrors.NewForbidden) and
// 401 body, built from a request and its user. Pure; the core server renders the StatusError.
import type { RequestInfo, UserInfo } from '../apiserver/extension-points.js';
import { StatusError, forbidden } from '../apiserver/status-errors.js';

/** `User "u" cannot list resource "configmaps" in API group "" in the namespace "ns"`. */
export function forbiddenMessage(user: UserInfo, info: RequestInfo): string {
  const who = `User ${JSON.stringify(user.username)}`;
  if (!info.isResourceRequest)
    return `${who} cannot ${info.verb} path ${JSON.stringify(info.path)}`;
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const what = `${who} cannot ${info.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(info.apiGroup)}`;
  return info.namespace
    ? `${what} in the namespace ${JSON.stringify(info.namespace)}`
    : `${what} at the cluster scope`;
}

/** The 403 StatusError kube-apiserver answers for a denied request; `reason` is appended. */
export function forbiddenError(user: UserInfo, info: RequestInfo, reason = ''): StatusError {
  const base = forbiddenMessage(user, info);
  const message = reason ? `${base}: ${reason}` : base;
  if (!info.isResourceRequest) {
    return new StatusError(403, 'Forbidden', `forbidden: ${message}`, {});
  }
  return forbidden({ group: info.apiGroup, resource: info.resource }, info.name, message);
}
