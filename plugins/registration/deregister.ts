// `deregister cluster`: removes from the management cluster everything `register cluster`
// wrote for one cluster (SveltosCluster first, then credentials and RBAC, then the namespace if
// register created it and no other cluster lives there). With `--pullmode` it prints the
// managed cluster's objects for `kubectl delete -f -`. Progress on stderr.
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { KubeClient, KubeObject } from '../../lib/kube-client.js';
import { CliError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';
import { formatObjects } from '../output.js';
import type { ClusterSource } from './connect.js';
import { clientFor, loadSource } from './connect.js';
import type { ClusterIdentity } from './mgmt-objects.js';
import { CREATED_BY_LABEL, CREATED_BY_VALUE } from './names.js';
import { pullManifestRefs } from './pull-manifests.js';
import { deregistrationRefs, isPullMode, resourceLabel } from './register-plan.js';

/** A validated `deregister cluster` request. */
export interface DeregisterRequest {
  id: ClusterIdentity;
  /** Print what to delete on the managed (pull-mode) cluster. */
  pullmode: boolean;
  management: ClusterSource;
}

/** Runs `deregister cluster`; throws CliError `NotFound` when nothing was registered. */
export async function deregisterCluster(
  req: DeregisterRequest,
  ctx: CommandContext,
): Promise<void> {
  const client = clientFor(loadSource(req.management, ctx), 'the management cluster');
  const existing = await client.get({
    apiVersion: SVELTOS_CLUSTER.apiVersion,
    kind: SVELTOS_CLUSTER.kind,
    ...req.id,
  });
  const pull = existing ? isPullMode(existing) : undefined;
  if (existing && req.pullmode && !pull) {
    throw new CliError(
      'ModeMismatch',
      `SveltosCluster ${req.id.namespace}/${req.id.name} is registered in push mode: nothing runs on the managed cluster; omit --pullmode`,
    );
  }
  let deleted = 0;
  for (const ref of deregistrationRefs(req.id, pull)) {
    if (await client.delete(ref)) {
      deleted++;
      ctx.progress(`${resourceLabel(ref)} deleted`);
    }
  }
  if (await removeNamespaceIfOurs(client, req.id, ctx)) deleted++;
  if (deleted === 0) {
    throw new CliError(
      'NotFound',
      `SveltosCluster "${req.id.name}" not found in namespace "${req.id.namespace}": nothing to deregister`,
    );
  }
  reportManagedSide(req, pull, ctx);
}

/** Deletes the cluster namespace only if register created it and no other SveltosCluster remains. */
async function removeNamespaceIfOurs(
  client: KubeClient,
  id: ClusterIdentity,
  ctx: CommandContext,
): Promise<boolean> {
  const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace', name: id.namespace });
  if (!ns || ns.metadata['deletionTimestamp']) return false;
  if (ns.metadata.labels?.[CREATED_BY_LABEL] !== CREATED_BY_VALUE) return false;
  const others = (
    await client.list(SVELTOS_CLUSTER.apiVersion, SVELTOS_CLUSTER.kind, { namespace: id.namespace })
  ).filter((c: KubeObject) => c.metadata.name !== id.name);
  if (others.length > 0) {
    ctx.debug(
      `Keeping namespace ${id.namespace}: ${others.length} other SveltosCluster(s) live there`,
    );
    return false;
  }
  if (!(await client.delete({ apiVersion: 'v1', kind: 'Namespace', name: id.namespace })))
    return false;
  ctx.progress(`namespace/${id.namespace} deleted`);
  return true;
}

function reportManagedSide(
  req: DeregisterRequest,
  pull: boolean | undefined,
  ctx: CommandContext,
): void {
  if (req.pullmode) {
    ctx.print(formatObjects(pullManifestRefs(req.id.name), ctx.output));
    ctx.progress(
      'Delete the objects above on the managed cluster, e.g. "kubectl delete --ignore-not-found -f <file>"',
    );
    return;
  }
  if (pull) {
    ctx.progress(
      'The pull agent still runs on the managed cluster; rerun with --pullmode to print what to delete there',
    );
  }
}
