// `--register-management-cluster`: the management cluster registers itself as SveltosCluster
// `mgmt` in namespace `mgmt`, as Sveltos does, with a kubeconfig Secret built from the
// controller's own credentials. Idempotent: the Secret is applied, the namespace and cluster are
// created only when missing (labels a user added are kept).
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import {
  KUBECONFIG_SECRET_KEY,
  MANAGEMENT_CLUSTER,
  kubeconfigSecretName,
} from '../../api/naming.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { NAMESPACES, SECRETS, collectionPath, objectPath } from '../../lib/resource-paths.js';
import type { Logger } from '../../lib/logger.js';

async function createIfMissing(
  http: KubeHttpClient,
  path: string,
  body: unknown,
): Promise<boolean> {
  try {
    await http.request({ method: 'POST', path, body });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 409) return false;
    throw err;
  }
}

/** Creates the namespace only when it is missing (the shipped RBAC lets the controller read
 * namespaces, not create them; manifests/controller creates `mgmt`). */
async function ensureNamespace(http: KubeHttpClient, namespace: string): Promise<void> {
  try {
    await http.request({ method: 'GET', path: objectPath(NAMESPACES, namespace) });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await createIfMissing(http, collectionPath(NAMESPACES), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace },
    });
  }
}

/** Creates/updates namespace, kubeconfig Secret and SveltosCluster mgmt/mgmt. */
export async function registerManagementCluster(
  http: KubeHttpClient,
  kubeconfigYaml: string,
  logger: Logger,
): Promise<void> {
  const { namespace, name } = MANAGEMENT_CLUSTER;
  await ensureNamespace(http, namespace);
  const secretName = kubeconfigSecretName(name);
  await http.request({
    method: 'PATCH',
    path: objectPath(SECRETS, secretName, namespace),
    query: { fieldManager: 'sveltos-controller', force: 'true' },
    contentType: 'application/apply-patch+yaml',
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: secretName, namespace },
      data: { [KUBECONFIG_SECRET_KEY]: Buffer.from(kubeconfigYaml).toString('base64') },
    },
    op: { verb: 'apply', kind: 'Secret', name: secretName, namespace },
  });
  const created = await createIfMissing(http, collectionPath(SVELTOS_CLUSTER, namespace), {
    apiVersion: SVELTOS_CLUSTER.apiVersion,
    kind: SVELTOS_CLUSTER.kind,
    metadata: { name, namespace },
    spec: {},
  });
  if (created)
    logger.info('Registered the management cluster', { cluster: `${namespace}/${name}` });
}
