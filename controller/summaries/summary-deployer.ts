// The executor half of a ClusterSummary reconcile: for each feature, resolve what it must
// deploy, classify it with determineFeatureState, call the cluster mode's deliverer when it is
// OutOfSync, and record the outcome. Returns the status changes and what the reconcile should
// return; never writes status itself (the reconciler does, once).
import type { FeatureID, FeatureSummary, SveltosCluster } from '../../api/types/index.js';
import type { ControllerContext } from '../context.js';
import type { DesiredFeature, FeatureOutcome, FeatureTarget } from '../features/feature-types.js';
import { describeProfile } from '../profiles/profile-ref.js';
import type { AnyProfile } from '../profiles/profile-ref.js';
import {
  DEFAULT_MAX_CONSECUTIVE_FAILURES,
  deliveryBlocker,
  determineFeatureState,
  outcomeOfError,
  recordOutcome,
} from './feature-state-plan.js';
import { featuresToReconcile } from './feature-list.js';
import { DEFAULT_PROVISIONING_RECHECK_MS, delivererFor } from './summary-deps.js';
import type { SummaryDeps } from './summary-deps.js';
import type { StatusChanges } from './summary-status-plan.js';

/** What one pass over the features produced. */
export interface DeployPass extends StatusChanges {
  /** Features that failed and will be retried (with backoff). */
  failed: string[];
  /** Shortest delay a deliverer asked for (e.g. waiting for a pull agent). */
  recheckAfterMs?: number;
  /** Why nothing was delivered, when the cluster cannot take deliveries. */
  blocked?: string;
}

function recordedOf(target: FeatureTarget, feature: FeatureID): FeatureSummary | undefined {
  return target.summary.status?.featureSummaries?.find((f) => f.featureID === feature);
}

/** One pass over a summary's features. */
interface Run {
  ctx: ControllerContext;
  deps: SummaryDeps;
  target: FeatureTarget;
  pass: DeployPass;
}

/**
 * The cluster as delivery sees it: pull-mode staging never dials the cluster, so its readiness
 * (the agent's heartbeat) does not gate it — bundles wait for the agent to come back.
 */
export function deliveryView(cluster: SveltosCluster): SveltosCluster {
  if (!cluster.spec?.pullMode) return cluster;
  return { ...cluster, status: { ...cluster.status, ready: true } };
}

/** Runs every feature of the summary in deploy order. */
export async function deployFeatures(
  ctx: ControllerContext,
  deps: SummaryDeps,
  target: FeatureTarget,
): Promise<DeployPass> {
  const run: Run = { ctx, deps, target, pass: { features: [], failed: [] } };
  const blocked = deliveryBlocker(deliveryView(target.cluster));
  if (blocked) {
    run.pass.blocked = blocked;
    return run.pass;
  }
  for (const feature of featuresToReconcile(target.summary)) await deployOne(run, feature);
  return run.pass;
}

async function deployOne(run: Run, feature: FeatureID): Promise<void> {
  const { ctx, deps, target } = run;
  const recorded = recordedOf(target, feature);
  let desired: DesiredFeature;
  try {
    desired = await deps.resolve(target, feature, ctx);
  } catch (err) {
    finish(run, recorded, { feature, hash: recorded?.hash ?? '' }, outcomeOfError(err));
    return;
  }
  const syncMode = target.summary.spec?.clusterProfileSpec?.syncMode;
  const decision = determineFeatureState(desired, recorded, syncMode, deliveryView(target.cluster));
  if (decision.state !== 'OutOfSync') return;
  ctx.logger.debug('Delivering feature', {
    summary: target.summary.metadata.name,
    feature,
    reason: decision.reason,
  });
  finish(run, recorded, desired, await deliverOrRefuse(run, desired));
}

/** DryRun reports are not built yet: say so instead of deploying (or silently skipping). */
export const DRY_RUN_UNSUPPORTED =
  'syncMode DryRun is not supported yet: nothing was deployed; use Continuous or OneTime';

async function deliverOrRefuse(run: Run, desired: DesiredFeature): Promise<FeatureOutcome> {
  const { ctx, deps, target } = run;
  if (target.summary.spec?.clusterProfileSpec?.syncMode === 'DryRun') {
    return { status: 'FailedNonRetriable', failureMessage: DRY_RUN_UNSUPPORTED };
  }
  try {
    return await delivererFor(deps, target.cluster).deploy(target, desired, ctx);
  } catch (err) {
    return outcomeOfError(err);
  }
}

function finish(
  run: Run,
  recorded: FeatureSummary | undefined,
  desired: DesiredFeature,
  outcome: FeatureOutcome,
): void {
  const spec = run.target.summary.spec?.clusterProfileSpec;
  const next = recordOutcome({
    desired,
    recorded,
    outcome,
    now: run.ctx.clock.now(),
    maxFailures: spec?.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES,
  });
  run.pass.features.push(next);
  if (desired.feature === 'Helm' && outcome.helmReleaseSummaries) {
    run.pass.helmReleaseSummaries = outcome.helmReleaseSummaries;
  }
  noteRetryHints(run.pass, next, outcome);
  announceTransition(run, recorded, next);
}

function noteRetryHints(pass: DeployPass, next: FeatureSummary, outcome: FeatureOutcome): void {
  if (next.status === 'Failed') {
    pass.failed.push(`${next.featureID}: ${next.failureMessage ?? 'failed'}`);
  }
  if (next.status === 'Provisioning' || outcome.requeueAfterMs) {
    const ms = outcome.requeueAfterMs ?? DEFAULT_PROVISIONING_RECHECK_MS;
    pass.recheckAfterMs = Math.min(pass.recheckAfterMs ?? ms, ms);
  }
}

/** An Event on the owner profile when a feature's status changes. */
function announceTransition(
  run: Run,
  before: FeatureSummary | undefined,
  after: FeatureSummary,
): void {
  if (before && before.status === after.status && before.hash === after.hash) return;
  const { ctx, target } = run;
  const subject = ownerProfileOf(ctx, target) ?? target.summary;
  const what = `${after.featureID} of ${describeTarget(target)}`;
  if (after.status === 'Provisioned') {
    ctx.events.normal(subject, 'FeatureProvisioned', `Provisioned ${what}`);
  } else if (after.status === 'Failed' || after.status === 'FailedNonRetriable') {
    ctx.events.warning(subject, 'FeatureFailed', `Failed ${what}: ${after.failureMessage ?? ''}`);
  }
}

/** The owner profile from the cache (undefined once deleted). */
export function ownerProfileOf(
  ctx: ControllerContext,
  target: FeatureTarget,
): AnyProfile | undefined {
  return target.profileKind === 'ClusterProfile'
    ? ctx.stores.clusterProfiles.get(target.profileName)
    : ctx.stores.profiles.get(target.profileName, target.summary.metadata.namespace);
}

/** `ClusterProfile x in cluster ns/name`, for messages. */
export function describeTarget(target: FeatureTarget): string {
  const profile = describeProfile({
    kind: target.profileKind,
    name: target.profileName,
    namespace: target.summary.metadata.namespace,
  });
  const c = target.cluster.metadata;
  return `${profile} in cluster ${c.namespace ?? ''}/${c.name ?? ''}`;
}
