import { describe, expect, it } from 'vitest';
import type { ClusterSet, ClusterSummary } from '../../api/types/index.js';
import {
  aCluster,
  aClusterProfile,
  aProfile,
  aSummary,
} from '../../test/support/controller-builders.js';
import { decideMatch } from './matching-predicates.js';
import { planMatching, summaryNeedsUpdate } from './matching-plan.js';
import { buildSummary, ownerOfSummary } from './summary-builder.js';

const prod = aCluster('fleet/c1').labelled({ env: 'prod' }).ready().build();
const test = aCluster('fleet/c2').labelled({ env: 'test' }).ready().build();
const otherNs = aCluster('team/c3').labelled({ env: 'prod' }).build();

function clusterSet(name: string, selected: Array<[string, string]>): ClusterSet {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'ClusterSet',
    metadata: { name },
    spec: {},
    status: {
      selectedClusterRefs: selected.map(([namespace, n]) => ({
        kind: 'SveltosCluster',
        namespace,
        name: n,
      })),
    },
  };
}

describe('decideMatch', () => {
  const cases = [
    {
      name: 'a matching clusterSelector',
      profile: aClusterProfile('p').selecting({ env: 'prod' }).build(),
      cluster: prod,
      expected: { matched: true, by: 'clusterSelector', reason: 'selected by clusterSelector' },
    },
    {
      name: 'a selector the labels do not satisfy',
      profile: aClusterProfile('p').selecting({ env: 'prod' }).build(),
      cluster: test,
      expected: {
        matched: false,
        reason:
          'cluster is not in clusterRefs; cluster labels do not match selector env=prod; profile has no setRefs',
      },
    },
    {
      name: 'an empty selector, which selects nothing (as in Sveltos)',
      profile: aClusterProfile('p').withSpec({ clusterSelector: {} }).build(),
      cluster: prod,
      expected: {
        matched: false,
        reason:
          'cluster is not in clusterRefs; profile has no clusterSelector; profile has no setRefs',
      },
    },
    {
      name: 'a clusterRef naming the cluster',
      profile: aClusterProfile('p')
        .withSpec({ clusterRefs: [{ kind: 'SveltosCluster', namespace: 'fleet', name: 'c2' }] })
        .build(),
      cluster: test,
      expected: { matched: true, by: 'clusterRefs', reason: 'selected by clusterRefs' },
    },
    {
      name: 'a clusterRef of a CAPI Cluster with the same name',
      profile: aClusterProfile('p')
        .withSpec({ clusterRefs: [{ kind: 'Cluster', namespace: 'fleet', name: 'c2' }] })
        .build(),
      cluster: test,
      expected: { matched: false },
    },
    {
      name: 'a Profile and a cluster of another namespace',
      profile: aProfile('fleet/p').selecting({ env: 'prod' }).build(),
      cluster: otherNs,
      expected: { matched: false, reason: "cluster is outside the Profile's namespace fleet" },
    },
    {
      name: 'a cluster being deleted',
      profile: aClusterProfile('p').selecting({ env: 'prod' }).build(),
      cluster: aCluster('fleet/c1').labelled({ env: 'prod' }).deleting().build(),
      expected: { matched: false, reason: 'cluster is being deleted' },
    },
    {
      name: 'a ClusterSet that selected the cluster',
      profile: aClusterProfile('p')
        .withSpec({ setRefs: ['gold'] })
        .build(),
      cluster: prod,
      expected: { matched: true, by: 'setRefs' },
    },
  ];
  it.each(cases)('handles $name', ({ profile, cluster, expected }) => {
    expect(decideMatch(profile, cluster, [clusterSet('gold', [['fleet', 'c1']])])).toMatchObject(
      expected,
    );
  });
});

