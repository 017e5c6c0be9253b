// The lab's scheduler: it has no nodes, so every Pod the process kubelet does not run stays
// Pending with the condition kube-scheduler writes when a cluster has no nodes. Pods the kubelet
// runs (the `runsPod` predicate it is given) are left to the kubelet, which writes their status.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import type { Condition } from './conditions.js';
import { ControllerLoop } from './controller-loop.js';
import type { WorkloadControllerOptions } from './deployment-controller.js';
import { PODS, splitKey } from './gvrs.js';
import { ignoreNotFound } from './object-ops.js';
import { selfKey } from './workload-mappers.js';

export const UNSCHEDULABLE_MESSAGE = 'no nodes available to schedule pods';

/** Options of the pod scheduler. */
export interface PodSchedulerOptions extends WorkloadControllerOptions {
  /** True for Pods a kubelet runs; the scheduler leaves their status alone. */
  runsPod?: (pod: KubeObject) => boolean;
}

/** Marks unrunnable Pods Pending/Unschedulable; one instance per cluster. */
export class PodScheduler implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: PodSchedulerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'scheduler',
      reconcile: (key) => this.reconcile(key),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    this.loop.watch({ client: cluster.client, gvr: PODS, keys: selfKey });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const pod = this.cluster!.client.get(PODS, namespace, name);
    if (!pod || pod.metadata.deletionTimestamp || this.opts.runsPod?.(pod)) return done();
    const status = (pod.status ?? {}) as { conditions?: Condition[] };
    if (status.conditions?.some((c) => c.type === 'PodScheduled')) return done();
    const pending = pendingPodStatus(pod, new Date().toISOString());
    await ignoreNotFound(this.cluster!.client.updateStatus(PODS, { ...pod, status: pending }));
    return done();
  }
}

/** The status of a Pod no node can take (kube-scheduler's FailedScheduling, no nodes). */
export function pendingPodStatus(pod: KubeObject, now: string): Record<string, unknown> {
  return {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: now,
        reason: 'Unschedulable',
        message: UNSCHEDULABLE_MESSAGE,
      },
    ],
    qosClass: qosClass(pod),
  };
}

interface ContainerResources {
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

/** kube's QoS class, simplified: Guaranteed when every container's limits equal its requests. */
export function qosClass(pod: KubeObject): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers =
    (pod.spec as { containers?: ContainerResources[] } | undefined)?.containers ?? [];
  const resources = containers.map((c) => c.resources ?? {});
  const any = resources.some(
    (r) => Object.keys(r.requests ?? {}).length + Object.keys(r.limits ?? {}).length > 0,
  );
  if (!any) return 'BestEffort';
  const guaranteed = resources.every((r) => {
    const limits = r.limits ?? {};
    const requests = { ...limits, ...(r.requests ?? {}) };
    return ['cpu', 'memory'].every((k) => limits[k] !== undefined && limits[k] === requests[k]);
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
