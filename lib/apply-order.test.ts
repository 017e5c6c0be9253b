import { describe, expect, it } from 'vitest';
import {
  applyPhases,
  describeObject,
  kindRank,
  namespacesToEnsure,
  orderByScope,
  sortByKind,
} from './apply-order.js';
import type { KubeObject } from './kube-client.js';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace ? { name, namespace } : { name },
});

describe('apply order', () => {
  it('splits namespaces and CRDs from the rest', () => {
    const objects = [
      obj('apps/v1', 'Deployment', 'd', 'a'),
      obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'),
      obj('v1', 'Namespace', 'a'),
      obj('example.com/v1', 'Namespace', 'not-core'),
    ];
    const phases = applyPhases(objects);
    expect(phases.namespaces.map((o) => o.metadata.name)).toEqual(['a']);
    expect(phases.crds.map((o) => o.metadata.name)).toEqual(['widgets.example.com']);
    expect(phases.others.map((o) => o.metadata.name)).toEqual(['d', 'not-core']);
  });

  it.each([
    [
      ['Deployment', 'ServiceAccount', 'ConfigMap'],
      ['ServiceAccount', 'ConfigMap', 'Deployment'],
    ],
    [
      ['Widget', 'Service', 'Role', 'Widget'],
      ['Role', 'Service', 'Widget', 'Widget'],
    ],
    [
      ['RoleBinding', 'Role', 'ClusterRoleBinding', 'ClusterRole'],
      ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    ],
  ])('sorts %j by Helm kind order, stably', (kinds, expected) => {
    expect(sortByKind(kinds.map((kind) => ({ kind }))).map((k) => k.kind)).toEqual(expected);
  });

  it('ranks unknown kinds last', () => {
    expect(kindRank('Widget')).toBeGreaterThan(kindRank('APIService'));
  });

  it('puts cluster-scoped objects before namespaced ones', () => {
    const objects = [
      obj('apps/v1', 'Deployment', 'd', 'a'),
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'r'),
      obj('v1', 'ServiceAccount', 'sa', 'a'),
      obj('example.com/v1', 'Gadget', 'g'),
    ];
    const ordered = orderByScope(objects, [true, false, true, false]);
    expect(ordered.map((o) => o.metadata.name)).toEqual(['r', 'g', 'sa', 'd']);
  });

  it('lists the namespaces to create that the set does not create itself', () => {
    const objects = [
      obj('v1', 'ConfigMap', 'c', 'b'),
      obj('v1', 'ConfigMap', 'c', 'a'),
      obj('v1', 'ConfigMap', 'd', 'x'),
    ];
    expect(namespacesToEnsure(objects, [obj('v1', 'Namespace', 'x')])).toEqual(['a', 'b']);
  });

  it('names objects as kubectl users expect', () => {
    expect(describeObject({ kind: 'Deployment', name: 'kyverno', namespace: 'kyverno' })).toBe(
      'Deployment kyverno/kyverno',
    );
    expect(describeObject({ kind: 'ClusterRole', name: 'admin' })).toBe('ClusterRole admin');
  });
});
