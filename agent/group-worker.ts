// Watches the agent's ConfigurationGroups (its cluster namespace, label
// `pullmode.projectsveltos.io/clustername=<cluster>`) with the resilient informer (never polls;
// reconnects with capped backoff) and processes each Ready group once per generation and
// requestorHash through a work queue, reporting the outcome on the group's status subresource.
// Failed groups are retried with capped exponential backoff until their spec changes.
import { CONFIGURATION_GROUP } from '../api/gvk.js';
import { PULL_MODE_CLUSTER_NAME_LABEL } from '../api/labels.js';
import type { ConfigurationGroupStatus } from '../api/types/index.js';
import { createApplyTarget } from '../lib/apply-objects.js';
import { Informer } from '../lib/informer.js';
import type { ObjectList } from '../lib/informer.js';
import type { Logger } from '../lib/logger.js';
import { done, requeueAfter, retry } from '../lib/reconcile-result.js';
import type { ReconcileResult } from '../lib/reconcile-result.js';
import { collectionPath, objectPath } from '../lib/resource-paths.js';
import { WorkQueue } from '../lib/workqueue.js';
import type { AgentClients } from './clients.js';
import { alreadyProcessed, processGroup } from './group-apply.js';
import type { GroupContext, GroupObject } from './group-apply.js';
import { InventoryStore } from './inventory.js';
import type { AgentMetrics } from './metrics.js';

/** Retry delays of a failed group: 1 s doubling up to this cap. */
export const FAILED_GROUP_BASE_MS = 1_000;
export const FAILED_GROUP_MAX_MS = 60_000;

/** What the worker last reported for a group (the informer cache may lag behind it). */
interface Reported {
  spec: string;
  failed: boolean;
  attempts: number;
  nextAt: number;
  /** Status not yet written to the group (the management cluster was unreachable). */
  unreported?: ConfigurationGroupStatus;
}

interface WorkerState {
  ctx: GroupContext;
  informer: Informer<GroupObject>;
  namespace: string;
  logger: Logger;
  metrics: AgentMetrics;
  reported: Map<string, Reported>;
}

/** Delay before retry `attempt` (1-based) of a failed group. */
export function failedGroupDelay(attempt: number): number {
  return Math.min(FAILED_GROUP_BASE_MS * 2 ** Math.min(attempt - 1, 20), FAILED_GROUP_MAX_MS);
}

/** Starts the group worker for one cluster; `stop()` ends the watch and the queue. */
export function startGroupWorker(
  clients: AgentClients,
  cluster: { namespace: string; name: string },
  deps: { logger: Logger; metrics: AgentMetrics },
): { stop(): Promise<void> } {
  const path = collectionPath(CONFIGURATION_GROUP, cluster.namespace);
  const labelSelector = `${PULL_MODE_CLUSTER_NAME_LABEL}=${cluster.name}`;
  const informer = new Informer<GroupObject>({
    kubeConfig: clients.managementConfig,
    path,
    labelSelector,
    logger: deps.logger,
    maxBackoffMs: 30_000,
    list: async () => {
      const list = await clients.management.request<ObjectList<GroupObject>>({
        method: 'GET',
        path,
        query: { labelSelector },
      });
      const { apiVersion, kind } = CONFIGURATION_GROUP;
      return { ...list, items: list.items.map((i) => ({ ...i, apiVersion, kind })) };
    },
  });
  const state: WorkerState = {
    ctx: {
      management: clients.management,
      local: createApplyTarget(clients.local),
      inventory: new InventoryStore(clients.local),
    },
    informer,
    namespace: cluster.namespace,
    ...deps,
    reported: new Map(),
  };
  const queue = new WorkQueue({
    workers: 1,
    maxBackoffMs: 30_000,
    reconcile: (name) => reconcileGroup(state, name),
  });
  const enqueue = (g: GroupObject): void => queue.add(g.metadata.name);
  informer.on('add', enqueue);
  informer.on('update', enqueue);
  informer.on('delete', enqueue);
  informer
    .start()
    .catch((err: unknown) => deps.logger.warn('Group watch failed to start', { error: err }));
  return {
    stop: async () => {
      await informer.stop();
      await queue.stop();
    },
  };
}

