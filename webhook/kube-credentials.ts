// Where the webhook's API credentials come from: an explicit kubeconfig file, else the Pod's
// ServiceAccount (in-cluster), else none (the webhook then validates without reading stored
// profiles and patches no caBundle). Reads files; never logs the token. Tests in options.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedKubeconfig } from '../lib/kubeconfig.js';
import { buildTokenKubeconfig, loadKubeconfig, selectContext } from '../lib/kubeconfig.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Inputs of resolveKubeconfig; paths and env are passed in so tests can point elsewhere. */
export interface CredentialSource {
  kubeconfig: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  serviceAccountDir?: string;
  homeDir: string;
}

/** The kubeconfig to use, or undefined when no credentials are available. */
export function resolveKubeconfig(source: CredentialSource): LoadedKubeconfig | undefined {
  if (source.kubeconfig) {
    return loadKubeconfig({ kubeconfig: source.kubeconfig, homeDir: source.homeDir });
  }
  return inClusterKubeconfig(source.env, source.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
}

/** A token kubeconfig from the Pod's ServiceAccount files and KUBERNETES_SERVICE_* env. */
export function inClusterKubeconfig(
  env: Readonly<Record<string, string | undefined>>,
  dir: string,
): LoadedKubeconfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const tokenFile = join(dir, 'token');
  if (!host || !existsSync(tokenFile)) return undefined;
  const caFile = join(dir, 'ca.crt');
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const doc = buildTokenKubeconfig({
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    token: readFileSync(tokenFile, 'utf8').trim(),
    caData: existsSync(caFile) ? readFileSync(caFile).toString('base64') : undefined,
    clusterName: 'in-cluster',
    userName: 'sveltos-webhook',
  });
  return selectContext(doc, [tokenFile], undefined);
}
