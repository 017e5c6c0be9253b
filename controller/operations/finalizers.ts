// Adds and removes one finalizer with a JSON merge patch that carries the cached
// resourceVersion, so a stale cache turns into a 409 (retried) instead of dropping a finalizer
// someone else added meanwhile.
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { objectPath } from '../../lib/resource-paths.js';
import type { ResourceType } from '../../lib/resource-paths.js';

export interface FinalizerTarget {
  metadata: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    finalizers?: string[];
  };
}

export function hasFinalizer(obj: FinalizerTarget, finalizer: string): boolean {
  return (obj.metadata.finalizers ?? []).includes(finalizer);
}

async function patchFinalizers<T extends FinalizerTarget>(
  http: KubeHttpClient,
  rt: ResourceType,
  obj: T,
  finalizers: string[],
): Promise<T> {
  const name = obj.metadata.name ?? '';
  const namespace = rt.namespaced ? obj.metadata.namespace : undefined;
  return http.request<T>({
    method: 'PATCH',
    path: objectPath(rt, name, namespace),
    contentType: 'application/merge-patch+json',
    body: { metadata: { finalizers, resourceVersion: obj.metadata.resourceVersion } },
    op: { verb: 'patch', kind: rt.kind, name, namespace },
  });
}

/** Adds `finalizer` unless present; returns the updated object (the same one if unchanged). */
export async function addFinalizer<T extends FinalizerTarget>(
  http: KubeHttpClient,
  rt: ResourceType,
  obj: T,
  finalizer: string,
): Promise<T> {
  if (hasFinalizer(obj, finalizer)) return obj;
  return patchFinalizers(http, rt, obj, [...(obj.metadata.finalizers ?? []), finalizer]);
}

/**
 * Removes `finalizer` if present; returns the server's answer (undefined when there was nothing
 * to remove or the object is already gone: a 404).
 */
export async function removeFinalizer<T extends FinalizerTarget>(
  http: KubeHttpClient,
  rt: ResourceType,
  obj: T,
  finalizer: string,
): Promise<T | undefined> {
  if (!hasFinalizer(obj, finalizer)) return undefined;
  const rest = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  try {
    return await patchFinalizers(http, rt, obj, rest);
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    return undefined;
  }
}
