// The garbage collector's view of ownership in one cluster: every object with its owners, and
// for every owner uid the set of its dependents. Fed by watches; answers "which keys must be
// looked at again" after each change. Pure data structure: no I/O. Tests: gc-graph.test.ts.
import type { GroupVersionResource, KubeObject, OwnerReference } from '../apiserver/types.js';
import { groupResource } from './gvrs.js';

/** One object as the garbage collector sees it. */
export interface GraphNode {
  uid: string;
  gvr: GroupVersionResource;
  namespace: string;
  name: string;
  owners: OwnerReference[];
  /** True once `metadata.deletionTimestamp` is set. */
  deleting: boolean;
  finalizers: string[];
}

/** Builds a node from an object of a resource; undefined when the object has no uid. */
export function toGraphNode(gvr: GroupVersionResource, obj: KubeObject): GraphNode | undefined {
  const m = obj.metadata;
  if (!m.uid || !m.name) return undefined;
  return {
    uid: m.uid,
    gvr,
    namespace: m.namespace ?? '',
    name: m.name,
    owners: m.ownerReferences ?? [],
    deleting: Boolean(m.deletionTimestamp),
    finalizers: m.finalizers ?? [],
  };
}

/** Ownership graph keyed by uid; every mutation returns the uids to reconcile. */
export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly byResource = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Nodes whose owner references name `ownerUid`. */
  dependentsOf(ownerUid: string): GraphNode[] {
    const uids = this.dependents.get(ownerUid) ?? new Set<string>();
    return [...uids].map((u) => this.nodes.get(u)).filter((n): n is GraphNode => n !== undefined);
  }

  /**
   * Adds or replaces a node. Returns the node itself, its dependents when its deletion state
   * changed (they may now be waiting for it), and owners it no longer references.
   */
  upsert(node: GraphNode): string[] {
    const old = this.nodes.get(node.uid);
    if (old) this.unlinkOwners(old);
    this.nodes.set(node.uid, node);
    this.link(node);
    const touched = [node.uid];
    if (old && old.deleting !== node.deleting) touched.push(...this.dependentUids(node.uid));
    const kept = new Set(node.owners.map((o) => o.uid));
    for (const o of old?.owners ?? []) if (!kept.has(o.uid)) touched.push(o.uid);
    return touched;
  }

  /** Removes a node; returns its dependents (their owner is gone) and its owners (may be waiting). */
  remove(uid: string): string[] {
    const node = this.nodes.get(uid);
    if (!node) return [];
    this.nodes.delete(uid);
    this.unlinkOwners(node);
    this.byResource.get(groupResource(node.gvr))?.delete(uid);
    return [...this.dependentUids(uid), ...node.owners.map((o) => o.uid)];
  }

  /** Replaces every node of one resource after a (re)list; returns the uids to reconcile. */
  sync(gvr: GroupVersionResource, nodes: GraphNode[]): string[] {
    const fresh = new Set(nodes.map((n) => n.uid));
    const stale = [...(this.byResource.get(groupResource(gvr)) ?? [])].filter((u) => !fresh.has(u));
    const touched = stale.flatMap((u) => this.remove(u));
    for (const n of nodes) touched.push(...this.upsert(n));
    return touched;
  }

  /** Drops every node of a resource that is no longer served. */
  dropResource(gvr: GroupVersionResource): string[] {
    return this.sync(gvr, []);
  }

  private dependentUids(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])];
  }

  private link(node: GraphNode): void {
    const key = groupResource(node.gvr);
    if (!this.byResource.has(key)) this.byResource.set(key, new Set());
    this.byResource.get(key)!.add(node.uid);
    for (const o of node.owners) {
      if (!this.dependents.has(o.uid)) this.dependents.set(o.uid, new Set());
      this.dependents.get(o.uid)!.add(node.uid);
    }
  }

  private unlinkOwners(node: GraphNode): void {
    for (const o of node.owners) {
      const set = this.dependents.get(o.uid);
      set?.delete(node.uid);
      if (set?.size === 0) this.dependents.delete(o.uid);
    }
  }
}
