// Pure parts of namespace deletion: which resources hold namespace content, and the
// `status.conditions` kube's namespace controller writes while content remains, worded as kube
// words them (pkg/controller/namespace/deletion). Tests: namespace-plan.test.ts.
import type { ResourceInfo } from '../apiserver/types.js';

/** What is left of one resource in a terminating namespace. */
export interface RemainingContent {
  group: string;
  resource: string;
  count: number;
  /** Finalizer name → number of remaining objects carrying it. */
  finalizers: Record<string, number>;
}

/** A namespace status condition. */
export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/** Namespaced resources that can be listed and deleted, one version per group/resource. */
export function namespacedContentResources(all: ResourceInfo[]): ResourceInfo[] {
  const out = new Map<string, ResourceInfo>();
  for (const r of all) {
    if (!r.namespaced || !r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
    const key = `${r.group}/${r.resource}`;
    if (!out.has(key) || r.storage === true) out.set(key, r);
  }
  return [...out.values()];
}

/**
 * The conditions kube sets on a Terminating namespace. `failures` are messages of deletes that
 * failed. Without `lastTransitionTime`: the caller stamps changed ones.
 */
export function namespaceConditions(
  remaining: RemainingContent[],
  failures: string[],
): NamespaceCondition[] {
  const left = remaining.filter((r) => r.count > 0);
  const finalizers = new Map<string, number>();
  for (const r of left) {
    for (const [name, n] of Object.entries(r.finalizers))
      finalizers.set(name, (finalizers.get(name) ?? 0) + n);
  }
  return [
    {
      type: 'NamespaceDeletionDiscoveryFailure',
      status: 'False',
      reason: 'ResourcesDiscovered',
      message: 'All resources successfully discovered',
    },
    {
      type: 'NamespaceDeletionGroupVersionParsingFailure',
      status: 'False',
      reason: 'ParsedGroupVersions',
      message: 'All legacy kube types successfully parsed',
    },
    failures.length > 0
      ? {
          type: 'NamespaceDeletionContentFailure',
          status: 'True',
          reason: 'ContentDeletionFailed',
          message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join(', ')}`,
        }
      : {
          type: 'NamespaceDeletionContentFailure',
          status: 'False',
          reason: 'ContentDeleted',
          message: 'All content successfully deleted, may be waiting on finalization',
        },
    left.length > 0
      ? {
          type: 'NamespaceContentRemaining',
          status: 'True',
          reason: 'SomeResourcesRemain',
          message: `Some resources are remaining: ${left.map((r) => `${r.resource}.${r.group} has ${r.count} resource instances`).join(', ')}`,
        }
      : {
          type: 'NamespaceContentRemaining',
          status: 'False',
          reason: 'ContentRemoved',
          message: 'All content successfully removed',
        },
    finalizers.size > 0
      ? {
          type: 'NamespaceFinalizersRemaining',
          status: 'True',
          reason: 'SomeFinalizersRemain',
          message: `Some content in the namespace has finalizers remaining: ${[...finalizers].map(([f, n]) => `${f} in ${n} resource instances`).join(', ')}`,
        }
      : {
          type: 'NamespaceFinalizersRemaining',
          status: 'False',
          reason: 'ContentHasNoFinalizers',
          message: 'All content-preserving finalizers finished',
        },
  ];
}

/** Carries over `lastTransitionTime` of conditions whose status did not change. */
export function stampConditions(
  next: NamespaceCondition[],
  previous: NamespaceCondition[],
  now: string,
): NamespaceCondition[] {
  return next.map((c) => {
    const old = previous.find((p) => p.type === c.type);
    const time =
      old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now;
    return { ...c, lastTransitionTime: time };
  });
}
