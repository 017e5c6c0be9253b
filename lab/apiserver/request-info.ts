// Computes what a request is about from its method, path and query, as k8s.io/apiserver's
// RequestInfoFactory does: API group/version, namespace, resource, name, subresource and the
// verb (get/list/watch/create/update/patch/delete/deletecollection). Pure.
import type { RequestInfo } from './extension-points.js';

const VERB_BY_METHOD: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

function nonResource(path: string, method: string): RequestInfo {
  return {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  };
}

/** `/namespaces/NAME/status|finalize` are subresources of the Namespace, not resources in it. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isWatchQuery(query: URLSearchParams): boolean {
  const w = query.get('watch');
  return w === 'true' || w === '1';
}

/** Splits the parts after `/api/v1` or `/apis/G/V` into namespace/resource/name/subresource. */
function assignParts(info: RequestInfo, parts: string[]): void {
  const [first, second, third, fourth, fifth] = [0, 1, 2, 3, 4].map((i) => parts[i] ?? '');
  if (first === 'namespaces' && parts.length >= 2) {
    // `/namespaces/NAME[/SUB]` is the namespace object itself.
    const own = parts.length < 3 || NAMESPACE_SUBRESOURCES.has(third);
    Object.assign(info, {
      // kube sets the namespace of the Namespace object itself to its name (RBAC relies on it).
      namespace: second,
      resource: own ? 'namespaces' : third,
      name: own ? second : fourth,
      subresource: own ? third : fifth,
    });
    return;
  }
  Object.assign(info, { resource: first, name: second, subresource: third });
}

function assignVerb(
  info: RequestInfo,
  method: string,
  query: URLSearchParams,
  legacyWatch: boolean,
): void {
  if (method === 'GET' || method === 'HEAD') {
    if (legacyWatch || isWatchQuery(query)) info.verb = 'watch';
    else info.verb = info.name ? 'get' : 'list';
    return;
  }
  info.verb = VERB_BY_METHOD[method] ?? method.toLowerCase();
  if (info.verb === 'delete' && !info.name) info.verb = 'deletecollection';
}

/**
 * The RequestInfo of a request; `path` is relative to the cluster's base URL
 * (e.g. `/apis/apps/v1/namespaces/x/deployments/y/status`).
 */
export function requestInfoFor(method: string, path: string, query: URLSearchParams): RequestInfo {
  const segments = path
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeURIComponent);
  const [prefix, first, second] = [0, 1, 2].map((i) => segments[i] ?? '');
  const legacy = prefix === 'api';
  const minParts = legacy ? 2 : 3;
  const info = nonResource(path, method);
  if ((!legacy && prefix !== 'apis') || segments.length <= minParts) return info;
  info.isResourceRequest = true;
  info.apiGroup = legacy ? '' : first;
  info.apiVersion = legacy ? first : second;
  let rest = segments.slice(minParts);
  const legacyWatch = rest[0] === 'watch';
  if (legacyWatch) rest = rest.slice(1);
  assignParts(info, rest);
  assignVerb(info, method.toUpperCase(), query, legacyWatch);
  return info;
}
