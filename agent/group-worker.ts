// Watches the agent's ConfigurationGroups (its cluster namespace, label
// `pullmode.projectsveltos.io/clustername=<cluster>`) with the resilient informer (reconnects
// with capped backoff), and processes each Ready group once per generation and requestorHash
// through a work queue, reporting the outcome on the group's status subresource.
import { CONFIGURATION_GROUP } from '../api/gvk.js';
import { PULL_MODE_CLUSTER_NAME_LABEL } from '../api/labels.js';
import type { ConfigurationGroupStatus } from '../api/types/index.js';
import { createApplyTarget } from '../lib/apply-objects.js';
import { Informer } from '../lib/informer.js';
import type { ObjectList } from '../lib/informer.js';
import type { Logger } from '../lib/logger.js';
import { done, retry } from '../lib/reconcile-result.js';
import type { ReconcileResult } from '../lib/reconcile-result.js';
import { collectionPath, objectPath } from '../lib/resource-paths.js';
import { WorkQueue } from '../lib/workqueue.js';
import type { AgentClients } from './clients.js';
import { alreadyProcessed, processGroup } from './group-apply.js';
import type { GroupContext, GroupObject } from './group-apply.js';

/** Starts the group worker for one cluster; `stop()` ends the watch and the queue. */
export function startGroupWorker(
  clients: AgentClients,
  cluster: { namespace: string; name: string },
  logger: Logger,
): { stop(): Promise<void> } {
  const path = collectionPath(CONFIGURATION_GROUP, cluster.namespace);
  const labelSelector = `${PULL_MODE_CLUSTER_NAME_LABEL}=${cluster.name}`;
  const informer = new Informer<GroupObject>({
    kubeConfig: clients.managementConfig,
    path,
    labelSelector,
    logger,
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
  const ctx: GroupContext = {
    management: clients.management,
    local: createApplyTarget(clients.local),
  };
  const queue = new WorkQueue({
    workers: 1,
    maxBackoffMs: 30_000,
    reconcile: (name) =>
      reconcileGroup({ ctx, informer, namespace: cluster.namespace, logger }, name),
  });
  const enqueue = (g: GroupObject): void => queue.add(g.metadata.name);
  informer.on('add', enqueue);
  informer.on('update', enqueue);
  informer
    .start()
    .catch((err: unknown) => logger.warn('Group watch failed to start', { error: err }));
  return {
    stop: async () => {
      await informer.stop();
      await queue.stop();
    },
  };
}

interface ReconcileInput {
  ctx: GroupContext;
  informer: Informer<GroupObject>;
  namespace: string;
  logger: Logger;
}

async function reconcileGroup(input: ReconcileInput, name: string): Promise<ReconcileResult> {
  const group = input.informer.get(name, input.namespace);
  if (!group || alreadyProcessed(group)) return done();
  if ((group.spec?.updatePhase ?? 'Ready') !== 'Ready') return done();
  const status = await processGroup(input.ctx, group);
  input.logger.info('ConfigurationGroup processed', {
    group: name,
    action: group.spec?.action ?? 'Deploy',
    status: status.status,
    failureMessage: status.failureMessage,
  });
  try {
    await patchStatus(input.ctx, group, status);
  } catch (err) {
    return retry(err instanceof Error ? err : new Error(String(err)));
  }
  return done();
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