describe('planMatching', () => {
  const profile = aClusterProfile('kyverno').selecting({ env: 'prod' }).build();

  it('creates a summary per matching cluster and lists them sorted in matching', () => {
    const second = aCluster('alpha/c9').labelled({ env: 'prod' }).build();
    const plan = planMatching(profile, [prod, test, second], [], []);
    expect(plan.matching.map((r) => `${r.namespace}/${r.name}`)).toEqual(['alpha/c9', 'fleet/c1']);
    expect(plan.summariesToCreate.map((s) => `${s.metadata.namespace}/${s.metadata.name}`)).toEqual(
      ['alpha/kyverno-sveltos-c9', 'fleet/kyverno-sveltos-c1'],
    );
    expect(plan.summariesToUpdate).toEqual([]);
    expect(plan.summariesToDelete).toEqual([]);
  });

  it('leaves an up-to-date summary alone and updates one whose spec lags the profile', () => {
    const current = aSummary(buildSummary(profile, prod));
    expect(planMatching(profile, [prod], [], [current]).summariesToUpdate).toEqual([]);
    const changed = aClusterProfile('kyverno')
      .selecting({ env: 'prod' })
      .withSpec({ tier: 50 })
      .build();
    const plan = planMatching(changed, [prod], [], [current]);
    expect(plan.summariesToUpdate.map((s) => s.spec?.clusterProfileSpec?.tier)).toEqual([50]);
  });

  it('deletes the summary of a cluster that no longer matches, with the reason', () => {
    const stale = aSummary(buildSummary(profile, prod));
    const relabelled = aCluster('fleet/c1').labelled({ env: 'dev' }).build();
    const plan = planMatching(profile, [relabelled], [], [stale]);
    expect(plan.summariesToDelete).toEqual([
      {
        summary: stale,
        reason:
          'cluster is not in clusterRefs; cluster labels do not match selector env=prod; profile has no setRefs',
      },
    ]);
  });

  it('deletes the summary of a cluster that no longer exists', () => {
    const orphan = aSummary(buildSummary(profile, prod));
    expect(planMatching(profile, [], [], [orphan]).summariesToDelete[0]?.reason).toBe(
      'cluster no longer exists',
    );
  });

  it('waits for a summary still being deleted instead of recreating it', () => {
    const deleting: ClusterSummary = aSummary(buildSummary(profile, prod));
    deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    const plan = planMatching(profile, [prod], [], [deleting]);
    expect(plan.summariesToCreate).toEqual([]);
    expect(plan.summariesToDelete).toEqual([]);
    expect(plan.waitingForDeletion).toEqual(['fleet/kyverno-sveltos-c1']);
  });
});

describe('buildSummary', () => {
  it('names, labels and owns the summary of a Profile as Sveltos does', () => {
    const profile = aProfile('fleet/local').selecting({ env: 'prod' }).build();
    profile.metadata.labels = { 'projectsveltos.io/serviceaccount-name': 'tenant-a' };
    const summary = buildSummary(profile, prod);
    expect(summary.metadata).toEqual({
      name: 'p--local-sveltos-c1',
      namespace: 'fleet',
      labels: {
        'projectsveltos.io/profile-name': 'local',
        'projectsveltos.io/cluster-name': 'c1',
        'projectsveltos.io/cluster-type': 'Sveltos',
        'projectsveltos.io/serviceaccount-name': 'tenant-a',
      },
      ownerReferences: [
        {
          apiVersion: 'config.projectsveltos.io/v1beta1',
          kind: 'Profile',
          name: 'local',
          uid: 'uid-local',
        },
      ],
    });
    expect(summary.spec).toEqual({
      clusterNamespace: 'fleet',
      clusterName: 'c1',
      clusterType: 'Sveltos',
      clusterProfileSpec: profile.spec,
    });
    expect(ownerOfSummary(summary)).toEqual({ kind: 'Profile', name: 'local', namespace: 'fleet' });
  });

  it('re-applies a summary that lost its owner reference', () => {
    const profile = aClusterProfile('kyverno').selecting({ env: 'prod' }).build();
    const live = aSummary(buildSummary(profile, prod));
    live.metadata.ownerReferences = [];
    expect(summaryNeedsUpdate(live, buildSummary(profile, prod))).toBe(true);
  });
});
