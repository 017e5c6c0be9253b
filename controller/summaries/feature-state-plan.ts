// The decision for one feature of one ClusterSummary (STYLE §3): from the desired feature, the
// FeatureSummary recorded last time, the profile's syncMode and the cluster's state, a named
// state — InSync (same hash, Provisioned: nothing to do), OutOfSync (deliver), Locked (OneTime,
// already Provisioned once), ClusterNotReady (skip, look again later) or Failed (given up until
// the inputs change) — and how a deliverer's outcome becomes the next FeatureSummary.
// Pure. Tests: feature-state-plan.test.ts.
import type { FeatureSummary, SveltosCluster, SyncMode } from '../../api/types/index.js';
import type { DesiredFeature, FeatureOutcome } from '../features/feature-types.js';

export type FeatureState = 'InSync' | 'OutOfSync' | 'Locked' | 'ClusterNotReady' | 'Failed';

export interface FeatureDecision {
  state: FeatureState;
  reason: string;
}

/** Failed deliveries in a row after which a feature is FailedNonRetriable (unless the spec says). */
export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 10;

/** '' when features may be delivered to the cluster, else why not. */
export function deliveryBlocker(cluster: SveltosCluster | undefined): string {
  if (!cluster) return 'cluster does not exist';
  if (cluster.metadata.deletionTimestamp) return 'cluster is being deleted';
  if (cluster.spec?.paused) return 'cluster is paused';
  if (cluster.status?.ready !== true) {
    const why = cluster.status?.failureMessage;
    return why ? `cluster is not ready: ${why}` : 'cluster is not ready';
  }
  return '';
}

/**
 * Classifies one feature. A feature that failed maxConsecutiveFailures times was recorded as
 * FailedNonRetriable by recordOutcome, so it is Failed here until its hash changes.
 */
export function determineFeatureState(
  desired: DesiredFeature,
  recorded: FeatureSummary | undefined,
  syncMode: SyncMode | undefined,
  cluster: SveltosCluster | undefined,
): FeatureDecision {
  const blocker = deliveryBlocker(cluster);
  if (blocker) return { state: 'ClusterNotReady', reason: blocker };
  if (!recorded) return { state: 'OutOfSync', reason: 'never deployed' };
  if (syncMode === 'OneTime' && recorded.status === 'Provisioned') {
    return { state: 'Locked', reason: 'syncMode OneTime: deployed once, never updated' };
  }
  if (recorded.hash !== desired.hash) return { state: 'OutOfSync', reason: 'hash changed' };
  return classifySameHash(recorded);
}

function classifySameHash(recorded: FeatureSummary): FeatureDecision {
  switch (recorded.status) {
    case 'Provisioned':
      return { state: 'InSync', reason: 'hash unchanged and Provisioned' };
    case 'FailedNonRetriable':
      return {
        state: 'Failed',
        reason: 'failed for good; waiting for the profile or its sources to change',
      };
    default:
      return { state: 'OutOfSync', reason: `status is ${recorded.status ?? 'unknown'}` };
  }
}

/** How the outcome of a delivery (or its exception) is recorded. */
export interface RecordInput {
  desired: DesiredFeature;
  recorded: FeatureSummary | undefined;
  outcome: FeatureOutcome;
  now: number;
  maxFailures?: number;
}

/** The FeatureSummary after a delivery; Failed turns FailedNonRetriable at maxFailures. */
export function recordOutcome(input: RecordInput): FeatureSummary {
  const { desired, recorded, outcome } = input;
  const next: FeatureSummary = {
    featureID: desired.feature,
    hash: desired.hash,
    status: outcome.status,
    ...(recorded?.lastAppliedTime ? { lastAppliedTime: recorded.lastAppliedTime } : {}),
  };
  const gvks = outcome.deployedGroupVersionKind ?? recorded?.deployedGroupVersionKind;
  if (gvks) next.deployedGroupVersionKind = gvks;
  if (outcome.status === 'Provisioned') {
    next.lastAppliedTime = new Date(input.now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return next;
  }
  if (outcome.failureMessage) next.failureMessage = outcome.failureMessage;
  if (outcome.status === 'Failed') {
    return countFailure(next, recorded, outcome.conflict ? Infinity : input.maxFailures);
  }
  return next;
}

function countFailure(
  next: FeatureSummary,
  recorded: FeatureSummary | undefined,
  maxFailures = DEFAULT_MAX_CONSECUTIVE_FAILURES,
): FeatureSummary {
  const previous =
    recorded && recorded.hash === next.hash ? (recorded.consecutiveFailures ?? 0) : 0;
  next.consecutiveFailures = previous + 1;
  if (next.consecutiveFailures >= maxFailures) {
    next.status = 'FailedNonRetriable';
    next.failureMessage = `${next.failureMessage ?? 'Failed'} (gave up after ${next.consecutiveFailures} consecutive failures)`;
  }
  return next;
}

/** The outcome that stands for an exception thrown by resolve or deliver. */
export function outcomeOfError(err: unknown): FeatureOutcome {
  const message = err instanceof Error ? err.message : String(err);
  const nonRetriable = err instanceof Error && err.name === 'NonRetriableError';
  return { status: nonRetriable ? 'FailedNonRetriable' : 'Failed', failureMessage: message };
}
