// The status kubelet reports for a pod whose containers run as local processes: phase from the
// container states and restart policy, kube's conditions (Ready and ContainersReady naming the
// unready containers), host and pod IP 127.0.0.1. Pure. Tests: pod-status.test.ts.
import type { KubeObject } from '../apiserver/types.js';
import { stampCondition, type Condition } from '../controllers/conditions.js';
import { qosClass } from '../controllers/pod-scheduler.js';

/** A container status as {@link ContainerProcess.status} returns it. */
export interface ContainerStatusLike {
  name: string;
  ready: boolean;
  state: Record<string, { exitCode?: number }>;
  restartCount: number;
}

/** Input of {@link podStatus}. */
export interface PodStatusInput {
  pod: KubeObject;
  containers: ContainerStatusLike[];
  startTime: string;
  now: string;
}

/** kube's pod phase for these container states (restartPolicy Always never ends a pod). */
export function podPhase(containers: ContainerStatusLike[], restartPolicy: string): string {
  const terminated = containers.filter((c) => 'terminated' in c.state);
  if (
    restartPolicy !== 'Always' &&
    containers.length > 0 &&
    terminated.length === containers.length
  ) {
    return terminated.every((c) => c.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  const hasRun = containers.some(
    (c) => 'running' in c.state || c.restartCount > 0 || 'terminated' in c.state,
  );
  return hasRun ? 'Running' : 'Pending';
}

/** The full pod status object the kubelet writes. */
export function podStatus(input: PodStatusInput): Record<string, unknown> {
  const { pod, containers, now } = input;
  const spec = (pod.spec ?? {}) as { restartPolicy?: string };
  const previous = (pod.status as { conditions?: Condition[] } | undefined)?.conditions;
  const unready = containers.filter((c) => !c.ready).map((c) => c.name);
  const readiness = (type: string): Condition =>
    unready.length === 0
      ? { type, status: 'True' }
      : {
          type,
          status: 'False',
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${unready.join(' ')}]`,
        };
  const conditions = [
    { type: 'PodReadyToStartContainers', status: 'True' as const },
    { type: 'Initialized', status: 'True' as const },
    readiness('Ready'),
    readiness('ContainersReady'),
    { type: 'PodScheduled', status: 'True' as const },
  ].map((c) => ({ ...stampCondition(c, previous, now), lastProbeTime: null }));
  return {
    phase: podPhase(containers, spec.restartPolicy ?? 'Always'),
    conditions,
    hostIP: '127.0.0.1',
    hostIPs: [{ ip: '127.0.0.1' }],
    podIP: '127.0.0.1',
    podIPs: [{ ip: '127.0.0.1' }],
    startTime: input.startTime,
    containerStatuses: containers,
    qosClass: qosClass(pod),
  };
}
