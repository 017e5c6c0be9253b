// Creates the bootstrap RBAC policy when a cluster starts, as kube-apiserver's
// rbac/bootstrap-roles post-start hook: missing default ClusterRoles and ClusterRoleBindings are
// created, existing ones (e.g. restored from a data dir or edited by a user) are left alone.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import { isStatusError } from '../apiserver/status-errors.js';
import type { GroupVersionResource, KubeObject } from '../apiserver/types.js';
import { defaultClusterRoleBindings, defaultClusterRoles } from './default-roles.js';
import { RBAC_GVRS } from './rbac-authorizer.js';

async function ensure(
  cluster: LabCluster,
  gvr: GroupVersionResource,
  obj: KubeObject,
): Promise<void> {
  if (cluster.client.get(gvr, '', obj.metadata.name ?? '')) return;
  try {
    await cluster.client.create(gvr, obj);
  } catch (err) {
    if (!isStatusError(err) || err.code !== 409) throw err;
  }
}

/** Creates the default RBAC objects of one cluster. */
export async function ensureDefaultRbac(cluster: LabCluster): Promise<void> {
  for (const role of defaultClusterRoles()) await ensure(cluster, RBAC_GVRS.clusterRoles, role);
  for (const b of defaultClusterRoleBindings())
    await ensure(cluster, RBAC_GVRS.clusterRoleBindings, b);
}

/** Runs ensureDefaultRbac once at start; `done` settles when it has. */
export class RbacBootstrap implements ClusterController {
  private resolveDone: () => void = () => {};
  private rejectDone: (e: unknown) => void = () => {};
  /** Settles when the default policy exists (rejects if it could not be created). */
  readonly done: Promise<void> = new Promise((resolve, reject) => {
    this.resolveDone = resolve;
    this.rejectDone = reject;
  });

  start(cluster: LabCluster): void {
    ensureDefaultRbac(cluster).then(this.resolveDone, this.rejectDone);
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}
