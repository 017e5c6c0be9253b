// ClusterRole aggregation as kube-controller-manager's clusterrole-aggregation-controller: a
// ClusterRole with `aggregationRule.clusterRoleSelectors` gets the union (first occurrence kept)
// of the rules of every other ClusterRole its selectors match, roles taken in name order.
import { matchesLabelSelector } from '../../api/label-selector.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { KeyQueue } from './key-queue.js';
import { RBAC_GVRS } from './rbac-authorizer.js';
import type { PolicyRule } from './rbac-types.js';

function selectorsOf(role: KubeObject): LabelSelector[] | undefined {
  const rule = role.aggregationRule as { clusterRoleSelectors?: LabelSelector[] } | undefined;
  return rule ? (rule.clusterRoleSelectors ?? []) : undefined;
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function addRules(into: PolicyRule[], rules: PolicyRule[]): void {
  for (const r of rules) if (!into.some((x) => sameRule(x, r))) into.push(r);
}

/** The aggregated rules of `target`, or undefined when it has no aggregationRule. */
export function aggregateRules(target: KubeObject, all: KubeObject[]): PolicyRule[] | undefined {
  const selectors = selectorsOf(target);
  if (!selectors) return undefined;
  const sorted = [...all].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  const rules: PolicyRule[] = [];
  for (const selector of selectors) {
    for (const role of sorted) {
      if (role.metadata.name === target.metadata.name) continue;
      if (!matchesLabelSelector(role.metadata.labels, selector)) continue;
      addRules(rules, (role.rules as PolicyRule[] | undefined) ?? []);
    }
  }
  return rules;
}

/** Keeps aggregated ClusterRoles' rules current; writes only when they differ. */
export class AggregationController implements ClusterController {
  private stopWatch: (() => void) | undefined;
  private queue: KeyQueue | undefined;

  start(cluster: LabCluster): void {
    this.queue = new KeyQueue((name) => this.sync(cluster, name));
    const queue = this.queue;
    const resync = (): void => {
      for (const role of cluster.client.list(RBAC_GVRS.clusterRoles).items) {
        if (role.aggregationRule) queue.add(role.metadata.name ?? '');
      }
    };
    this.stopWatch = cluster.client.watch(RBAC_GVRS.clusterRoles, {}, resync);
    resync();
  }

  /** Resolves once queued work is done (tests). */
  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopWatch?.();
    await this.queue?.stop();
  }

  private async sync(cluster: LabCluster, name: string): Promise<void> {
    const role = cluster.client.get(RBAC_GVRS.clusterRoles, '', name);
    if (!role) return;
    const rules = aggregateRules(role, cluster.client.list(RBAC_GVRS.clusterRoles).items);
    if (!rules || JSON.stringify(rules) === JSON.stringify(role.rules ?? [])) return;
    await cluster.client.update(RBAC_GVRS.clusterRoles, { ...role, rules });
  }
}
