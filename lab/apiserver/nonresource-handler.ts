// Non-resource paths of a cluster: /version, health checks, discovery (legacy and aggregated)
// and OpenAPI v3. Anything else is 404 with kube's Status body.
import type { ServerResponse } from 'node:http';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from './discovery.js';
import type { MediaRange } from './http-io.js';
import { aggregatedDiscoveryVersion, sendJson } from './http-io.js';
import { openapiGroupVersion, openapiIndex } from './openapi.js';
import type { ClusterRuntime } from './scope.js';
import { pathNotFound } from './status-errors.js';

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

/** Paths served without authentication (kube's system:public-info-viewer). */
export function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.has(path.replace(/\/+$/, '')) || /^\/(healthz|livez|readyz)\//.test(path);
}

/** The /version document of a cluster reporting `gitVersion` (e.g. `v1.32.5`). */
export function versionInfo(gitVersion: string): Record<string, string> {
  const m = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '32',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function sendText(res: ServerResponse, text: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

interface NonResourceRequest {
  path: string;
  accept: MediaRange[];
  host: string;
}

function sendDiscovery(res: ServerResponse, rt: ClusterRuntime, req: NonResourceRequest): void {
  const legacy = req.path.replace(/\/+$/, '') === '/api';
  const version = aggregatedDiscoveryVersion(req.accept);
  if (version) {
    const body = aggregatedDiscovery(rt.registry, legacy, version);
    sendJson(res, 200, body, { 'Content-Type': aggregatedContentType(version), Vary: 'Accept' });
    return;
  }
  sendJson(res, 200, legacy ? apiVersions(req.host) : apiGroupList(rt.registry), {
    Vary: 'Accept',
  });
}

function serveOpenapi(res: ServerResponse, rt: ClusterRuntime, parts: string[]): boolean {
  if (parts[1] !== 'v3') return false;
  if (parts.length === 2) {
    sendJson(res, 200, openapiIndex(rt.registry, rt.lab.name));
    return true;
  }
  const legacy = parts[2] === 'api';
  const group = legacy ? '' : (parts[3] ?? '');
  const version = legacy ? parts[3] : parts[4];
  const doc = version
    ? openapiGroupVersion(rt.registry, group, version, rt.lab.version)
    : undefined;
  if (!doc) return false;
  sendJson(res, 200, doc, { Etag: `"${rt.registry.generation}"` });
  return true;
}

function groupDoc(rt: ClusterRuntime, parts: string[]): Record<string, unknown> | undefined {
  const [first, a = '', b = ''] = parts;
  if (first === 'api' && parts.length === 2) return apiResourceList(rt.registry, '', a);
  if (first !== 'apis') return undefined;
  if (parts.length === 2) return apiGroup(rt.registry, a);
  return parts.length === 3 ? apiResourceList(rt.registry, a, b) : undefined;
}

/** Serves a non-resource GET; throws 404 for anything unknown. */
export function handleNonResource(
  res: ServerResponse,
  rt: ClusterRuntime,
  req: NonResourceRequest,
): void {
  const parts = req.path.split('/').filter((p) => p.length > 0);
  const first = parts[0];
  if (req.path === '/version') return sendJson(res, 200, versionInfo(rt.lab.version));
  if (first && ['healthz', 'livez', 'readyz'].includes(first)) return sendText(res, 'ok');
  if ((first === 'api' || first === 'apis') && parts.length === 1)
    return sendDiscovery(res, rt, req);
  if (first === 'openapi' && serveOpenapi(res, rt, parts)) return;
  const doc = groupDoc(rt, parts);
  if (doc) return sendJson(res, 200, doc);
  throw pathNotFound();
}
