// The Deployment controller of one lab cluster: keeps one ReplicaSet per pod template (the
// current one scaled to spec.replicas, older ones to 0, history trimmed) and writes the
// Deployment status from its ReplicaSets, as kube's does, so kubectl and helm --wait see a
// truthful rollout. Decisions: deployment-plan.ts; tests: test/e2e/lab-runtime-workloads.test.ts.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import type { Logger } from '../../lib/logger.js';
import { done, requeueAfter, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import { type Condition } from './conditions.js';
import {
  deploymentStatus,
  planDeployment,
  REVISION_ANNOTATION,
  type DeploymentPlan,
} from './deployment-plan.js';
import { DEPLOYMENTS, REPLICASETS, splitKey } from './gvrs.js';
import { ignoreExists, ignoreGone, ignoreNotFound } from './object-ops.js';
import { controllerKeyOfKind, selfKey } from './workload-mappers.js';
import { isControlledBy, sameJson } from './workload-pods.js';

/** Options of the Deployment controller. */
export interface WorkloadControllerOptions {
  logger?: Logger;
}

/** Reconciles Deployments into ReplicaSets; one instance per cluster. */
export class DeploymentController implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: WorkloadControllerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'deployment',
      reconcile: (key) => this.reconcile(key),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    this.loop.watch({ client: cluster.client, gvr: DEPLOYMENTS, keys: selfKey });
    this.loop.watch({
      client: cluster.client,
      gvr: REPLICASETS,
      keys: controllerKeyOfKind('Deployment'),
    });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private owned(dep: KubeObject): KubeObject[] {
    const items = this.cluster!.client.list(REPLICASETS, dep.metadata.namespace).items;
    return items.filter((rs) => isControlledBy(rs, dep.metadata.uid));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const client = this.cluster!.client;
    const dep = client.get(DEPLOYMENTS, namespace, name);
    if (!dep || dep.metadata.deletionTimestamp) return done();
    const plan = planDeployment(dep, this.owned(dep));
    await this.execute(dep, plan);
    const fresh = await this.writeRevision(dep, plan.revision);
    const status = deploymentStatus({
      dep: fresh,
      owned: this.owned(fresh),
      now: new Date().toISOString(),
    });
    if (!sameJson(status, fresh.status))
      await ignoreNotFound(client.updateStatus(DEPLOYMENTS, { ...fresh, status }));
    return progressComplete(status) ? done() : requeueAfter(progressDeadlineMs(dep));
  }

  private async execute(dep: KubeObject, plan: DeploymentPlan): Promise<void> {
    const client = this.cluster!.client;
    const namespace = dep.metadata.namespace ?? '';
    if (plan.create) {
      await ignoreExists(client.create(REPLICASETS, plan.create));
      this.loop!.logger.info('Created ReplicaSet', { namespace, name: plan.create.metadata.name });
    }
    for (const s of plan.scale) {
      const rs = client.get(REPLICASETS, namespace, s.name);
      if (!rs) continue;
      const annotations = {
        ...(rs.metadata.annotations ?? {}),
        ...(s.revision ? { [REVISION_ANNOTATION]: s.revision } : {}),
      };
      const spec = { ...(rs.spec as object), replicas: s.replicas };
      await ignoreNotFound(
        client.update(REPLICASETS, { ...rs, metadata: { ...rs.metadata, annotations }, spec }),
      );
    }
    for (const rsName of plan.delete)
      await ignoreGone(client.delete(REPLICASETS, namespace, rsName));
  }

  private async writeRevision(dep: KubeObject, revision: string): Promise<KubeObject> {
    if (dep.metadata.annotations?.[REVISION_ANNOTATION] === revision || revision === '0')
      return dep;
    const annotations = { ...(dep.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
    return this.cluster!.client.update(DEPLOYMENTS, {
      ...dep,
      metadata: { ...dep.metadata, annotations },
    });
  }
}

function progressComplete(status: Record<string, unknown>): boolean {
  const conditions = (status.conditions ?? []) as Condition[];
  const progressing = conditions.find((c) => c.type === 'Progressing');
  return progressing?.reason !== 'ReplicaSetUpdated';
}

function progressDeadlineMs(dep: KubeObject): number {
  const seconds = (dep.spec as { progressDeadlineSeconds?: number } | undefined)
    ?.progressDeadlineSeconds;
  return ((seconds ?? 600) + 1) * 1000;
}
