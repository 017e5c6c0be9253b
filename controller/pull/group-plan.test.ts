import { describe, expect, it } from 'vitest';
import {
  assignBundleNames,
  profileFieldsOf,
  bundleObject,
  classifyGroup,
  groupObject,
  removeHashOf,
  requestorHashOf,
  stagingSelector,
} from './group-plan.js';
import type { PullRequestor, StagedBundle, StagedGroup } from './group-plan.js';

const r: PullRequestor = {
  clusterNamespace: 'rke2',
  clusterName: 'cluster01',
  summaryName: 'deploy-kyverno-sveltos-cluster01',
  summaryUid: 'uid-1',
  feature: 'Resources',
};
const hash = requestorHashOf('ab'.repeat(32));

function group(spec: StagedGroup['spec'], status?: StagedGroup['status']): StagedGroup {
  return { metadata: { name: 'config-g', generation: 2 }, spec, ...(status ? { status } : {}) };
}

describe('pull staging objects', () => {
  it('labels and annotates groups and bundles as Sveltos does, owned by the ClusterSummary', () => {
    const b = bundleObject(r, 'config-b', 1, { resources: ['x'] });
    expect(b.metadata).toMatchObject({
      name: 'config-b',
      namespace: 'rke2',
      labels: {
        'pullmode.projectsveltos.io/clustername': 'cluster01',
        'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary',
        'pullmode.projectsveltos.io/requestorfeature': 'Resources',
      },
      annotations: {
        'pullmode.projectsveltos.io/requestorname': 'deploy-kyverno-sveltos-cluster01',
        'pullmode.projectsveltos.io/index': '1',
      },
      ownerReferences: [{ kind: 'ClusterSummary', name: r.summaryName, uid: 'uid-1' }],
    });
    const g = groupObject(r, 'config-g', [{ bundleName: 'config-b', hash: 'h' }], {
      action: 'Deploy',
      requestorHash: hash,
      tier: 100,
    });
    expect(g.spec).toMatchObject({
      action: 'Deploy',
      updatePhase: 'Ready',
      requestorHash: hash,
      configurationItem: [{ contentRef: { name: 'config-b', namespace: 'rke2' }, hash: 'h' }],
    });
    expect(stagingSelector(r)).toContain('pullmode.projectsveltos.io/clustername=cluster01');
  });

  it('encodes requestorHash as base64 of the hash bytes, and Remove differently', () => {
    expect(Buffer.from(hash, 'base64').toString('hex')).toBe('ab'.repeat(32));
    expect(removeHashOf(r)).not.toBe(hash);
  });

  it('reuses the bundle of each index and marks the rest stale', () => {
    const b = (name: string, index: string): StagedBundle => ({
      metadata: { name, annotations: { 'pullmode.projectsveltos.io/index': index } },
    });
    let n = 0;
    const out = assignBundleNames([b('a', '0'), b('c', '2'), b('d', '0'), b('e', 'x')], 2, () =>
      String(++n),
    );
    expect(out).toEqual({ names: ['a', '1'], stale: ['c', 'd', 'e'] });
  });
});

describe('profileFieldsOf', () => {
  it('copies only what the profile sets, LeavePolicies and drift detection as flags', () => {
    expect(profileFieldsOf(undefined)).toEqual({});
    expect(
      profileFieldsOf({
        continueOnError: true,
        stopMatchingBehavior: 'LeavePolicies',
        syncMode: 'ContinuousWithDriftDetection',
      }),
    ).toEqual({ continueOnError: true, leavePolicies: true, driftDetection: true });
    expect(
      profileFieldsOf({ syncMode: 'Continuous', stopMatchingBehavior: 'WithdrawPolicies' }),
    ).toEqual({});
  });
});

describe('classifyGroup', () => {
  const want = { action: 'Deploy' as const, requestorHash: hash };
  const cases: { name: string; group: StagedGroup | undefined; kind: string }[] = [
    { name: 'no group', group: undefined, kind: 'absent' },
    {
      name: 'older hash',
      group: group({ action: 'Deploy', requestorHash: 'old' }),
      kind: 'other',
    },
    {
      name: 'a Remove group',
      group: group({ action: 'Remove', requestorHash: hash }),
      kind: 'other',
    },
    {
      name: 'preparing',
      group: group({ requestorHash: hash, updatePhase: 'Preparing' }),
      kind: 'other',
    },
    { name: 'not yet processed', group: group({ requestorHash: hash }), kind: 'pending' },
    {
      name: 'status of an older generation',
      group: group(
        { requestorHash: hash },
        { status: 'Provisioned', observedGeneration: 1, observedRequestorHash: hash },
      ),
      kind: 'pending',
    },
    {
      name: 'status of an older hash',
      group: group(
        { requestorHash: hash },
        { status: 'Provisioned', observedGeneration: 2, observedRequestorHash: 'old' },
      ),
      kind: 'pending',
    },
    {
      name: 'provisioned',
      group: group(
        { requestorHash: hash },
        {
          status: 'Provisioned',
          observedGeneration: 2,
          observedRequestorHash: hash,
          deployedGroupVersionKind: ['ConfigMap.v1.'],
        },
      ),
      kind: 'provisioned',
    },
    {
      name: 'failed',
      group: group(
        { requestorHash: hash },
        {
          status: 'Failed',
          observedGeneration: 2,
          observedRequestorHash: hash,
          failureMessage: 'x',
        },
      ),
      kind: 'failed',
    },
  ];
  it.each(cases)('$name → $kind', ({ group: g, kind }) => {
    expect(classifyGroup(g, want).kind).toBe(kind);
  });

  it('reads a trusted Removed report of a Remove group', () => {
    const g = group(
      { action: 'Remove', requestorHash: hash },
      { status: 'Removed', observedGeneration: 2, observedRequestorHash: hash },
    );
    expect(classifyGroup(g, { action: 'Remove', requestorHash: hash })).toEqual({
      kind: 'removed',
    });
  });
});
