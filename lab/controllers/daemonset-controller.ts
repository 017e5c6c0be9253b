// The DaemonSet controller of one lab cluster. The lab has no nodes, so a DaemonSet schedules
// nothing and kube reports every counter as 0 with the generation observed — which kstatus and
// helm --wait consider ready, exactly as on a real cluster without nodes.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import type { WorkloadControllerOptions } from './deployment-controller.js';
import { DAEMONSETS, splitKey } from './gvrs.js';
import { ignoreNotFound } from './object-ops.js';
import { selfKey } from './workload-mappers.js';
import { sameJson } from './workload-pods.js';

/** Writes node-less DaemonSet status; one instance per cluster. */
export class DaemonSetController implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: WorkloadControllerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'daemonset',
      reconcile: (key) => this.reconcile(key),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    this.loop.watch({ client: cluster.client, gvr: DAEMONSETS, keys: selfKey });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const ds = this.cluster!.client.get(DAEMONSETS, namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return done();
    const status = daemonSetStatus(ds);
    if (!sameJson(status, ds.status)) {
      await ignoreNotFound(this.cluster!.client.updateStatus(DAEMONSETS, { ...ds, status }));
    }
    return done();
  }
}

/** Status of a DaemonSet in a cluster with no nodes. */
export function daemonSetStatus(ds: KubeObject): Record<string, unknown> {
  return {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
    observedGeneration: ds.metadata.generation ?? 1,
  };
}
