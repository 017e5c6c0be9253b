import { describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../api/types/index.js';
import { memoryStore } from '../../test/support/feature-fixtures.js';
import type { FeatureOwner } from '../features/owner-labels.js';
import { decideOwnership, ownerLiveness } from './ownership-predicates.js';

const owner = (
  name: string,
  tier = 100,
  kind: FeatureOwner['kind'] = 'ClusterProfile',
): FeatureOwner => ({
  kind,
  name,
  tier,
  summary: `aks/${name}-sveltos-c1`,
});

describe('decideOwnership', () => {
  it.each([
    ['nobody owns it', owner('me'), undefined, '', { action: 'claim' }],
    ['I own it already', owner('me', 50), owner('me', 100), '', { action: 'keep' }],
    [
      'I have the lower tier',
      owner('me', 10),
      owner('other', 100),
      '',
      {
        action: 'takeover',
        previous: owner('other', 100),
        why: 'tier 10 wins over ClusterProfile other (tier 100)',
      },
    ],
    [
      'the owner has the same tier',
      owner('me', 100),
      owner('other', 100),
      '',
      {
        action: 'conflict',
        winner: owner('other'),
        why: 'managed by ClusterProfile other (tier 100) (first owner at equal tier keeps it)',
      },
    ],
    [
      'the owner has a lower tier',
      owner('me', 100),
      owner('other', 1),
      '',
      {
        action: 'conflict',
        winner: owner('other', 1),
        why: 'managed by ClusterProfile other (tier 1) (lower tier wins)',
      },
    ],
    [
      'the owner is gone',
      owner('me', 100),
      owner('other', 1),
      'gone',
      { action: 'takeover', previous: owner('other', 1), why: 'gone' },
    ],
    [
      'a Profile of the same name owns it',
      owner('me', 100),
      owner('me', 100, 'Profile'),
      '',
      {
        action: 'conflict',
        winner: owner('me', 100, 'Profile'),
        why: 'managed by Profile me (tier 100) (first owner at equal tier keeps it)',
      },
    ],
  ])('when %s', (...row) => {
    const [, me, current, live, expected] = row;
    expect(decideOwnership(me, current, live)).toEqual(expected);
  });
});

describe('ownerLiveness', () => {
  const summary = (name: string, deleting = false): ClusterSummary => ({
    apiVersion: 'config.projectsveltos.io/v1beta1',
    kind: 'ClusterSummary',
    metadata: {
      name,
      namespace: 'aks',
      ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
  });
  const store = memoryStore([summary('live-sveltos-c1'), summary('leaving-sveltos-c1', true)]);
  const cluster = { namespace: 'aks', name: 'c1' };

  it.each([
    ['a live summary', owner('live'), ''],
    // Still withdrawing what it deployed: it holds it until its summary is gone.
    ['a summary being deleted', owner('leaving'), ''],
    [
      'a missing summary',
      owner('gone'),
      'previous owner ClusterProfile gone (tier 100) no longer has ClusterSummary aks/gone-sveltos-c1',
    ],
    [
      'an owner recorded by Sveltos without our summary reference',
      { ...owner('live'), summary: '' },
      '',
    ],
  ])('reports %s', (_name, o, expected) => {
    expect(ownerLiveness(o, store, cluster)).toBe(expected);
  });
});
