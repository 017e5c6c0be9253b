// The one helper through which the controller writes status (STYLE §5): it compares the
// status computed by a reconcile with the one in the cache and, only when they differ, sends a
// JSON merge patch of just the differences to the status subresource under its own field
// manager. No resourceVersion is sent, so fields other writers own (the pull agent's heartbeat)
// are never overwritten. Tests: status-writer.test.ts.
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { objectPath } from '../../lib/resource-paths.js';
import type { ResourceType } from '../../lib/resource-paths.js';

/** Field manager of status writes, distinct from the one used for applied objects. */
export const STATUS_FIELD_MANAGER = 'sveltos-controller-status';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops undefined values (they are not part of what the server stores). */
export function normalise(value: unknown): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!jsonEqual(a[k], b[k])) return false;
  return true;
}

/**
 * RFC 7386 merge patch that turns `before` into `after`: changed keys carry their new value,
 * removed keys null, objects recurse, arrays are replaced whole. `undefined` = no change.
 */
export function mergePatchBetween(before: unknown, after: unknown): Json | undefined {
  const b = normalise(before);
  const a = normalise(after);
  if (jsonEqual(b, a)) return undefined;
  if (!isObject(b) || !isObject(a)) return a;
  const patch: Record<string, Json> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!(key in a)) {
      patch[key] = null;
      continue;
    }
    const sub = key in b ? mergePatchBetween(b[key], a[key]) : a[key];
    if (sub !== undefined) patch[key] = sub;
  }
  return patch;
}

export interface StatusTarget {
  metadata: { name?: string; namespace?: string };
  status?: unknown;
}

/**
 * Writes `status` of `obj` when it differs from `obj.status` (the cached one). Returns the
 * object as the server stored it, or undefined when nothing was sent. Throws the client's
 * KubeApiError on failure (the caller retries).
 */
export async function writeStatus<T extends StatusTarget>(
  http: KubeHttpClient,
  rt: ResourceType,
  obj: T,
  status: unknown,
): Promise<T | undefined> {
  const patch = mergePatchBetween(obj.status ?? {}, status ?? {});
  if (patch === undefined) return undefined;
  const name = obj.metadata.name ?? '';
  const namespace = rt.namespaced ? obj.metadata.namespace : undefined;
  return http.request<T>({
    method: 'PATCH',
    path: objectPath(rt, name, namespace, 'status'),
    query: { fieldManager: STATUS_FIELD_MANAGER },
    contentType: 'application/merge-patch+json',
    body: { status: patch },
    op: { verb: 'patch', kind: `${rt.kind}/status`, name, namespace },
  });
}
