// Namespace deletion in one lab cluster, as kube-controller-manager's namespace controller: for
// a Terminating namespace whose spec.finalizers holds `kubernetes`, delete every namespaced
// object in it, wait until all are gone (their own finalizers included), then remove the
// `kubernetes` finalizer through the `finalize` subresource so core removes the namespace.
// Decisions and wording: namespace-plan.ts; e2e tests: test/e2e/lab-runtime-gc.test.ts.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject, ResourceInfo } from '../apiserver/types.js';
import type { Logger } from '../../lib/logger.js';
import { done, requeueAfter, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import { NAMESPACES } from './gvrs.js';
import {
  namespaceConditions,
  namespacedContentResources,
  stampConditions,
  type NamespaceCondition,
  type RemainingContent,
} from './namespace-plan.js';
import { ignoreGone, ignoreNotFound } from './object-ops.js';

const KUBERNETES_FINALIZER = 'kubernetes';

/** Options of the namespace controller. */
export interface NamespaceControllerOptions {
  logger?: Logger;
  /** How often a Terminating namespace with content left is looked at again. */
  recheckMs?: number;
}

/** Finalizes Terminating namespaces; one instance per cluster. */
export class NamespaceController implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: NamespaceControllerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'namespace',
      reconcile: (name) => this.reconcile(name),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    this.loop.watch({
      client: cluster.client,
      gvr: NAMESPACES,
      keys: (ns) => (ns.metadata.deletionTimestamp ? [ns.metadata.name ?? ''] : []),
    });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async reconcile(name: string): Promise<ReconcileResult> {
    const client = this.cluster!.client;
    const ns = client.get(NAMESPACES, '', name);
    if (!ns?.metadata.deletionTimestamp) return done();
    const finalizers = specFinalizers(ns);
    if (!finalizers.includes(KUBERNETES_FINALIZER)) return done();
    const resources = namespacedContentResources(this.cluster!.registry.all());
    const failures = await this.deleteContent(name, resources);
    const remaining = this.remainingContent(name, resources);
    await this.writeConditions(ns, namespaceConditions(remaining, failures));
    if (failures.length > 0 || remaining.some((r) => r.count > 0)) {
      return requeueAfter(this.opts.recheckMs ?? 250);
    }
    const spec = {
      ...(ns.spec as object),
      finalizers: finalizers.filter((f) => f !== KUBERNETES_FINALIZER),
    };
    await ignoreGone(client.update(NAMESPACES, { ...ns, spec }, { subresource: 'finalize' }));
    this.loop!.logger.info('Finalized Namespace', { name });
    return done();
  }

  /** Deletes every object not yet being deleted; returns messages of the deletes that failed. */
  private async deleteContent(namespace: string, resources: ResourceInfo[]): Promise<string[]> {
    const client = this.cluster!.client;
    const failures: string[] = [];
    for (const r of resources) {
      for (const obj of client.list(r, namespace).items) {
        if (obj.metadata.deletionTimestamp) continue;
        const opts = {
          propagationPolicy: 'Background' as const,
          preconditions: { uid: obj.metadata.uid },
        };
        try {
          await ignoreGone(client.delete(r, namespace, obj.metadata.name ?? '', opts));
        } catch (err) {
          failures.push(`${r.resource}.${r.group}: ${(err as Error).message}`);
        }
      }
    }
    return failures;
  }

  private remainingContent(namespace: string, resources: ResourceInfo[]): RemainingContent[] {
    return resources.map((r) => {
      const items = this.cluster!.client.list(r, namespace).items;
      const finalizers: Record<string, number> = {};
      for (const f of items.flatMap((o) => o.metadata.finalizers ?? []))
        finalizers[f] = (finalizers[f] ?? 0) + 1;
      return { group: r.group, resource: r.resource, count: items.length, finalizers };
    });
  }

  private async writeConditions(ns: KubeObject, next: NamespaceCondition[]): Promise<void> {
    const status = (ns.status ?? {}) as { phase?: string; conditions?: NamespaceCondition[] };
    const conditions = stampConditions(next, status.conditions ?? [], new Date().toISOString());
    const unchanged = JSON.stringify(conditions) === JSON.stringify(status.conditions ?? []);
    if (unchanged && status.phase === 'Terminating') return;
    const updated = { ...ns, status: { ...status, phase: 'Terminating', conditions } };
    await ignoreNotFound(this.cluster!.client.updateStatus(NAMESPACES, updated));
  }
}

function specFinalizers(ns: KubeObject): string[] {
  const spec = (ns.spec ?? {}) as { finalizers?: string[] };
  return spec.finalizers ?? [];
}
