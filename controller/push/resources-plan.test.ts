import { describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../api/types/index.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { aTarget } from '../../test/support/feature-fixtures.js';
import { decorateObject, ownerOfTarget } from '../features/owner-labels.js';
import {
  gvkString,
  kindsOf,
  ownedBy,
  parseGvk,
  planResources,
  recordedKinds,
  staleObjects,
} from './resources-plan.js';

const me = ownerOfTarget(aTarget({ profile: 'me', tier: 100 }));
const other = ownerOfTarget(aTarget({ profile: 'other', tier: 100 }));
const cm = (name: string, ns = 'apps'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
});

describe('planResources', () => {
  it('applies free, own and lower-tier-won objects, and reports conflicts naming the winner', () => {
    const plan = planResources(me, [
      { desired: cm('free'), currentLive: '' },
      { desired: cm('mine'), currentOwner: me, currentLive: '' },
      { desired: cm('taken'), currentOwner: other, currentLive: '' },
      { desired: cm('weaker'), currentOwner: { ...other, tier: 200 }, currentLive: '' },
      { desired: cm('orphan'), currentOwner: { ...other, tier: 1 }, currentLive: 'gone' },
    ]);
    expect(plan.apply.map((o) => o.metadata.name)).toEqual(['free', 'mine', 'weaker', 'orphan']);
    expect(plan.takeovers.map((t) => t.why)).toEqual([
      'tier 100 wins over ClusterProfile other (tier 200)',
      'gone',
    ]);
    expect(plan.conflicts).toEqual([
      {
        obj: cm('taken'),
        winner: other,
        message:
          'ConfigMap apps/taken is managed by ClusterProfile other (tier 100) (first owner at equal tier keeps it)',
      },
    ]);
  });
});

describe('staleObjects', () => {
  it('returns what this owner deployed and no longer wants, never others’ objects', () => {
    const live = [
      decorateObject(cm('keep'), me, 'Resources'),
      decorateObject(cm('drop'), me, 'Resources'),
      decorateObject(cm('theirs'), other, 'Resources'),
      cm('unmanaged'),
    ];
    expect(staleObjects(me, live, [cm('keep')])).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'drop', namespace: 'apps' },
    ]);
  });

  it('does not claim an object another summary of the same profile deployed', () => {
    const elsewhere = decorateObject(
      cm('x'),
      { ...me, summary: 'other-ns/me-sveltos-c9' },
      'Resources',
    );
    expect(ownedBy(me, elsewhere)).toBe(false);
    expect(ownedBy(me, decorateObject(cm('x'), { ...me, summary: '' }, 'Resources'))).toBe(true);
  });
});

describe('kinds', () => {
  it.each([
    [{ apiVersion: 'apps/v1', kind: 'Deployment' }, 'Deployment.v1.apps'],
    [{ apiVersion: 'v1', kind: 'ConfigMap' }, 'ConfigMap.v1.'],
    [
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
      'Role.v1.rbac.authorization.k8s.io',
    ],
  ])('round-trips %j', (ref, text) => {
    expect(gvkString(ref)).toBe(text);
    expect(parseGvk(text)).toEqual(ref);
  });

  it('refuses malformed kinds and reads the short core form', () => {
    expect(parseGvk('Nothing')).toBeUndefined();
    expect(parseGvk('ConfigMap.v1')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('lists kinds of objects and the kinds a summary recorded', () => {
    expect(
      kindsOf([
        cm('a'),
        cm('b'),
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } },
      ]),
    ).toEqual(['ConfigMap.v1.', 'Deployment.v1.apps']);
    const summary = {
      status: {
        featureSummaries: [{ featureID: 'Resources', deployedGroupVersionKind: ['ConfigMap.v1.'] }],
        deployedGVKs: [
          {
            featureID: 'Resources',
            deployedGroupVersionKind: ['Role.v1.rbac.authorization.k8s.io', 'ConfigMap.v1.'],
          },
        ],
      },
    } as ClusterSummary;
    expect(recordedKinds(summary, 'Resources')).toEqual([
      'ConfigMap.v1.',
      'Role.v1.rbac.authorization.k8s.io',
    ]);
    expect(recordedKinds(summary, 'Helm')).toEqual([]);
  });
});
