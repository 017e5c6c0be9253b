// Related object → cluster health keys, from the caches: a kubeconfig Secret change goes to the
// clusters of its namespace that read it.
import type { SveltosCluster } from '../../api/types/index.js';
import { kubeconfigSecretOf } from '../../lib/cluster-kubeconfig.js';
import type { ObjectStore } from '../../lib/informer.js';

export function clusterKey(c: SveltosCluster): string {
  return `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`;
}

/** Keys of the clusters whose kubeconfig lives in Secret namespace/name. */
export function clustersForSecret(
  clusters: ObjectStore<SveltosCluster>,
  secret: { metadata: { name?: string; namespace?: string } },
): string[] {
  const ns = secret.metadata.namespace ?? '';
  return clusters
    .list(ns)
    .filter((c) => kubeconfigSecretOf(c).name === secret.metadata.name)
    .map(clusterKey);
}
