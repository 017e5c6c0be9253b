import { describe, expect, it } from 'vitest';
import type { FeatureSummary, ObjectReference } from '../../api/types/index.js';
import { aCluster, aClusterProfile, aSummary } from '../../test/support/controller-builders.js';
import { planProfileStatus, summaryProgress } from './profile-status-plan.js';
import { buildSummary } from './summary-builder.js';

const profile = aClusterProfile('p')
  .selecting({ env: 'prod' })
  .withSpec({
    helmCharts: [
      {
        repositoryURL: 'https://x',
        releaseName: 'r',
        releaseNamespace: 'n',
        chartName: 'x/r',
        chartVersion: '1',
      },
    ],
    policyRefs: [{ kind: 'ConfigMap', name: 'cm' }],
  })
  .build();
const c1 = aCluster('fleet/c1').build();
const c2 = aCluster('fleet/c2').build();
const ref = (name: string): ObjectReference => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'SveltosCluster',
  namespace: 'fleet',
  name,
});
const f = (
  featureID: FeatureSummary['featureID'],
  status: FeatureSummary['status'],
  failureMessage?: string,
): FeatureSummary => ({
  featureID,
  status,
  ...(failureMessage ? { failureMessage } : {}),
});

describe('summaryProgress', () => {
  const cases = [
    {
      name: 'no summary yet',
      features: undefined,
      expected: { state: 'updating', reason: 'ClusterSummary not created yet' },
    },
    {
      name: 'every feature Provisioned',
      features: [f('Helm', 'Provisioned'), f('Resources', 'Provisioned')],
      expected: { state: 'updated' },
    },
    {
      name: 'a feature not yet recorded',
      features: [f('Helm', 'Provisioned')],
      expected: { state: 'updating', reason: 'Resources not provisioned yet' },
    },
    {
      name: 'a failed feature',
      features: [
        f('Helm', 'FailedNonRetriable', 'chart 9.9.9 not found'),
        f('Resources', 'Provisioned'),
      ],
      expected: { state: 'failed', failureMessage: 'Helm: chart 9.9.9 not found' },
    },
  ];
  it.each(cases)('is right for $name', ({ features, expected }) => {
    const summary = features ? aSummary(buildSummary(profile, c1), features) : undefined;
    expect(summaryProgress(summary)).toEqual(expected);
  });
});

describe('planProfileStatus', () => {
  it('sorts matching clusters into updated, updating and failed, keeping other status fields', () => {
    const summaries = [
      aSummary(buildSummary(profile, c1), [
        f('Helm', 'Provisioned'),
        f('Resources', 'Provisioned'),
      ]),
      aSummary(buildSummary(profile, c2), [f('Helm', 'Failed', 'boom')]),
    ];
    const status = planProfileStatus(
      { dependenciesHash: 'x' },
      [ref('c1'), ref('c2'), ref('c3')],
      summaries,
    );
    expect(status).toEqual({
      dependenciesHash: 'x',
      matchingClusters: [ref('c1'), ref('c2'), ref('c3')],
      updatedClusters: { clusters: [ref('c1')] },
      updatingClusters: { clusters: [ref('c3')] },
      failedClusters: [{ clusterRef: ref('c2'), failureMessage: 'Helm: boom' }],
    });
  });

  it('omits empty lists, as Sveltos does', () => {
    const status = planProfileStatus(
      { matchingClusters: [ref('c1')], updatedClusters: { clusters: [ref('c1')] } },
      [],
      [],
    );
    expect(status).toEqual({});
  });
});
