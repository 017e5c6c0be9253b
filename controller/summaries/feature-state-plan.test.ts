import { describe, expect, it } from 'vitest';
import type { FeatureSummary, SyncMode } from '../../api/types/index.js';
import { aCluster } from '../../test/support/controller-builders.js';
import type { DesiredFeature } from '../features/feature-types.js';
import {
  deliveryBlocker,
  determineFeatureState,
  outcomeOfError,
  recordOutcome,
} from './feature-state-plan.js';

const ready = aCluster('fleet/c1').ready().build();
const desired: DesiredFeature = { feature: 'Helm', hash: 'h2' };
const at = (
  status: FeatureSummary['status'],
  hash = 'h2',
  extra: Partial<FeatureSummary> = {},
): FeatureSummary => ({
  featureID: 'Helm',
  hash,
  status,
  ...extra,
});

describe('determineFeatureState', () => {
  const cases: Array<{
    name: string;
    recorded?: FeatureSummary;
    syncMode?: SyncMode;
    cluster?: ReturnType<typeof aCluster>;
    state: string;
    reason?: string;
  }> = [
    { name: 'never deployed', state: 'OutOfSync', reason: 'never deployed' },
    { name: 'same hash and Provisioned', recorded: at('Provisioned'), state: 'InSync' },
    {
      name: 'a changed hash',
      recorded: at('Provisioned', 'h1'),
      state: 'OutOfSync',
      reason: 'hash changed',
    },
    {
      name: 'same hash still Provisioning (pull agent not done)',
      recorded: at('Provisioning'),
      state: 'OutOfSync',
      reason: 'status is Provisioning',
    },
    {
      name: 'same hash and Failed (retry)',
      recorded: at('Failed', 'h2', { consecutiveFailures: 2 }),
      state: 'OutOfSync',
    },
    {
      name: 'same hash and FailedNonRetriable',
      recorded: at('FailedNonRetriable'),
      state: 'Failed',
    },
    {
      name: 'FailedNonRetriable with a new hash',
      recorded: at('FailedNonRetriable', 'h1'),
      state: 'OutOfSync',
    },
    {
      name: 'OneTime already Provisioned with a new hash',
      recorded: at('Provisioned', 'h1'),
      syncMode: 'OneTime',
      state: 'Locked',
    },
    {
      name: 'OneTime not yet Provisioned',
      recorded: at('Failed', 'h1'),
      syncMode: 'OneTime',
      state: 'OutOfSync',
    },
    {
      name: 'a paused cluster',
      cluster: aCluster('fleet/c1').ready().withSpec({ paused: true }),
      state: 'ClusterNotReady',
      reason: 'cluster is paused',
    },
    {
      name: 'a cluster that is not ready',
      cluster: aCluster('fleet/c1').withStatus({
        ready: false,
        failureMessage: 'connection refused',
      }),
      state: 'ClusterNotReady',
      reason: 'cluster is not ready: connection refused',
    },
  ];
  it.each(cases)('classifies $name', (c) => {
    const decision = determineFeatureState(
      desired,
      c.recorded,
      c.syncMode,
      c.cluster?.build() ?? ready,
    );
    expect(decision.state).toBe(c.state);
    if (c.reason) expect(decision.reason).toBe(c.reason);
  });

  it('says why a missing or deleted cluster cannot take deliveries', () => {
    expect(deliveryBlocker(undefined)).toBe('cluster does not exist');
    expect(deliveryBlocker(aCluster('a/b').ready().deleting().build())).toBe(
      'cluster is being deleted',
    );
    expect(deliveryBlocker(ready)).toBe('');
  });
});

describe('recordOutcome', () => {
  const now = Date.parse('2026-03-04T05:06:07.890Z');
  it('records Provisioned with the hash and the time, clearing the last failure', () => {
    const next = recordOutcome({
      desired,
      recorded: at('Failed', 'h2', { consecutiveFailures: 2, failureMessage: 'x' }),
      outcome: { status: 'Provisioned', deployedGroupVersionKind: ['Deployment.v1.apps'] },
      now,
    });
    expect(next).toEqual({
      featureID: 'Helm',
      hash: 'h2',
      status: 'Provisioned',
      lastAppliedTime: '2026-03-04T05:06:07Z',
      deployedGroupVersionKind: ['Deployment.v1.apps'],
    });
  });

  it('counts consecutive failures of the same hash and restarts the count for a new one', () => {
    const failed = { status: 'Failed' as const, failureMessage: 'timeout' };
    expect(
      recordOutcome({
        desired,
        recorded: at('Failed', 'h2', { consecutiveFailures: 1 }),
        outcome: failed,
        now,
      }).consecutiveFailures,
    ).toBe(2);
    expect(
      recordOutcome({
        desired,
        recorded: at('Failed', 'h1', { consecutiveFailures: 4 }),
        outcome: failed,
        now,
      }).consecutiveFailures,
    ).toBe(1);
  });

  it('turns Failed into FailedNonRetriable at maxConsecutiveFailures, saying so', () => {
    const next = recordOutcome({
      desired,
      recorded: at('Failed', 'h2', { consecutiveFailures: 2 }),
      outcome: { status: 'Failed', failureMessage: 'Unreachable' },
      now,
      maxFailures: 3,
    });
    expect(next).toMatchObject({
      status: 'FailedNonRetriable',
      consecutiveFailures: 3,
      failureMessage: 'Unreachable (gave up after 3 consecutive failures)',
    });
  });

  it('never gives up on a tier conflict: the winner may withdraw', () => {
    const next = recordOutcome({
      desired,
      recorded: at('Failed', 'h2', { consecutiveFailures: 9 }),
      outcome: { status: 'Failed', failureMessage: 'managed by ClusterProfile a', conflict: true },
      now,
      maxFailures: 3,
    });
    expect(next).toMatchObject({
      status: 'Failed',
      consecutiveFailures: 10,
      failureMessage: 'managed by ClusterProfile a',
    });
  });

  it('keeps the last applied time while Provisioning', () => {
    const next = recordOutcome({
      desired,
      recorded: at('Provisioned', 'h1', { lastAppliedTime: '2026-01-01T00:00:00Z' }),
      outcome: { status: 'Provisioning' },
      now,
    });
    expect(next).toEqual({
      featureID: 'Helm',
      hash: 'h2',
      status: 'Provisioning',
      lastAppliedTime: '2026-01-01T00:00:00Z',
    });
  });
});

describe('outcomeOfError', () => {
  it('maps NonRetriableError to FailedNonRetriable and anything else to Failed', () => {
    const nonRetriable = Object.assign(new Error('Bad spec'), { name: 'NonRetriableError' });
    expect(outcomeOfError(nonRetriable)).toEqual({
      status: 'FailedNonRetriable',
      failureMessage: 'Bad spec',
    });
    expect(outcomeOfError(new Error('Timed out'))).toEqual({
      status: 'Failed',
      failureMessage: 'Timed out',
    });
  });
});
