// The pull agent's heartbeat: reads the local API server's version and merge-patches its own
// SveltosCluster's status subresource on the management cluster (ready, version,
// agentLastReportTime, connectionStatus). Uses only get/patch on its own SveltosCluster status —
// the rights registration grants; never lists SveltosClusters.
import { SVELTOS_CLUSTER } from '../api/gvk.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import { objectPath } from '../lib/resource-paths.js';

/** Which SveltosCluster the agent reports on. */
export interface ClusterIdentity {
  namespace: string;
  name: string;
}

/** The status body of one heartbeat. */
export function heartbeatStatus(version: string, now: Date): { status: Record<string, unknown> } {
  return {
    status: {
      ready: true,
      version,
      agentLastReportTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      connectionStatus: 'Healthy',
      connectionFailures: 0,
      failureMessage: null,
    },
  };
}

/** The local API server's gitVersion. */
export async function localVersion(local: KubeHttpClient): Promise<string> {
  const v = await local.request<{ gitVersion?: string }>({
    method: 'GET',
    path: '/version',
    op: { verb: 'get', kind: 'version' },
  });
  return v.gitVersion ?? '';
}

/** Sends one heartbeat; returns the reported version. */
export async function sendHeartbeat(
  clients: { local: KubeHttpClient; management: KubeHttpClient },
  cluster: ClusterIdentity,
  now: Date = new Date(),
): Promise<string> {
  const version = await localVersion(clients.local);
  await clients.management.request({
    method: 'PATCH',
    path: objectPath(SVELTOS_CLUSTER, cluster.name, cluster.namespace, 'status'),
    contentType: 'application/merge-patch+json',
    body: heartbeatStatus(version, now),
    op: {
      verb: 'patch',
      kind: 'SveltosCluster/status',
      name: cluster.name,
      namespace: cluster.namespace,
    },
  });
  return version;
}