const specKey = (g: GroupObject): string =>
  `${g.metadata.generation ?? ''}/${g.spec?.requestorHash ?? ''}`;

/** Why a group needs no work now: 'done', a delay before its retry, or undefined (process). */
function skipReason(state: WorkerState, group: GroupObject): 'done' | number | undefined {
  if ((group.spec?.updatePhase ?? 'Ready') !== 'Ready') return 'done';
  const mine = state.reported.get(group.metadata.name);
  if (mine && mine.spec === specKey(group)) return mine.failed ? retryDelay(mine) : 'done';
  // Reported before this process started: retry a failure now, keep a success.
  if (alreadyProcessed(group) && group.status?.status !== 'Failed') return 'done';
  return undefined;
}

/** Time left before a failed group's next attempt; undefined when it is due. */
function retryDelay(entry: Reported): number | undefined {
  const left = entry.nextAt - Date.now();
  return left > 0 ? left : undefined;
}

async function reconcileGroup(state: WorkerState, name: string): Promise<ReconcileResult> {
  const group = state.informer.get(name, state.namespace);
  if (!group) {
    state.reported.delete(name);
    return done();
  }
  const mine = state.reported.get(name);
  // Processed but not reported (management outage): report it without applying again.
  if (mine?.unreported && mine.spec === specKey(group)) return report(state, group, mine);
  const skip = skipReason(state, group);
  if (skip === 'done') return done();
  if (typeof skip === 'number') return requeueAfter(skip);
  const status = await timedProcess(state, group);
  return report(state, group, remember(state, group, status));
}

async function report(
  state: WorkerState,
  group: GroupObject,
  entry: Reported,
): Promise<ReconcileResult> {
  try {
    if (entry.unreported) await patchStatus(state.ctx, group, entry.unreported);
  } catch (err) {
    return retry(err instanceof Error ? err : new Error(String(err)));
  }
  entry.unreported = undefined;
  return entry.failed ? requeueAfter(Math.max(entry.nextAt - Date.now(), 0)) : done();
}

async function timedProcess(
  state: WorkerState,
  group: GroupObject,
): Promise<ConfigurationGroupStatus> {
  const action = group.spec?.action ?? 'Deploy';
  const end = state.metrics.applyDuration.startTimer({ action });
  const status = await processGroup(state.ctx, group).catch((err: unknown) => {
    // Management unavailable: nothing reported, the queue retries with capped backoff.
    state.logger.warn('Deferred ConfigurationGroup', { group: group.metadata.name, error: err });
    throw err;
  });
  end();
  state.metrics.groups.inc({ action, result: status.status ?? 'Unknown' });
  const fields = {
    group: group.metadata.name,
    action,
    status: status.status,
    failureMessage: status.failureMessage,
  };
  if (status.status === 'Failed') state.logger.warn('Failed to process ConfigurationGroup', fields);
  else state.logger.info('Processed ConfigurationGroup', fields);
  return status;
}

/** Remembers the outcome to report; a failure is retried after a capped, growing delay. */
function remember(
  state: WorkerState,
  group: GroupObject,
  status: ConfigurationGroupStatus,
): Reported {
  const spec = specKey(group);
  const before = state.reported.get(group.metadata.name);
  const failed = status.status === 'Failed';
  const attempts = failed ? (before?.spec === spec ? before.attempts + 1 : 1) : 0;
  const entry: Reported = {
    spec,
    failed,
    attempts,
    nextAt: failed ? Date.now() + failedGroupDelay(attempts) : 0,
    unreported: status,
  };
  state.reported.set(group.metadata.name, entry);
  return entry;
}

async function patchStatus(
  ctx: GroupContext,
  group: GroupObject,
  status: ConfigurationGroupStatus,
): Promise<void> {
  const { name, namespace } = group.metadata;
  await ctx.management.request({
    method: 'PATCH',
    path: objectPath(CONFIGURATION_GROUP, name, namespace, 'status'),
    contentType: 'application/merge-patch+json',
    body: { status: { ...status, failureMessage: status.failureMessage ?? null } },
    op: { verb: 'patch', kind: 'ConfigurationGroup/status', name, namespace },
  });
}
