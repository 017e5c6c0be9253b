// The controller's Prometheus metrics on a registry of its own (never prom-client's global
// one, so two controllers in one test process do not collide): reconciles and errors by
// controller, queue depth, reconcile duration, deploy latency per feature, leadership, and
// Node's process metrics (RSS, CPU, event loop lag). Tests: metrics.test.ts.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FeatureID } from '../../api/types/index.js';
import type { ReconcileResult } from '../../lib/reconcile-result.js';
import type { ControllerMetrics, DeployResult } from '../context.js';

const PREFIX = 'sveltos_controller_';

/** Builds the metrics of one controller process. */
export function createControllerMetrics(
  opts: { processMetrics?: boolean } = {},
): ControllerMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const reconciles = new Counter({
    name: `${PREFIX}reconcile_total`,
    help: 'Reconciles by controller and result (done, requeueAfter, retry, terminal)',
    labelNames: ['controller', 'result'],
    registers,
  });
  const errors = new Counter({
    name: `${PREFIX}reconcile_errors_total`,
    help: 'Reconcile errors by controller and reason',
    labelNames: ['controller', 'reason'],
    registers,
  });
  const depth = new Gauge({
    name: `${PREFIX}queue_depth`,
    help: 'Keys waiting in the work queue of each controller',
    labelNames: ['controller'],
    registers,
  });
  const duration = new Histogram({
    name: `${PREFIX}reconcile_duration_seconds`,
    help: 'Time one reconcile took, by controller',
    labelNames: ['controller'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const deploy = new Histogram({
    name: `${PREFIX}deploy_duration_seconds`,
    help: 'Time one feature took to deploy or withdraw in one cluster, by feature and result',
    labelNames: ['feature', 'result'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const leader = new Gauge({
    name: `${PREFIX}leader`,
    help: '1 while this replica holds the leader Lease',
    registers,
  });
  return {
    recordReconcile: (controller: string, result: ReconcileResult['kind'], ms: number) => {
      reconciles.inc({ controller, result });
      duration.observe({ controller }, ms / 1000);
    },
    recordError: (controller: string, reason: string) => errors.inc({ controller, reason }),
    setQueueDepth: (controller: string, n: number) => depth.set({ controller }, n),
    setLeader: (isLeader: boolean) => leader.set(isLeader ? 1 : 0),
    observeDeploy: (feature: FeatureID, result: DeployResult, ms: number) =>
      deploy.observe({ feature, result }, ms / 1000),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
