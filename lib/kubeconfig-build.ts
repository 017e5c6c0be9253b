// Writes kubeconfigs: serialises a kubeconfig document and builds a one-context bearer-token
// kubeconfig (for ServiceAccounts). Pure; the result holds credentials, so callers write it only
// where the user asked for it. Tests in kubeconfig.test.ts.
import { dump } from 'js-yaml';
import type { KubeconfigDoc } from './kubeconfig.js';

/** Serialises a kubeconfig document as YAML (it holds credentials: write it only where asked). */
export function kubeconfigToYaml(doc: KubeconfigDoc): string {
  return dump({ apiVersion: 'v1', kind: 'Config', preferences: {}, ...doc }, { noRefs: true });
}

/** What a bearer-token kubeconfig needs; `caData` is base64 PEM as in a kubeconfig. */
export interface TokenKubeconfigInput {
  server: string;
  token: string;
  caData?: string | undefined;
  insecureSkipTlsVerify?: boolean;
  clusterName?: string;
  userName?: string;
  contextName?: string;
  namespace?: string;
}

/** Builds a one-context kubeconfig that authenticates with a bearer token. */
export function buildTokenKubeconfig(input: TokenKubeconfigInput): KubeconfigDoc {
  const clusterName = input.clusterName ?? 'cluster';
  const userName = input.userName ?? 'user';
  const contextName = input.contextName ?? `${userName}@${clusterName}`;
  const cluster: Record<string, unknown> = { server: input.server };
  if (input.caData) cluster['certificate-authority-data'] = input.caData;
  if (input.insecureSkipTlsVerify) cluster['insecure-skip-tls-verify'] = true;
  const context: Record<string, unknown> = { cluster: clusterName, user: userName };
  if (input.namespace) context['namespace'] = input.namespace;
  return {
    clusters: [{ name: clusterName, cluster }],
    users: [{ name: userName, user: { token: input.token } }],
    contexts: [{ name: contextName, context }],
    'current-context': contextName,
  };
}
