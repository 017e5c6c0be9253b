import { describe, expect, it } from 'vitest';
import { OwnerGraph, type GraphNode } from './gc-graph.js';

const gvr = { group: '', version: 'v1', resource: 'configmaps' };
const node = (uid: string, owners: string[] = [], deleting = false): GraphNode => ({
  uid,
  gvr,
  namespace: 'ns',
  name: uid,
  owners: owners.map((o) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o, uid: o })),
  deleting,
  finalizers: [],
});

describe('OwnerGraph', () => {
  it('indexes dependents by owner uid and returns them when the owner is removed', () => {
    const g = new OwnerGraph();
    g.upsert(node('owner'));
    g.upsert(node('d1', ['owner']));
    g.upsert(node('d2', ['owner']));
    expect(
      g
        .dependentsOf('owner')
        .map((n) => n.uid)
        .sort(),
    ).toEqual(['d1', 'd2']);
    expect(g.remove('owner').sort()).toEqual(['d1', 'd2']);
  });

  it('returns the owners of a removed dependent so a waiting owner is looked at again', () => {
    const g = new OwnerGraph();
    g.upsert(node('d1', ['owner']));
    expect(g.remove('d1')).toEqual(['owner']);
    expect(g.dependentsOf('owner')).toEqual([]);
  });

  it('returns the dependents of an owner whose deletion state changes', () => {
    const g = new OwnerGraph();
    g.upsert(node('owner'));
    g.upsert(node('d1', ['owner']));
    expect(g.upsert(node('owner', [], true))).toEqual(['owner', 'd1']);
  });

  it('returns an owner no longer referenced by an updated dependent', () => {
    const g = new OwnerGraph();
    g.upsert(node('d1', ['a', 'b']));
    expect(g.upsert(node('d1', ['b']))).toEqual(['d1', 'a']);
    expect(g.dependentsOf('a')).toEqual([]);
  });

  it('drops nodes missing from a relist and reports their dependents', () => {
    const g = new OwnerGraph();
    g.upsert(node('owner'));
    g.upsert(node('d1', ['owner']));
    const touched = g.sync(gvr, [node('d1', ['owner'])]);
    expect(touched).toContain('d1');
    expect(g.get('owner')).toBeUndefined();
    expect(g.size).toBe(1);
  });
});
