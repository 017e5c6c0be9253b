// Renders the admin kubeconfig of a lab cluster: the cluster's base URL, the server CA as
// certificate-authority-data and a bearer token. The result holds a secret: never log it.
import { dump } from 'js-yaml';

export interface KubeconfigInput {
  name: string;
  server: string;
  caPem: string;
  token: string;
  user?: string;
  contextName?: string;
  namespace?: string;
}

/** A kubeconfig YAML with one cluster, user and context (the current one). */
export function renderKubeconfig(input: KubeconfigInput): string {
  const context = input.contextName ?? input.name;
  const user = input.user ?? `${input.name}-admin`;
  return dump({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: input.name,
        cluster: {
          server: input.server,
          'certificate-authority-data': Buffer.from(input.caPem, 'utf8').toString('base64'),
        },
      },
    ],
    users: [{ name: user, user: { token: input.token } }],
    contexts: [
      {
        name: context,
        context: {
          cluster: input.name,
          user,
          ...(input.namespace ? { namespace: input.namespace } : {}),
        },
      },
    ],
    'current-context': context,
    preferences: {},
  });
}
