import { describe, expect, it } from 'vitest';
import {
  aCluster,
  aClusterProfile,
  aProfile,
  aSummary,
} from '../../test/support/controller-builders.js';
import { buildSummary } from '../profiles/summary-builder.js';
import { memoryStore } from '../../test/support/feature-fixtures.js';
import { featureHashReset, referencesSource, summariesAfterWithdrawal } from './summary-mappers.js';

const cluster = aCluster('fleet/c1').build();

describe('referencesSource', () => {
  const byClusterProfile = aSummary(
    buildSummary(
      aClusterProfile('p')
        .withSpec({
          policyRefs: [
            { kind: 'ConfigMap', name: 'same-ns' },
            { kind: 'Secret', name: 'creds', namespace: 'vault' },
          ],
          helmCharts: [
            {
              repositoryURL: 'u',
              releaseName: 'r',
              releaseNamespace: 'n',
              valuesFrom: [{ kind: 'ConfigMap', name: 'values', namespace: 'cfg' }],
            },
          ],
        })
        .build(),
      cluster,
    ),
  );
  const byProfile = aSummary(
    buildSummary(
      aProfile('fleet/q')
        .withSpec({ policyRefs: [{ kind: 'ConfigMap', name: 'own', namespace: 'elsewhere' }] })
        .build(),
      cluster,
    ),
  );
  const cases = [
    {
      name: "an empty namespace as the cluster's namespace",
      s: byClusterProfile,
      src: { kind: 'ConfigMap' as const, namespace: 'fleet', name: 'same-ns' },
      hit: true,
    },
    {
      name: 'a Secret in its own namespace',
      s: byClusterProfile,
      src: { kind: 'Secret' as const, namespace: 'vault', name: 'creds' },
      hit: true,
    },
    {
      name: 'a Helm valuesFrom ConfigMap',
      s: byClusterProfile,
      src: { kind: 'ConfigMap' as const, namespace: 'cfg', name: 'values' },
      hit: true,
    },
    {
      name: 'the same name of the other kind',
      s: byClusterProfile,
      src: { kind: 'Secret' as const, namespace: 'fleet', name: 'same-ns' },
      hit: false,
    },
    {
      name: "a Profile's reference as its own namespace",
      s: byProfile,
      src: { kind: 'ConfigMap' as const, namespace: 'fleet', name: 'own' },
      hit: true,
    },
  ];
  it.each(cases)('reads $name', ({ s, src, hit }) => expect(referencesSource(s, src)).toBe(hit));
});

describe('summariesAfterWithdrawal', () => {
  const c1 = aCluster('fleet/c1').build();
  const c2 = aCluster('fleet/c2').build();
  const summaryOf = (profile: string, cluster = c1): ReturnType<typeof aSummary> =>
    aSummary(buildSummary(aClusterProfile(profile).build(), cluster));
  const loser = summaryOf('loser');
  loser.status = {
    featureSummaries: [{ featureID: 'Helm', status: 'Failed', hash: 'h' }],
    helmReleaseSummaries: [
      { releaseName: 'r', releaseNamespace: 'n', status: 'Conflict', conflictMessage: 'x' },
    ],
  };
  const gaveUp = summaryOf('gave-up');
  gaveUp.status = { featureSummaries: [{ featureID: 'Resources', status: 'FailedNonRetriable' }] };
  const happy = summaryOf('happy');
  happy.status = { featureSummaries: [{ featureID: 'Helm', status: 'Provisioned' }] };
  const elsewhere = summaryOf('elsewhere', c2);
  elsewhere.status = loser.status;
  const winner = summaryOf('winner');

  it('names the losers and failing summaries of the withdrawn summary’s cluster only', () => {
    const store = memoryStore([loser, gaveUp, happy, elsewhere]);
    expect(summariesAfterWithdrawal(store, winner).sort()).toEqual([
      `fleet/${gaveUp.metadata.name}`,
      `fleet/${loser.metadata.name}`,
    ]);
  });

  it('never names the withdrawn summary itself', () => {
    expect(summariesAfterWithdrawal(memoryStore([loser]), loser)).toEqual([]);
  });
});

describe('featureHashReset', () => {
  const base = aSummary(buildSummary(aClusterProfile('p').build(), cluster), [
    { featureID: 'Helm', status: 'Provisioned', hash: 'h1' },
    { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
  ]);
  const withFeatures = (features: typeof base.status): typeof base => ({
    ...base,
    status: features,
  });

  it('is true when a recorded hash was removed', () => {
    const reset = withFeatures({
      featureSummaries: [
        { featureID: 'Helm', status: 'Provisioned' },
        { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
      ],
    });
    expect(featureHashReset(reset, base)).toBe(true);
  });

  it('is false for a new hash, a removed feature, or a new summary', () => {
    const changed = withFeatures({
      featureSummaries: [
        { featureID: 'Helm', status: 'Provisioned', hash: 'h2' },
        { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
      ],
    });
    expect(featureHashReset(changed, base)).toBe(false);
    const dropped = withFeatures({
      featureSummaries: [{ featureID: 'Resources', status: 'Provisioned', hash: 'r1' }],
    });
    expect(featureHashReset(dropped, base)).toBe(false);
    expect(featureHashReset(base, undefined)).toBe(false);
  });
});
