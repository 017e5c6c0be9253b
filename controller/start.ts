// Starts one controller process in-process (main.ts and tests call it): management connection,
// informers (started at once, so a standby keeps warm caches), probe and metrics endpoints,
// Lease leader election, and — once leading with synced caches — the three reconcile loops
// (cluster health, profiles, summaries). stop() drains the loops, releases the Lease and closes
// every connection. Nothing listens or reads the environment before startController is called.
import { randomUUID } from 'node:crypto';
import { homedir, hostname } from 'node:os';
import { createLogger } from '../lib/logger.js';
import type { Logger } from '../lib/logger.js';
import { ClusterClients } from '../lib/cluster-clients.js';
import { createClusterHealthReconciler } from './clusters/cluster-health-reconciler.js';
import type { Clock, ControllerContext, ControllerOptions } from './context.js';
import type { FeatureDeliverer, FeatureResolver } from './features/feature-types.js';
import { featureResolver } from './features/resolve-feature.js';
import { loadDeliverers } from './deliverers.js';
import type { ClosableDeliverer } from './deliverers.js';
import { createEventRecorder } from './operations/event-recorder.js';
import {
  createInformers,
  startInformers,
  stopInformers,
  storesOf,
} from './operations/informers.js';
import type { ControllerInformers } from './operations/informers.js';
import { LeaderElector } from './operations/leader-election.js';
import type { LeaseTimings } from './operations/leader-election.js';
import { connectManagement } from './operations/management-connection.js';
import type {
  ConnectionEnvironment,
  ManagementConnection,
} from './operations/management-connection.js';
import { createControllerMetrics } from './operations/metrics.js';
import { startEndpoints } from './operations/endpoints.js';
import type { Endpoints } from './operations/endpoints.js';
import { ReconcileLoop } from './operations/reconcile-loop.js';
import type { ReconcileResult } from '../lib/reconcile-result.js';
import { createProfileReconciler } from './profiles/profile-reconciler.js';
import { createSummaryReconciler } from './summaries/summary-reconciler.js';
import { Runner } from './runner.js';
import { wireWatches } from './watches.js';
import { createGroupInformer, watchGroups } from './pull/group-watch.js';
import type { WatchedGroup } from './pull/group-watch.js';
import type { Informer } from '../lib/informer.js';
import type { ControllerLoops } from './watches.js';

/** What a caller may replace (tests inject deliverers, clocks and short Lease timings). */
export interface StartDeps {
  env?: ConnectionEnvironment;
  logger?: Logger;
  clock?: Clock;
  /** Holder identity in the Lease (default `<hostname>_<uuid>`). */
  identity?: string;
  leaseTimings?: LeaseTimings;
  deliverers?: { push?: FeatureDeliverer; pull?: FeatureDeliverer };
  resolve?: FeatureResolver;
  /** Summary resync period (default 5 min). */
  resyncMs?: number;
  /** Node process metrics in /metrics (default true). */
  processMetrics?: boolean;
  /** Called when leadership is lost; main exits so Kubernetes restarts the Pod. */
  onLostLeadership?: () => void;
}

