// The garbage collector of one lab cluster, as kube-controller-manager's: deletes dependents
// whose owners are gone (background), finalizes owners deleted with Foreground (dependents
// first) or Orphan (references dropped) propagation. It watches every listable resource,
// including CRDs registered later. Deletion itself (finalizers, deletionTimestamp) is core's.
// Decisions: gc-plan.ts; e2e tests: test/e2e/lab-runtime-gc.test.ts.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { GroupVersionResource, KubeObject, OwnerReference } from '../apiserver/types.js';
import type { Logger } from '../../lib/logger.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import {
  decideDependent,
  FOREGROUND_FINALIZER,
  planFinalization,
  type DependentOfOwner,
  type FinalizeStep,
  type OwnerState,
} from './gc-plan.js';
import { OwnerGraph, toGraphNode, type GraphNode } from './gc-graph.js';
import { CRDS, groupResource } from './gvrs.js';
import { ignoreGone, removeFinalizer, removeOwnerReferences, resolveKind } from './object-ops.js';
import { watchResource } from './resource-watch.js';

/** Options of the garbage collector. */
export interface GarbageCollectorOptions {
  logger?: Logger;
}

/** Starts with `start(cluster)`; one instance per cluster. */
export class GarbageCollector implements ClusterController {
  private readonly graph = new OwnerGraph();
  private readonly watches = new Map<string, () => void>();
  private loop?: ControllerLoop;
  private cluster?: LabCluster;
  private resyncPending = false;

  constructor(private readonly opts: GarbageCollectorOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'garbage-collector',
      reconcile: (uid) => this.reconcile(uid),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
      workers: 2,
    });
    this.syncResources();
    const stopCrds = watchResource({
      client: cluster.client,
      gvr: CRDS,
      onEvent: () => this.scheduleResync(),
    });
    this.loop.onStop(() => {
      stopCrds();
      for (const stop of this.watches.values()) stop();
      this.watches.clear();
    });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private scheduleResync(): void {
    if (this.resyncPending) return;
    this.resyncPending = true;
    setImmediate(() => {
      this.resyncPending = false;
      this.syncResources();
    });
  }

  /** Starts a watch per served resource and stops those of resources no longer served. */
  private syncResources(): void {
    const wanted = collectableResources(this.cluster!);
    for (const [key, stop] of this.watches) {
      if (wanted.has(key)) continue;
      stop();
      this.watches.delete(key);
    }
    for (const [key, gvr] of wanted) {
      if (!this.watches.has(key)) this.watches.set(key, this.watchOne(gvr));
    }
  }

  private watchOne(gvr: GroupVersionResource): () => void {
    const enqueue = (uids: string[]): void => uids.forEach((u) => this.loop!.queue.add(u));
    return watchResource({
      client: this.cluster!.client,
      gvr,
      onSync: (items) => enqueue(this.graph.sync(gvr, nodesOf(gvr, items))),
      onEvent: (type, obj) => {
        const node = toGraphNode(gvr, obj);
        if (!node) return;
        enqueue(type === 'DELETED' ? this.graph.remove(node.uid) : this.graph.upsert(node));
      },
      onError: () => enqueue(this.graph.dropResource(gvr)),
    });
  }

  private async reconcile(uid: string): Promise<ReconcileResult> {
    const node = this.graph.get(uid);
    if (!node) return done();
    const live = this.cluster!.client.get(node.gvr, node.namespace, node.name);
    if (!live || live.metadata.uid !== uid) return done();
    if (live.metadata.deletionTimestamp) await this.finalize(node, live);
    else await this.collect(node, live);
    return done();
  }

  private async collect(node: GraphNode, live: KubeObject): Promise<void> {
    const refs = live.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const decision = decideDependent({
      owners: refs.map((ref) => ({ uid: ref.uid, state: this.ownerState(live, ref) })),
      finalizers: live.metadata.finalizers ?? [],
      hasDependents: this.graph.dependentsOf(node.uid).length > 0,
    });
    const client = this.cluster!.client;
    if (decision.action === 'removeOwnerRefs') {
      await removeOwnerReferences(client, node, decision.uids);
    } else if (decision.action === 'delete') {
      this.loop!.logger.debug('Deleted dependent', {
        resource: node.gvr.resource,
        namespace: node.namespace,
        name: node.name,
        reason: decision.reason,
      });
      await ignoreGone(
        client.delete(node.gvr, node.namespace, node.name, {
          propagationPolicy: decision.policy,
          preconditions: { uid: node.uid },
        }),
      );
    }
  }

  private ownerState(dependent: KubeObject, ref: OwnerReference): OwnerState {
    const info = resolveKind(this.cluster!.registry, ref.apiVersion, ref.kind);
    if (!info) return 'unknown';
    const namespace = info.namespaced ? (dependent.metadata.namespace ?? '') : '';
    if (info.namespaced && !namespace) return 'absent';
    const owner = this.cluster!.client.get(info, namespace, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return 'absent';
    return isWaitingForDependents(owner) ? 'waiting' : 'solid';
  }

  private async finalize(node: GraphNode, live: KubeObject): Promise<void> {
    const dependents = this.graph.dependentsOf(node.uid).map((d) => ({
      ...dependentOf(d, node.uid),
      hasDependents: this.graph.dependentsOf(d.uid).length > 0,
    }));
    for (const step of planFinalization(live.metadata.finalizers ?? [], dependents)) {
      await this.runStep(node, step);
    }
  }

  private async runStep(owner: GraphNode, step: FinalizeStep): Promise<void> {
    const client = this.cluster!.client;
    switch (step.action) {
      case 'orphanDependents':
        for (const uid of step.uids) {
          const dep = this.graph.get(uid);
          if (dep) await removeOwnerReferences(client, dep, [owner.uid]);
        }
        return;
      case 'deleteDependents':
        for (const t of step.targets) {
          const dep = this.graph.get(t.uid);
          if (dep)
            await ignoreGone(
              client.delete(dep.gvr, dep.namespace, dep.name, {
                propagationPolicy: t.policy,
                preconditions: { uid: dep.uid },
              }),
            );
        }
        return;
      case 'removeFinalizer':
        await removeFinalizer(client, owner, step.finalizer);
        return;
      case 'wait':
        return;
    }
  }
}

function dependentOf(node: GraphNode, ownerUid: string): DependentOfOwner {
  const ref = node.owners.find((o) => o.uid === ownerUid);
  return {
    uid: node.uid,
    deleting: node.deleting,
    blocking: ref?.blockOwnerDeletion === true,
    hasDependents: false,
    finalizers: node.finalizers,
  };
}

function isWaitingForDependents(owner: KubeObject): boolean {
  const { deletionTimestamp, finalizers } = owner.metadata;
  return Boolean(deletionTimestamp) && (finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

function nodesOf(gvr: GroupVersionResource, items: KubeObject[]): GraphNode[] {
  return items.map((o) => toGraphNode(gvr, o)).filter((n): n is GraphNode => n !== undefined);
}

/** One version of every resource that can be listed and watched, keyed by group/resource. */
function collectableResources(cluster: LabCluster): Map<string, GroupVersionResource> {
  const out = new Map<string, GroupVersionResource>();
  for (const r of cluster.registry.all()) {
    if (!r.verbs.includes('list') || !r.verbs.includes('watch')) continue;
    const key = groupResource(r);
    if (out.has(key) && r.storage !== true) continue;
    out.set(key, { group: r.group, version: r.version, resource: r.resource });
  }
  return out;
}
