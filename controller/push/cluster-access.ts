// How the push deliverer reaches a managed cluster: the kept-alive clients the context caches
// per cluster (built from the kubeconfig Secret, read from the informer cache or, on a miss,
// from the management cluster), plus one discovery cache per connection for applies and the
// kubeconfig text helm needs. Never logs or returns credentials in errors.
import type { SveltosCluster } from '../../api/types/index.js';
import { createApplyTarget } from '../../lib/apply-objects.js';
import type { ApplyTarget } from '../../lib/apply-objects.js';
import { kubeconfigSecretOf } from '../../lib/cluster-kubeconfig.js';
import type { SecretData } from '../../lib/cluster-kubeconfig.js';
import type { HelmCluster } from '../../lib/helm-cli.js';
import { NotFoundError } from '../../lib/kube-errors.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { SECRETS, objectPath } from '../../lib/resource-paths.js';
import type { ControllerContext } from '../context.js';

/** One managed cluster as the executors use it. */
export interface ManagedAccess {
  /** `namespace/name` of the SveltosCluster. */
  key: string;
  /** namespace and name of the SveltosCluster. */
  cluster: { namespace: string; name: string };
  apply: ApplyTarget;
  helm: HelmCluster;
}

/** Keeps one ApplyTarget (discovery cache) per live connection. */
export class ManagedAccessCache {
  private readonly targets = new WeakMap<KubeHttpClient, ApplyTarget>();

  /**
   * The access to `cluster`. Throws ClusterCredentialsError (lib/cluster-clients.ts) when its
   * kubeconfig Secret is missing or unusable, KubeApiErrors when the Secret cannot be read.
   */
  async access(ctx: ControllerContext, cluster: SveltosCluster): Promise<ManagedAccess> {
    const ref = kubeconfigSecretOf(cluster);
    const secret = ctx.stores.secrets.get(ref.name, ref.namespace) ?? (await readSecret(ctx, ref));
    const connection = ctx.clusterClients.get(cluster, secret);
    let target = this.targets.get(connection.http);
    if (!target) {
      target = createApplyTarget(connection.http);
      this.targets.set(connection.http, target);
    }
    return {
      key: connection.key,
      cluster: { namespace: cluster.metadata.namespace ?? '', name: cluster.metadata.name ?? '' },
      apply: target,
      helm: { kubeconfigYaml: connection.kubeconfigYaml, clusterKey: connection.key },
    };
  }
}

async function readSecret(
  ctx: ControllerContext,
  ref: { namespace: string; name: string },
): Promise<SecretData | undefined> {
  try {
    return await ctx.mgmt.http.request<SecretData>({
      method: 'GET',
      path: objectPath(SECRETS, ref.name, ref.namespace),
      op: { verb: 'get', kind: 'Secret', name: ref.name, namespace: ref.namespace },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}
