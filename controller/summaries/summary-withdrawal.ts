// Withdrawal of a ClusterSummary being deleted (its profile was deleted or stopped matching the
// cluster): each feature it recorded or asks for is withdrawn through the cluster mode's
// deliverer, unless the profile says LeavePolicies or the cluster itself is gone; the finalizer
// is removed only when every feature reports Removed, so a crash in between loses nothing.
import type { FeatureID, FeatureSummary } from '../../api/types/index.js';
import type { ControllerContext } from '../context.js';
import type { FeatureOutcome, FeatureTarget } from '../features/feature-types.js';
import { deliveryBlocker, outcomeOfError } from './feature-state-plan.js';
import { featuresOf } from './feature-list.js';
import { delivererFor } from './summary-deps.js';
import type { SummaryDeps } from './summary-deps.js';
import { deliveryView, describeTarget, ownerProfileOf } from './summary-deployer.js';
import type { DeployPass } from './summary-deployer.js';

/** Why withdrawal is skipped altogether ('' = withdraw). */
export function withdrawalSkipReason(target: FeatureTarget | undefined): string {
  if (!target) return 'cluster no longer exists';
  if (target.cluster.metadata.deletionTimestamp) return 'cluster is being deleted';
  if (target.summary.spec?.clusterProfileSpec?.stopMatchingBehavior === 'LeavePolicies') {
    return 'stopMatchingBehavior is LeavePolicies';
  }
  return '';
}

/** Features with something deployed: recorded and not Removed, or asked for by the spec. */
export function featuresToWithdraw(target: FeatureTarget): FeatureID[] {
  const recorded = (target.summary.status?.featureSummaries ?? [])
    .filter((f) => f.status !== 'Removed')
    .map((f) => f.featureID);
  const wanted = new Set([...recorded, ...featuresOf(target.summary.spec?.clusterProfileSpec)]);
  return [...wanted];
}

/** Withdraws every feature; `done` when all are Removed. */
export async function withdrawFeatures(
  ctx: ControllerContext,
  deps: SummaryDeps,
  target: FeatureTarget,
): Promise<DeployPass & { done: boolean }> {
  const pass: DeployPass & { done: boolean } = { features: [], failed: [], done: true };
  const blocked = deliveryBlocker(deliveryView(target.cluster));
  if (blocked) return { ...pass, blocked, done: false };
  for (const feature of featuresToWithdraw(target)) {
    let outcome: FeatureOutcome;
    try {
      outcome = await delivererFor(deps, target.cluster).withdraw(target, feature, ctx);
    } catch (err) {
      outcome = outcomeOfError(err);
    }
    noteWithdrawal(pass, feature, outcome);
    announceWithdrawal(ctx, target, feature, outcome);
  }
  return pass;
}

function noteWithdrawal(
  pass: DeployPass & { done: boolean },
  feature: FeatureID,
  outcome: FeatureOutcome,
): void {
  pass.features.push(withdrawnSummary(feature, outcome));
  if (feature === 'Helm') pass.helmReleaseSummaries = outcome.helmReleaseSummaries ?? [];
  if (outcome.status !== 'Removed') pass.done = false;
  if (outcome.status === 'Failed') {
    pass.failed.push(`${feature}: ${outcome.failureMessage ?? 'failed'}`);
  }
  const ms = outcome.requeueAfterMs ?? (outcome.status === 'Removed' ? undefined : 2000);
  if (ms !== undefined) pass.recheckAfterMs = Math.min(pass.recheckAfterMs ?? ms, ms);
}

function withdrawnSummary(feature: FeatureID, outcome: FeatureOutcome): FeatureSummary {
  const next: FeatureSummary = { featureID: feature, status: outcome.status };
  if (outcome.failureMessage) next.failureMessage = outcome.failureMessage;
  return next;
}

function announceWithdrawal(
  ctx: ControllerContext,
  target: FeatureTarget,
  feature: FeatureID,
  outcome: FeatureOutcome,
): void {
  const subject = ownerProfileOf(ctx, target) ?? target.summary;
  const what = `${feature} of ${describeTarget(target)}`;
  if (outcome.status === 'Removed')
    ctx.events.normal(subject, 'FeatureRemoved', `Withdrew ${what}`);
  else if (outcome.status === 'Failed' || outcome.status === 'FailedNonRetriable') {
    ctx.events.warning(
      subject,
      'WithdrawFailed',
      `Failed to withdraw ${what}: ${outcome.failureMessage ?? ''}`,
    );
  }
}
