// `generate kubeconfig`: in the current (managed) cluster, makes sure a ServiceAccount with
// the rights Sveltos needs to deploy add-ons exists, and returns a kubeconfig authenticating as
// it — with a TokenRequest (expiring) or, with `create`, a long-lived token Secret. Also used
// by `register cluster --fleet-cluster-context`. The kubeconfig is returned, never logged.
import { buildTokenKubeconfig, kubeconfigToYaml } from '../../lib/kubeconfig.js';
import type { LoadedKubeconfig } from '../../lib/kubeconfig.js';
import type { KubeClient, KubeObject } from '../../lib/kube-client.js';
import type { CommandContext } from '../command-context.js';
import { ApplyRun } from './apply-run.js';
import { clusterNamespace } from './mgmt-objects.js';
import { PUSH_CLUSTER_ROLE } from './names.js';
import { waitForToken } from './wait-for-token.js';

/** A validated `generate kubeconfig` request. */
export interface GenerateKubeconfigRequest {
  namespace: string;
  serviceAccount: string;
  /** Long-lived token Secret instead of a TokenRequest. */
  create: boolean;
  /** TokenRequest lifetime; the server's default when undefined. */
  expirationSeconds?: number | undefined;
}

const RBAC = 'rbac.authorization.k8s.io/v1';

/** Name of the long-lived token Secret of `serviceAccount`. */
export function tokenSecretName(serviceAccount: string): string {
  return `${serviceAccount}-token`;
}

/** The objects that give `serviceAccount` the rights Sveltos needs (everything, cluster-wide). */
export function sveltosAccessObjects(req: GenerateKubeconfigRequest): KubeObject[] {
  const { namespace, serviceAccount } = req;
  const bindingName = `${PUSH_CLUSTER_ROLE}-${namespace}-${serviceAccount}`;
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: serviceAccount, namespace } },
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: PUSH_CLUSTER_ROLE },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
    },
    {
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: bindingName },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: PUSH_CLUSTER_ROLE,
      },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
    },
  ];
  if (req.create) objects.push(tokenSecret(namespace, serviceAccount));
  return objects;
}

function tokenSecret(namespace: string, serviceAccount: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: tokenSecretName(serviceAccount),
      namespace,
      annotations: { 'kubernetes.io/service-account.name': serviceAccount },
    },
    type: 'kubernetes.io/service-account-token',
  };
}

/**
 * Creates or updates the ServiceAccount and its rights on the cluster of `client`, then returns
 * a kubeconfig (YAML) for it. On failure, undoes what this run created and rethrows.
 */
export async function kubeconfigForSveltos(
  client: KubeClient,
  cluster: LoadedKubeconfig,
  req: GenerateKubeconfigRequest,
  ctx: CommandContext,
): Promise<string> {
  const run = new ApplyRun(client, ctx.progress);
  try {
    await run.ensure(clusterNamespace(req.namespace));
    for (const obj of sveltosAccessObjects(req)) await run.apply(obj);
    const { token, caData } = await obtainToken(client, req, ctx);
    return kubeconfigToYaml(
      buildTokenKubeconfig({
        server: cluster.server,
        token,
        caData: caData ?? cluster.caData,
        insecureSkipTlsVerify: cluster.insecureSkipTlsVerify,
        clusterName: cluster.clusterName,
        userName: req.serviceAccount,
        contextName: 'sveltos-context',
        namespace: req.namespace,
      }),
    );
  } catch (err) {
    for (const problem of await run.rollback()) ctx.warn(`rollback failed: ${problem}`);
    throw err;
  }
}

async function obtainToken(
  client: KubeClient,
  req: GenerateKubeconfigRequest,
  ctx: CommandContext,
): Promise<{ token: string; caData?: string | undefined }> {
  if (req.create) {
    return waitForToken(client, {
      namespace: req.namespace,
      name: tokenSecretName(req.serviceAccount),
    });
  }
  const { token, expiration } = await client.createToken(
    req.namespace,
    req.serviceAccount,
    req.expirationSeconds,
  );
  if (expiration)
    ctx.progress(
      `Token for serviceaccount ${req.namespace}/${req.serviceAccount} expires at ${expiration}`,
    );
  return { token };
}