export interface ControllerHandle {
  /** `http://host:port` of /healthz and /readyz (undefined when disabled). */
  healthUrl: string | undefined;
  /** `http://host:port` of /metrics (undefined when disabled). */
  metricsUrl: string | undefined;
  context: ControllerContext;
  isLeader(): boolean;
  /** Resolves once this replica leads with synced caches and its loops run. */
  whenReconciling(): Promise<void>;
  /** Resolves when no key is queued or running in any loop. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a controller; resolves once its endpoints listen and its informers have started. */
export async function startController(
  options: ControllerOptions,
  deps: StartDeps = {},
): Promise<ControllerHandle> {
  const logger =
    deps.logger ??
    createLogger({ level: options.logLevel, base: { component: 'sveltos-controller' } });
  const clock = deps.clock ?? { now: () => Date.now() };
  const identity = deps.identity ?? `${hostname()}_${randomUUID()}`;
  const connection = connectManagement(options, deps.env ?? { homeDir: homedir() });
  const informers = createInformers({
    kubeConfig: connection.kubeConfig,
    http: connection.http,
    logger,
  });
  const stores = storesOf(informers);
  const metrics = createControllerMetrics({ processMetrics: deps.processMetrics });
  const events = createEventRecorder({ http: connection.http, logger, clock, instance: identity });
  const abort = new AbortController();
  const ctx: ControllerContext = {
    options,
    mgmt: connection,
    stores,
    clusterClients: new ClusterClients(),
    logger,
    metrics,
    events,
    clock,
    signal: abort.signal,
  };
  const deliverers = await loadDeliverers(deps.deliverers ?? {}, logger);
  const loops = createLoops(ctx, { ...deps, resolve: deps.resolve ?? featureResolver }, deliverers);
  wireWatches(informers, loops, stores, options);
  // Pull mode: the agent's group reports wake their summaries at once (not a readiness gate).
  const groups = createGroupInformer({
    kubeConfig: connection.kubeConfig,
    http: connection.http,
    logger,
  });
  watchGroups(groups, loops.summaries);
  await Promise.all([startInformers(informers), groups.start()]);
  const run = new Runner(ctx, connection, loops, informers);
  const endpoints = await startEndpoints(options, metrics, () => run.readiness());
  const elector = options.leaderElect ? createElector(ctx, { identity, deps, run }) : undefined;
  if (elector) elector.start();
  else void run.lead();
  logger.info('Started controller', {
    identity,
    leaderElection: options.leaderElect,
    health: endpoints.healthUrl,
    metrics: endpoints.metricsUrl,
  });
  const parts = { ctx, run, elector, endpoints, deliverers, abort, connection, informers };
  return handle({ ...parts, groups, loops });
}

function createElector(
  ctx: ControllerContext,
  opts: { identity: string; deps: StartDeps; run: Runner },
): LeaderElector {
  const { identity, deps, run } = opts;
  return new LeaderElector({
    http: ctx.mgmt.http,
    namespace: ctx.options.leaderElectionNamespace,
    name: ctx.options.leaderElectionId,
    identity,
    logger: ctx.logger,
    clock: ctx.clock,
    ...(deps.leaseTimings ? { timings: deps.leaseTimings } : {}),
    onStartedLeading: () => void run.lead(),
    onStoppedLeading: () => {
      void run.standDown();
      deps.onLostLeadership?.();
    },
  });
}

function createLoops(
  ctx: ControllerContext,
  deps: StartDeps & { resolve: FeatureResolver },
  deliverers: { push: ClosableDeliverer; pull: ClosableDeliverer },
): ControllerLoops {
  const loop = (
    name: string,
    reconcile: (key: string) => Promise<ReconcileResult>,
  ): ReconcileLoop =>
    new ReconcileLoop({
      name,
      reconcile,
      workers: ctx.options.workers,
      metrics: ctx.metrics,
      logger: ctx.logger,
    });
  return {
    clusters: loop('clusters', createClusterHealthReconciler(ctx)),
    profiles: loop('profiles', createProfileReconciler(ctx)),
    summaries: loop(
      'summaries',
      createSummaryReconciler(ctx, {
        resolve: deps.resolve,
        push: deliverers.push,
        pull: deliverers.pull,
        ...(deps.resyncMs ? { resyncMs: deps.resyncMs } : {}),
      }),
    ),
  };
}

interface Parts {
  ctx: ControllerContext;
  run: Runner;
  elector: LeaderElector | undefined;
  endpoints: Endpoints;
  deliverers: { push: ClosableDeliverer; pull: ClosableDeliverer };
  abort: AbortController;
  connection: ManagementConnection;
  informers: ControllerInformers;
  groups: Informer<WatchedGroup>;
  loops: ControllerLoops;
}

function handle(p: Parts): ControllerHandle {
  let stopped: Promise<void> | undefined;
  return {
    healthUrl: p.endpoints.healthUrl,
    metricsUrl: p.endpoints.metricsUrl,
    context: p.ctx,
    isLeader: () => (p.elector ? p.elector.isLeader : p.run.isLeader),
    whenReconciling: () => p.run.whenReconciling(),
    idle: () => p.run.idle(),
    stop: () => (stopped ??= shutdown(p)),
  };
}

/** Graceful stop: drain loops, release the Lease, then close informers, endpoints, clients. */
async function shutdown(p: Parts): Promise<void> {
  p.ctx.logger.info('Stopping controller');
  p.run.beginStop();
  await p.run.standDown();
  p.abort.abort();
  await p.elector?.stop();
  await Promise.all([stopInformers(p.informers), p.groups.stop()]);
  await p.endpoints.stop();
  await (p.ctx.events as { close?: () => Promise<void> }).close?.();
  await p.deliverers.push.close?.();
  await p.deliverers.pull.close?.();
  p.ctx.clusterClients.close();
  p.connection.close();
  p.ctx.logger.info('Stopped controller');
}
