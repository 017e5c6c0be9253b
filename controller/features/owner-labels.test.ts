import { describe, expect, it } from 'vitest';
import { aTarget } from '../../test/support/feature-fixtures.js';
import { CLUSTER_SUMMARY_REF_ANNOTATION } from '../../api/labels.js';
import {
  decorateObject,
  describeOwner,
  ownerOfTarget,
  readOwner,
  sameOwner,
} from './owner-labels.js';

const cm = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', namespace: 'default', labels: { app: 'a' }, annotations: { n: 'v' } },
};

describe('owner labels', () => {
  it('names the profile, its tier and its ClusterSummary', () => {
    expect(ownerOfTarget(aTarget({ tier: 50 }))).toEqual({
      kind: 'ClusterProfile',
      name: 'deploy-kyverno',
      tier: 50,
      summary: 'aks/deploy-kyverno-sveltos-cluster02',
    });
  });

  it('decorates a copy with the feature label, owner and source annotations', () => {
    const owner = ownerOfTarget(aTarget());
    const source = { kind: 'ConfigMap', namespace: 'aks', name: 'policies', tier: 10 };
    const out = decorateObject(cm, owner, 'Resources', source);
    expect(out.metadata.labels).toEqual({ app: 'a', 'projectsveltos.io/reason': 'Resources' });
    expect(out.metadata.annotations).toEqual({
      n: 'v',
      'projectsveltos.io/owner-kind': 'ClusterProfile',
      'projectsveltos.io/owner-name': 'deploy-kyverno',
      'projectsveltos.io/owner-tier': '100',
      [CLUSTER_SUMMARY_REF_ANNOTATION]: 'aks/deploy-kyverno-sveltos-cluster02',
      'projectsveltos.io/reference-kind': 'ConfigMap',
      'projectsveltos.io/reference-namespace': 'aks',
      'projectsveltos.io/reference-name': 'policies',
      'projectsveltos.io/reference-tier': '10',
    });
    expect(cm.metadata.labels).toEqual({ app: 'a' });
  });

  it.each([
    ['no annotations', {}, undefined],
    ['an unknown owner kind', { annotations: { 'projectsveltos.io/owner-kind': 'X' } }, undefined],
    [
      'a bad tier (defaults to 100)',
      {
        annotations: {
          'projectsveltos.io/owner-kind': 'Profile',
          'projectsveltos.io/owner-name': 'p',
          'projectsveltos.io/owner-tier': 'abc',
        },
      },
      { kind: 'Profile', name: 'p', tier: 100, summary: '' },
    ],
  ])('reads back an owner from %s', (_name, meta, expected) => {
    expect(readOwner(meta)).toEqual(expected);
  });

  it('round-trips the owner through the annotations', () => {
    const owner = ownerOfTarget(aTarget({ kind: 'Profile', profile: 'p', tier: 7 }));
    const back = readOwner(decorateObject(cm, owner, 'Helm').metadata);
    expect(back).toEqual(owner);
    expect(sameOwner(back!, owner)).toBe(true);
    expect(sameOwner(back!, { ...owner, kind: 'ClusterProfile' })).toBe(false);
    expect(describeOwner(owner)).toBe('Profile p (tier 7)');
  });
});
