import { describe, expect, it } from 'vitest';
import { aClusterProfile, aProfile } from '../../test/fixtures/profiles/builders.js';
import { findReleaseOverlapWarnings } from './overlap-warnings.js';
import type { ClusterLike } from './result.js';
import { readSelection, selectionsMayOverlap, selectorsExclude } from './selection-overlap.js';

const kyverno = (name: string, labels: Record<string, string>) =>
  aClusterProfile(name).selecting(labels).withHelmChart().build();

describe('findReleaseOverlapWarnings', () => {
  it('warns when another profile installs the same release on possibly shared clusters', () => {
    const warnings = findReleaseOverlapWarnings(kyverno('a', { env: 'prod' }), {
      profiles: [kyverno('b', { region: 'eu' })],
    });
    expect(warnings).toEqual([
      'ClusterProfile "b" also installs Helm release kyverno/kyverno-latest on clusters this profile may select: on a shared cluster only one of them manages it (lower tier wins)',
    ]);
  });

  it('stays quiet when the selectors exclude each other', () => {
    const ctx = { profiles: [kyverno('b', { env: 'dev' })] };
    expect(findReleaseOverlapWarnings(kyverno('a', { env: 'prod' }), ctx)).toEqual([]);
  });

  it('stays quiet for the same profile, other releases and uninstalls', () => {
    const uninstall = aClusterProfile('c').withHelmChart({ helmChartAction: 'Uninstall' }).build();
    const other = aClusterProfile('d').withHelmChart({ releaseName: 'other' }).build();
    const ctx = { profiles: [kyverno('a', { env: 'prod' }), uninstall, other] };
    expect(findReleaseOverlapWarnings(kyverno('a', { env: 'prod' }), ctx)).toEqual([]);
  });

  it('decides exactly when the clusters are known', () => {
    const clusters: ClusterLike[] = [
      { namespace: 'mgmt', name: 'c1', labels: { env: 'prod', region: 'us' } },
      { namespace: 'mgmt', name: 'c2', labels: { region: 'eu' } },
    ];
    const ctx = { profiles: [kyverno('b', { region: 'eu' })], clusters };
    expect(findReleaseOverlapWarnings(kyverno('a', { env: 'prod' }), ctx)).toEqual([]);
    clusters.push({ namespace: 'mgmt', name: 'c3', labels: { env: 'prod', region: 'eu' } });
    expect(findReleaseOverlapWarnings(kyverno('a', { env: 'prod' }), ctx)).toHaveLength(1);
  });

  it('never relates Profiles of different namespaces', () => {
    const a = aProfile('ns1', 'a').withHelmChart().build();
    const b = aProfile('ns2', 'b').withHelmChart().build();
    expect(findReleaseOverlapWarnings(a, { profiles: [b] })).toEqual([]);
    const c = aProfile('ns1', 'c').withHelmChart().build();
    expect(findReleaseOverlapWarnings(a, { profiles: [c] })[0]).toContain('Profile "ns1/c"');
  });

  it('treats a profile without selection as selecting nothing', () => {
    const none = aClusterProfile('b').withSpec({ clusterSelector: {} }).withHelmChart().build();
    expect(findReleaseOverlapWarnings(kyverno('a', { env: 'prod' }), { profiles: [none] })).toEqual(
      [],
    );
  });
});

describe('selectionsMayOverlap', () => {
  const sel = (spec: Record<string, unknown>) =>
    readSelection(
      aClusterProfile('x')
        .withSpec({ clusterSelector: undefined, ...spec })
        .build(),
    );

  it.each([
    [
      'shared clusterRefs',
      { clusterRefs: [{ namespace: 'm', name: 'c' }] },
      { clusterRefs: [{ namespace: 'm', name: 'c' }] },
      true,
    ],
    [
      'disjoint clusterRefs',
      { clusterRefs: [{ namespace: 'm', name: 'c' }] },
      { clusterRefs: [{ namespace: 'm', name: 'd' }] },
      false,
    ],
    [
      'selector vs refs',
      { clusterSelector: { matchLabels: { a: 'b' } } },
      { clusterRefs: [{ namespace: 'm', name: 'd' }] },
      true,
    ],
    ['setRefs', { setRefs: ['s'] }, { clusterSelector: { matchLabels: { a: 'b' } } }, true],
  ])('%s → %s', (_name, a, b, expected) => {
    expect(selectionsMayOverlap(sel(a), sel(b), undefined)).toBe(expected);
  });
});

describe('selectorsExclude', () => {
  it.each([
    [{ matchLabels: { env: 'a' } }, { matchLabels: { env: 'b' } }, true],
    [{ matchLabels: { env: 'a' } }, { matchLabels: { tier: 'b' } }, false],
    [
      { matchLabels: { env: 'a' } },
      { matchExpressions: [{ key: 'env', operator: 'In' as const, values: ['b', 'c'] }] },
      true,
    ],
    [
      { matchLabels: { env: 'a' } },
      { matchExpressions: [{ key: 'env', operator: 'In' as const, values: ['a', 'c'] }] },
      false,
    ],
    [
      { matchLabels: { env: 'a' } },
      { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' as const }] },
      true,
    ],
    [
      { matchExpressions: [{ key: 'gpu', operator: 'Exists' as const }] },
      { matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' as const }] },
      true,
    ],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(selectorsExclude(a, b)).toBe(expected);
  });
});
