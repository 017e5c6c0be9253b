// What both deliverers (push and pull) make of an error and how they name a summary in logs:
// NonRetriableError → FailedNonRetriable, anything else → Failed (retried by core with backoff).
import { NonRetriableError } from '../../lib/reconcile-result.js';
import type { FeatureOutcome, FeatureTarget } from './feature-types.js';

/** The outcome recorded for an error thrown while delivering a feature. */
export function failedOutcome(err: unknown): FeatureOutcome {
  const message = err instanceof Error ? err.message : String(err);
  const status = err instanceof NonRetriableError ? 'FailedNonRetriable' : 'Failed';
  return { status, failureMessage: message };
}

/** `namespace/name` of the target's ClusterSummary, for logs. */
export function summaryKey(target: FeatureTarget): string {
  return `${target.summary.metadata.namespace ?? ''}/${target.summary.metadata.name ?? ''}`;
}
