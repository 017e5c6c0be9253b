// The agent's two API connections: its own (managed) cluster, reached as any in-cluster client
// (client-node `loadFromDefault()`: KUBECONFIG when set — the lab — else in-cluster), and the
// management cluster, whose kubeconfig it reads from a Secret of its own cluster. Never logs
// credentials.
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpClient } from '../lib/kube-http.js';
import { SECRETS, objectPath } from '../lib/resource-paths.js';

/** Raw clients of both sides. */
export interface AgentClients {
  local: KubeHttpClient;
  management: KubeHttpClient;
  /** The management cluster's KubeConfig, for watches. */
  managementConfig: KubeConfig;
}

/** Error reading the management kubeconfig; the agent retries. */
export class ManagementKubeconfigError extends Error {
  readonly reason = 'ManagementKubeconfigUnavailable';
}

/** The local cluster's client, from KUBECONFIG or the in-cluster ServiceAccount. */
export function localClient(): KubeHttpClient {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  return new KubeHttpClient(kc, { userAgent: 'sveltos-agent', target: 'the managed cluster' });
}

interface SecretBody {
  data?: Record<string, string>;
}

/** Reads Secret `namespace/name` (key `kubeconfig`, else its only key) from the local cluster. */
export async function managementClient(
  local: KubeHttpClient,
  namespace: string,
  name: string,
): Promise<{ http: KubeHttpClient; config: KubeConfig }> {
  const secret = await local.request<SecretBody>({
    method: 'GET',
    path: objectPath(SECRETS, name, namespace),
    op: { verb: 'get', kind: 'Secret', name, namespace },
  });
  const data = secret.data ?? {};
  const values = Object.values(data);
  const encoded = data.kubeconfig ?? (values.length === 1 ? values[0] : undefined);
  if (!encoded) {
    throw new ManagementKubeconfigError(`Secret ${namespace}/${name} has no key "kubeconfig"`);
  }
  const kc = new KubeConfig();
  kc.loadFromString(Buffer.from(encoded, 'base64').toString('utf8'));
  const http = new KubeHttpClient(kc, {
    userAgent: 'sveltos-agent',
    target: 'the management cluster',
  });
  return { http, config: kc };
}
