// Credentials of a pod's ServiceAccount for a process the kubelet runs: a token from the
// cluster's TokenRequest API (`POST …/serviceaccounts/NAME/token`, as kubelet asks for projected
// tokens), or the admin token when the cluster serves no TokenRequest, and the kubeconfig that
// carries it. Tokens are written only to files under the pod's private directory, never logged.
import { request } from 'node:https';
import { dump } from 'js-yaml';
import type { LabCluster } from '../apiserver/extension-points.js';
import { ContainerConfigError } from './container-config.js';

/** A token and where it came from. */
export interface PodToken {
  token: string;
  /** `TokenRequest` for a real ServiceAccount token, `admin` for the fallback. */
  source: 'TokenRequest' | 'admin';
}

interface HttpAnswer {
  status: number;
  body: string;
}

function post(cluster: LabCluster, path: string, body: unknown): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const url = new URL(cluster.baseUrl + path);
    const req = request(
      url,
      {
        method: 'POST',
        ca: cluster.caPem,
        headers: {
          Authorization: `Bearer ${cluster.adminToken}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('TokenRequest timed out')));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * Asks the cluster for a token of `namespace/serviceAccount` valid for `expirationSeconds`.
 * Throws ContainerConfigError when the ServiceAccount does not exist (kubelet retries); falls
 * back to the admin token when the cluster has no TokenRequest API.
 */
export async function requestPodToken(
  cluster: LabCluster,
  namespace: string,
  serviceAccount: string,
  expirationSeconds = 86_400,
): Promise<PodToken> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(serviceAccount)}/token`;
  const body = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { audiences: [], expirationSeconds },
  };
  const answer = await post(cluster, path, body);
  const parsed = parseJson(answer.body) as {
    status?: { token?: string };
    details?: { kind?: string };
  };
  if (answer.status === 201 || answer.status === 200) {
    if (parsed.status?.token) return { token: parsed.status.token, source: 'TokenRequest' };
  }
  if (answer.status === 404 && parsed.details?.kind === 'serviceaccounts') {
    throw new ContainerConfigError(
      `serviceaccount "${serviceAccount}" not found`,
      'ContainerCreating',
    );
  }
  return { token: cluster.adminToken, source: 'admin' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** A kubeconfig (YAML) for the pod: the cluster's URL and CA, the token, the pod's namespace. */
export function podKubeconfig(cluster: LabCluster, token: string, namespace: string): string {
  const name = cluster.name;
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: {
          server: cluster.baseUrl,
          'certificate-authority-data': Buffer.from(cluster.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: 'pod', user: { token } }],
    contexts: [{ name, context: { cluster: name, user: 'pod', namespace } }],
    'current-context': name,
  });
}
