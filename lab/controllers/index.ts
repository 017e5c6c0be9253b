// The lab's in-process controllers for one cluster, as kube-controller-manager and
// kube-scheduler would run them: garbage collection, namespace deletion, default objects,
// Deployments → ReplicaSets → Pods, StatefulSets, DaemonSets, and the node-less scheduler.
import type { ClusterController } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import type { Logger } from '../../lib/logger.js';
import { DaemonSetController } from './daemonset-controller.js';
import { DefaultObjectsController } from './default-objects-controller.js';
import { DeploymentController } from './deployment-controller.js';
import { GarbageCollector } from './garbage-collector.js';
import { NamespaceController } from './namespace-controller.js';
import { PodScheduler } from './pod-scheduler.js';
import { ReplicaSetController } from './replicaset-controller.js';
import { StatefulSetController } from './statefulset-controller.js';

/** Options of {@link labControllers}. */
export interface LabControllersOptions {
  logger?: Logger;
  /** Pods a kubelet runs (their status is the kubelet's); all others stay Pending. */
  runsPod?: (pod: KubeObject) => boolean;
}

/**
 * A fresh set of controllers for one cluster; install with `cluster.use({ controllers })`.
 * Each instance serves exactly one cluster (call again for the next one).
 */
export function labControllers(opts: LabControllersOptions = {}): ClusterController[] {
  const { logger } = opts;
  return [
    new DefaultObjectsController({ logger }),
    new GarbageCollector({ logger }),
    new NamespaceController({ logger }),
    new DeploymentController({ logger }),
    new ReplicaSetController({ logger }),
    new StatefulSetController({ logger }),
    new DaemonSetController({ logger }),
    new PodScheduler({ logger, runsPod: opts.runsPod }),
  ];
}
