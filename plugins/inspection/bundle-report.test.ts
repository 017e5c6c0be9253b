// Table-driven tests of the bundles report model and its text form, on hand-built objects.
import { describe, expect, it } from 'vitest';
import type {
  ConfigurationBundle,
  ConfigurationGroup,
  SveltosCluster,
} from '../../api/types/index.js';
import { bundleHash } from '../../lib/bundle-hash.js';
import { buildBundleReport, groupStatus } from './bundle-report.js';
import { deliveredMessage, describeScope, renderReport, reportDocument } from './bundle-table.js';

function group(
  name: string,
  over: {
    cluster?: string;
    feature?: string;
    profile?: string;
    items?: Array<{ name: string; hash: string }>;
    generation?: number;
    spec?: ConfigurationGroup['spec'];
    status?: ConfigurationGroup['status'];
  } = {},
): ConfigurationGroup {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'ConfigurationGroup',
    metadata: {
      name,
      namespace: 'rke2',
      generation: over.generation ?? 1,
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: {
        'pullmode.projectsveltos.io/clustername': over.cluster ?? 'c1',
        'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary',
        'pullmode.projectsveltos.io/requestorfeature': over.feature ?? 'Resources',
      },
    },
    spec: {
      requestorHash: 'aGFzaA==',
      sourceRef: { kind: 'ClusterProfile', name: over.profile ?? 'p' },
      configurationItem: (over.items ?? []).map((i) => ({
        contentRef: { name: i.name },
        hash: i.hash,
      })),
      ...over.spec,
    },
    ...(over.status ? { status: over.status } : {}),
  };
}

function bundle(name: string, resources: string[]): ConfigurationBundle {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'ConfigurationBundle',
    metadata: { name, namespace: 'rke2' },
    spec: { resources },
  };
}

function cluster(name: string, pullMode: boolean, ready = true): SveltosCluster {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'SveltosCluster',
    metadata: { name, namespace: 'rke2' },
    spec: { pullMode },
    status: { ready, agentLastReportTime: '2026-01-01T00:00:50Z' },
  };
}

describe('groupStatus', () => {
  it.each([
    ['no status yet', 'Pending', group('g')],
    [
      'a report for this generation and hash',
      'Provisioned',
      group('g', {
        status: { status: 'Provisioned', observedGeneration: 1, observedRequestorHash: 'aGFzaA==' },
      }),
    ],
    [
      'a report for an older generation',
      'Pending',
      group('g', {
        generation: 2,
        status: { status: 'Failed', observedGeneration: 1, observedRequestorHash: 'aGFzaA==' },
      }),
    ],
    [
      'a report for another requestor hash',
      'Pending',
      group('g', {
        status: { status: 'Provisioned', observedGeneration: 1, observedRequestorHash: 'b2xk' },
      }),
    ],
    [
      'bundles still being written',
      'Preparing',
      group('g', { spec: { updatePhase: 'Preparing' } }),
    ],
  ])('%s: %s', (_what, expected, g) => {
    expect(groupStatus(g)).toBe(expected);
  });
});

describe('buildBundleReport', () => {
  const res = [
    'kind: ConfigMap\nmetadata:\n  name: a\n',
    'kind: ConfigMap\nmetadata:\n  name: b\n',
  ];
  const input = {
    scope: { namespace: 'rke2' },
    clusters: [cluster('c1', true), cluster('c2', true, false), cluster('push', false)],
    groups: [
      group('g-res', {
        items: [
          { name: 'b1', hash: bundleHash(res) },
          { name: 'b2', hash: 'x' },
        ],
      }),
      group('g-helm', { feature: 'Helm', profile: 'other', items: [{ name: 'gone', hash: 'y' }] }),
      group('g-orphan', { cluster: 'deleted' }),
    ],
    bundles: [bundle('b1', res), bundle('b2', ['kind: Secret'])],
  };

  it('lists every pull cluster, orphaned groups under an unregistered entry, rows sorted', () => {
    const report = buildBundleReport(input);
    expect(report.clusters.map((c) => [c.name, c.registered, c.groups.map((g) => g.name)])).toEqual(
      [
        ['c1', true, ['g-helm', 'g-res']],
        ['c2', true, []],
        ['deleted', false, ['g-orphan']],
      ],
    );
    const res0 = report.clusters[0]?.groups[1];
    expect(res0).toMatchObject({ bundles: 2, verifiedBundles: 1, missingBundles: 0, resources: 3 });
    expect(res0?.sizeBytes).toBe(res.join('').length + 'kind: Secret'.length);
    expect(report.clusters[0]?.groups[0]).toMatchObject({ missingBundles: 1, resources: 0 });
    expect(report.everythingDelivered).toBe(false);
  });

  it('filters by cluster and profile, and says everything is delivered when nothing is left', () => {
    const byProfile = buildBundleReport({
      ...input,
      scope: { namespace: 'rke2', profile: { kind: 'ClusterProfile', name: 'other' } },
    });
    expect(byProfile.clusters.flatMap((c) => c.groups.map((g) => g.name))).toEqual(['g-helm']);
    const scope = { namespace: 'rke2', cluster: 'c2' };
    const empty = buildBundleReport({ ...input, scope });
    expect(empty.clusters.map((c) => c.name)).toEqual(['c2']);
    expect(empty.everythingDelivered).toBe(true);
    const text = renderReport(empty, { now: new Date('2026-01-01T00:01:00Z'), wide: false });
    expect(text).toBe(
      'CLUSTER   READY   LAST HEARTBEAT   GROUPS\nrke2/c2   false   10s              0\n\n' +
        'No ConfigurationGroups in namespace rke2, cluster c2: everything has been delivered\n',
    );
    expect(reportDocument(empty)).toMatchObject({
      scope: { allNamespaces: false, namespace: 'rke2', cluster: 'c2' },
      everythingDelivered: true,
    });
  });
});

describe('scope in words', () => {
  it.each([
    [{}, 'all namespaces'],
    [{ namespace: 'a' }, 'namespace a'],
    [
      { namespace: 'a', cluster: 'c', profile: { kind: 'Profile' as const, name: 'p' } },
      'namespace a, cluster c, Profile p',
    ],
  ])('%j → %s', (scope, words) => {
    expect(describeScope(scope)).toBe(words);
    expect(deliveredMessage(scope)).toBe(
      `No ConfigurationGroups in ${words}: everything has been delivered`,
    );
  });
});
