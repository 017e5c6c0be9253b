// The request pipeline of one virtual cluster, in kube-apiserver's order: request filters
// (faults), bearer-token authentication, RequestInfo, authorization, then non-resource or
// resource handling. Every failure becomes a metav1.Status answer; nothing here throws.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../lib/logger.js';
import type { RequestInfo, UserInfo } from './extension-points.js';
import { bearerToken, parseAccept, sendError } from './http-io.js';
import { impersonate } from './impersonation.js';
import { handleNonResource, isPublicPath } from './nonresource-handler.js';
import { requestInfoFor } from './request-info.js';
import { handleResource } from './resource-handler.js';
import type { ClusterRuntime } from './scope.js';
import { StatusError, forbidden, methodNotSupported, unauthorized } from './status-errors.js';

const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** kube's responsewriters.forbiddenMessage. */
export function forbiddenMessage(user: UserInfo, info: RequestInfo): string {
  if (!info.isResourceRequest)
    return `User "${user.username}" cannot ${info.verb} path "${info.path}"`;
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const where = info.namespace ? `in the namespace "${info.namespace}"` : 'at the cluster scope';
  return `User "${user.username}" cannot ${info.verb} resource "${resource}" in API group "${info.apiGroup}" ${where}`;
}

function forbiddenError(user: UserInfo, info: RequestInfo, reason?: string): StatusError {
  const msg = forbiddenMessage(user, info) + (reason ? `: ${reason}` : '');
  if (!info.isResourceRequest) return new StatusError(403, 'Forbidden', `forbidden: ${msg}`, {});
  return forbidden({ group: info.apiGroup, resource: info.resource }, info.name, msg);
}

async function authenticate(
  rt: ClusterRuntime,
  req: IncomingMessage,
  path: string,
): Promise<UserInfo> {
  const token = bearerToken(req);
  const user = await rt.authenticator.authenticate(token, rt.lab);
  if (user) return user;
  if (token === undefined && isPublicPath(path)) return ANONYMOUS;
  throw unauthorized();
}

async function authorize(rt: ClusterRuntime, user: UserInfo, info: RequestInfo): Promise<void> {
  if (user === ANONYMOUS && isPublicPath(info.path)) return;
  const decision = await rt.authorizer.authorize(user, info, rt.lab);
  if (!decision.allowed) throw forbiddenError(user, info, decision.reason);
}

export interface ClusterRequest {
  req: IncomingMessage;
  res: ServerResponse;
  rt: ClusterRuntime;
  /** Path relative to the cluster base (`/api/v1/...`). */
  path: string;
  query: URLSearchParams;
  log: Logger;
}

async function pipeline(r: ClusterRequest): Promise<void> {
  const { req, res, rt, path, query } = r;
  for (const filter of rt.filters) if (await filter.handle(req, res, rt.lab)) return;
  const user = await impersonate(rt, await authenticate(rt, req, path), req.headers);
  const info = requestInfoFor(req.method ?? 'GET', path, query);
  await authorize(rt, user, info);
  const accept = parseAccept(req.headers.accept);
  if (info.isResourceRequest) {
    await handleResource({ req, res, rt, user, info, query, accept });
    return;
  }
  if (info.verb !== 'get' && info.verb !== 'head')
    throw methodNotSupported({ group: '', resource: path }, info.verb);
  handleNonResource(res, rt, { path, accept, host: req.headers.host ?? '' });
}

/** Serves one request of a cluster; errors are answered as Status bodies and logged at debug. */
export async function handleClusterRequest(r: ClusterRequest): Promise<void> {
  const started = Date.now();
  try {
    await pipeline(r);
  } catch (err) {
    if (!(err instanceof StatusError))
      r.log.error('Request failed', { cluster: r.rt.lab.name, path: r.path, err });
    sendError(r.res, err);
  } finally {
    r.log.debug('Served request', {
      cluster: r.rt.lab.name,
      method: r.req.method,
      path: r.path,
      code: r.res.statusCode,
      ms: Date.now() - started,
    });
  }
}
