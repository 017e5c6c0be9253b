import { describe, expect, it } from 'vitest';
import { aClusterProfile, aCluster, aSummary } from '../../test/support/controller-builders.js';
import { buildSummary } from '../profiles/summary-builder.js';
import { statusWithHashReset } from './previous-owner.js';

const summary = aSummary(
  buildSummary(aClusterProfile('loser').build(), aCluster('fleet/c1').build()),
  [
    { featureID: 'Helm', status: 'Provisioned', hash: 'h1', lastAppliedTime: 't' },
    { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
  ],
);

describe('statusWithHashReset', () => {
  it('removes only the taken feature’s hash and keeps everything else', () => {
    expect(statusWithHashReset(summary, 'Helm')).toEqual({
      featureSummaries: [
        { featureID: 'Helm', status: 'Provisioned', lastAppliedTime: 't' },
        { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
      ],
    });
  });

  it('has nothing to reset for a feature without a recorded hash', () => {
    expect(statusWithHashReset(summary, 'Kustomize')).toBeUndefined();
    const reset = { ...summary, status: statusWithHashReset(summary, 'Helm') };
    expect(statusWithHashReset(reset, 'Helm')).toBeUndefined();
  });
});
