// Keeps a SveltosCluster's `projectsveltos.io/k8s-version` label equal to the version in its
// status, as Sveltos' sveltoscluster-manager does, so profiles can select clusters by version.
// A status write cannot touch labels (the API server keeps metadata of the stored object), so
// the label is its own merge patch, sent only when the value differs. The value is the one the
// webhook stamps (api/validation/sveltos-cluster-mutation.ts): `vMAJOR.MINOR.PATCH`.
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import { K8S_VERSION_LABEL } from '../../api/labels.js';
import type { SveltosCluster } from '../../api/types/index.js';
import { k8sVersionLabelValue } from '../../api/validation/sveltos-cluster-mutation.js';
import { objectPath } from '../../lib/resource-paths.js';
import type { ControllerContext } from '../context.js';

/** The merge patch that sets the version label, or undefined when it is already right/unknown. */
export function versionLabelPatch(cluster: SveltosCluster): object | undefined {
  const value = k8sVersionLabelValue(cluster.status?.version);
  if (value === undefined || cluster.metadata.labels?.[K8S_VERSION_LABEL] === value) {
    return undefined;
  }
  return { metadata: { labels: { [K8S_VERSION_LABEL]: value } } };
}

/** Stamps the version label when it differs from `status.version`. */
export async function stampVersionLabel(
  ctx: ControllerContext,
  cluster: SveltosCluster,
): Promise<void> {
  const patch = versionLabelPatch(cluster);
  if (!patch) return;
  await ctx.mgmt.http.request({
    method: 'PATCH',
    path: objectPath(SVELTOS_CLUSTER, cluster.metadata.name ?? '', cluster.metadata.namespace),
    contentType: 'application/merge-patch+json',
    body: patch,
    op: { verb: 'patch', kind: 'SveltosCluster' },
    signal: ctx.signal,
  });
}
