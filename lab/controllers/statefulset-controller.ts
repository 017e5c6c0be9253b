// The StatefulSet controller of one lab cluster: Pods `NAME-0 … NAME-(n-1)` stamped from the
// template with kube's identity labels, Pods of an old template revision replaced, Pods past
// spec.replicas removed, and the status kube reports. All ordinals are created at once (the
// lab's Pods never run, so OrderedReady would stall at ordinal 0 anyway) — documented in README.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import type { WorkloadControllerOptions } from './deployment-controller.js';
import { omitZero } from './deployment-plan.js';
import { PODS, STATEFULSETS, splitKey } from './gvrs.js';
import { ignoreExists, ignoreGone, ignoreNotFound } from './object-ops.js';
import { controllerKeyOfKind, selfKey } from './workload-mappers.js';
import {
  desiredReplicas,
  isControlledBy,
  isPodActive,
  isPodReady,
  podFromTemplate,
  podTemplateHash,
  sameJson,
  type PodTemplate,
} from './workload-pods.js';

const REVISION_LABEL = 'controller-revision-hash';

interface StatefulSetSpec {
  serviceName?: string;
  template?: PodTemplate;
}

/** Reconciles StatefulSets into ordinal Pods; one instance per cluster. */
export class StatefulSetController implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: WorkloadControllerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'statefulset',
      reconcile: (key) => this.reconcile(key),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    this.loop.watch({ client: cluster.client, gvr: STATEFULSETS, keys: selfKey });
    this.loop.watch({
      client: cluster.client,
      gvr: PODS,
      keys: controllerKeyOfKind('StatefulSet'),
    });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private ownedPods(sts: KubeObject): KubeObject[] {
    const pods = this.cluster!.client.list(PODS, sts.metadata.namespace).items;
    return pods.filter((p) => isControlledBy(p, sts.metadata.uid) && isPodActive(p));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const client = this.cluster!.client;
    const sts = client.get(STATEFULSETS, namespace, name);
    if (!sts || sts.metadata.deletionTimestamp) return done();
    const revision = `${name}-${podTemplateHash(specOf(sts).template ?? {})}`;
    const wanted = Array.from({ length: desiredReplicas(sts) }, (_, i) => `${name}-${i}`);
    await this.removeStale(sts, new Set(wanted), revision);
    const present = new Set(this.ownedPods(sts).map((p) => p.metadata.name));
    for (const podName of wanted.filter((n) => !present.has(n))) {
      await ignoreExists(client.create(PODS, ordinalPod(sts, podName, revision)));
    }
    const status = statefulSetStatus(sts, this.ownedPods(sts), revision);
    if (!sameJson(status, sts.status))
      await ignoreNotFound(client.updateStatus(STATEFULSETS, { ...sts, status }));
    return done();
  }

  /** Deletes pods past spec.replicas and pods of an older template revision. */
  private async removeStale(sts: KubeObject, wanted: Set<string>, revision: string): Promise<void> {
    for (const pod of this.ownedPods(sts)) {
      const name = pod.metadata.name ?? '';
      if (wanted.has(name) && pod.metadata.labels?.[REVISION_LABEL] === revision) continue;
      const opts = { preconditions: { uid: pod.metadata.uid } };
      await ignoreGone(this.cluster!.client.delete(PODS, pod.metadata.namespace ?? '', name, opts));
    }
  }
}

const specOf = (sts: KubeObject): StatefulSetSpec => sts.spec ?? {};

function ordinalPod(sts: KubeObject, podName: string, revision: string): KubeObject {
  const index = podName.slice(podName.lastIndexOf('-') + 1);
  const extraLabels = {
    [REVISION_LABEL]: revision,
    'statefulset.kubernetes.io/pod-name': podName,
    'apps.kubernetes.io/pod-index': index,
  };
  const pod = podFromTemplate({
    owner: sts,
    template: specOf(sts).template ?? {},
    name: podName,
    extraLabels,
  });
  const serviceName = specOf(sts).serviceName;
  pod.spec = {
    ...(pod.spec as object),
    hostname: podName,
    ...(serviceName ? { subdomain: serviceName } : {}),
  };
  return pod;
}

/** The StatefulSet status for its active pods. */
export function statefulSetStatus(
  sts: KubeObject,
  pods: KubeObject[],
  revision: string,
): Record<string, unknown> {
  const ready = pods.filter(isPodReady).length;
  const current = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
  return {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: pods.length,
    ...omitZero({ readyReplicas: ready, currentReplicas: current, updatedReplicas: current }),
    availableReplicas: ready,
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
}
