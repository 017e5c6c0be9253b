// Counts the HTTP requests each virtual cluster of a lab API server receives, through the lab's
// own request-filter extension point (it answers nothing, so every request goes on as before).
// Health probes (`GET /version`) are counted apart from everything else. In-process reads
// (LabCluster.client) are not HTTP and are never counted, so a benchmark may poll through them.
import type { IncomingMessage } from 'node:http';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';

/** Requests of one cluster since the last reset. */
export interface ClusterRequests {
  /** Every request except `/version` probes. */
  api: number;
  /** `GET /version` (the controller's health probe). */
  probes: number;
  /** By HTTP method, probes excluded. */
  byMethod: Record<string, number>;
  /** Watch requests (long-lived; counted once when they start). */
  watches: number;
}

export interface RequestCounter {
  /** Pass as `onCluster` to startLabServer / startControllerEnv. */
  install(cluster: LabCluster): void;
  /** A copy of the counts by cluster name. */
  snapshot(): Map<string, ClusterRequests>;
  reset(): void;
}

const empty = (): ClusterRequests => ({ api: 0, probes: 0, byMethod: {}, watches: 0 });

/** A counter with no counts yet. */
export function createRequestCounter(): RequestCounter {
  const counts = new Map<string, ClusterRequests>();
  const count = (name: string, req: IncomingMessage): void => {
    const c = counts.get(name) ?? empty();
    counts.set(name, c);
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    if (path.endsWith('/version')) {
      c.probes++;
      return;
    }
    c.api++;
    const method = req.method ?? 'GET';
    c.byMethod[method] = (c.byMethod[method] ?? 0) + 1;
    if (/[?&]watch=(1|true)/.test(url)) c.watches++;
  };
  return {
    install: (cluster) =>
      cluster.use({
        filters: [
          {
            handle: (req) => {
              count(cluster.name, req);
              return Promise.resolve(false);
            },
          },
        ],
      }),
    snapshot: () => new Map([...counts].map(([k, v]) => [k, structuredClone(v)])),
    reset: () => counts.clear(),
  };
}

/** Sums the counts of the clusters whose name passes `pick`. */
export function sumRequests(
  snap: Map<string, ClusterRequests>,
  pick: (name: string) => boolean,
): ClusterRequests {
  const total = empty();
  for (const [name, c] of snap) {
    if (!pick(name)) continue;
    total.api += c.api;
    total.probes += c.probes;
    total.watches += c.watches;
    for (const [m, n] of Object.entries(c.byMethod))
      total.byMethod[m] = (total.byMethod[m] ?? 0) + n;
  }
  return total;
}
