// The ReplicaSet controller of one lab cluster: keeps spec.replicas active Pods stamped from the
// template (scale-down removes the least ready, newest first) and writes the ReplicaSet status
// from them. Pods never run here: the pod scheduler or the process kubelet gives them a status.
// Tests: test/e2e/lab-runtime-workloads.test.ts.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import type { WorkloadControllerOptions } from './deployment-controller.js';
import { omitZero } from './deployment-plan.js';
import { PODS, REPLICASETS, splitKey } from './gvrs.js';
import { ignoreGone, ignoreNotFound } from './object-ops.js';
import { controllerKeyOfKind, selfKey } from './workload-mappers.js';
import {
  desiredReplicas,
  isControlledBy,
  isPodActive,
  isPodReady,
  podFromTemplate,
  randomSuffix,
  sameJson,
  scaleDownOrder,
  type PodTemplate,
} from './workload-pods.js';

/** Reconciles ReplicaSets into Pods; one instance per cluster. */
export class ReplicaSetController implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: WorkloadControllerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'replicaset',
      reconcile: (key) => this.reconcile(key),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    this.loop.watch({ client: cluster.client, gvr: REPLICASETS, keys: selfKey });
    this.loop.watch({ client: cluster.client, gvr: PODS, keys: controllerKeyOfKind('ReplicaSet') });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private activePods(rs: KubeObject): KubeObject[] {
    const pods = this.cluster!.client.list(PODS, rs.metadata.namespace).items;
    return pods.filter((p) => isControlledBy(p, rs.metadata.uid) && isPodActive(p));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const client = this.cluster!.client;
    const rs = client.get(REPLICASETS, namespace, name);
    if (!rs || rs.metadata.deletionTimestamp) return done();
    const pods = this.activePods(rs);
    const diff = desiredReplicas(rs) - pods.length;
    if (diff > 0) await this.createPods(rs, diff);
    for (const pod of scaleDownOrder(pods).slice(0, Math.max(0, -diff))) {
      await ignoreGone(
        client.delete(PODS, namespace, pod.metadata.name ?? '', {
          preconditions: { uid: pod.metadata.uid },
        }),
      );
    }
    const status = replicaSetStatus(rs, this.activePods(rs));
    if (!sameJson(status, rs.status))
      await ignoreNotFound(client.updateStatus(REPLICASETS, { ...rs, status }));
    return done();
  }

  private async createPods(rs: KubeObject, count: number): Promise<void> {
    const template = (rs.spec as { template?: PodTemplate } | undefined)?.template ?? {};
    for (let i = 0; i < count; i++) {
      const pod = podFromTemplate({
        owner: rs,
        template,
        name: `${rs.metadata.name ?? ''}-${randomSuffix()}`,
      });
      await this.cluster!.client.create(PODS, pod);
    }
  }
}

/** The ReplicaSet status for its active pods (availability ignores minReadySeconds). */
export function replicaSetStatus(rs: KubeObject, active: KubeObject[]): Record<string, unknown> {
  const ready = active.filter(isPodReady).length;
  return {
    replicas: active.length,
    ...omitZero({
      fullyLabeledReplicas: active.length,
      readyReplicas: ready,
      availableReplicas: ready,
    }),
    observedGeneration: rs.metadata.generation ?? 1,
  };
}
