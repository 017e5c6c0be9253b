// Notices, through the lab's in-process watch (no HTTP, not counted, no polling delay), the
// moment a ConfigMap in a lab cluster first carries a given `data.value`. Used to time pull
// delivery: the agent's server-side apply in the managed cluster is the end of the path.
import type { LabCluster } from '../../lab/apiserver/extension-points.js';

export interface ValueWatch {
  /** Resolves with performance.now() when the ConfigMap holds `value` (or already held it). */
  when(value: string, timeoutMs: number): Promise<number>;
  stop(): void;
}

/** Watches ConfigMap `namespace/name` in `cluster`. */
export function watchConfigMapValue(
  cluster: LabCluster,
  namespace: string,
  name: string,
): ValueWatch {
  const seen = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const stop = cluster.client.watch(
    { group: '', version: 'v1', resource: 'configmaps' },
    { namespace },
    (e) => {
      if (e.object.metadata.name !== name || e.type === 'DELETED') return;
      const value = (e.object as { data?: { value?: string } }).data?.value;
      if (value === undefined || seen.has(value)) return;
      const at = performance.now();
      seen.set(value, at);
      waiters.get(value)?.(at);
    },
  );
  return {
    when: (value, timeoutMs) => {
      const at = seen.get(value);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(value);
          reject(
            new Error(
              `ConfigMap ${namespace}/${name} did not get value "${value}" in ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        waiters.set(value, (t) => {
          clearTimeout(timer);
          waiters.delete(value);
          resolve(t);
        });
      });
    },
    stop,
  };
}
