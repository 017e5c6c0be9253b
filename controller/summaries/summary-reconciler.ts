// The ClusterSummary reconciler (key `namespace/name`): keeps its finalizer, delivers each
// feature through the push or pull deliverer (summary-deployer.ts), withdraws on deletion
// (summary-withdrawal.ts), and writes status once, at the end, only when it changed (STYLE §5).
// Requeues periodically with jitter so drift in referenced sources is caught without events.
import { CLUSTER_SUMMARY } from '../../api/gvk.js';
import { CLUSTER_SUMMARY_FINALIZER } from '../../api/naming.js';
import type { ClusterSummary, SveltosCluster } from '../../api/types/index.js';
import { done, requeueAfter, retry } from '../../lib/reconcile-result.js';
import type { ReconcileResult } from '../../lib/reconcile-result.js';
import type { ControllerContext } from '../context.js';
import type { FeatureTarget } from '../features/feature-types.js';
import { addFinalizer, hasFinalizer, removeFinalizer } from '../operations/finalizers.js';
import { FreshObjects } from '../operations/fresh-objects.js';
import { writeStatus } from '../operations/status-writer.js';
import { DEFAULT_RESYNC_MS, targetOf } from './summary-deps.js';
import type { SummaryDeps } from './summary-deps.js';
import { deployFeatures } from './summary-deployer.js';
import type { DeployPass } from './summary-deployer.js';
import { planSummaryStatus } from './summary-status-plan.js';
import { withdrawFeatures, withdrawalSkipReason } from './summary-withdrawal.js';

/** A feature delivery failed; retried with the queue's capped backoff. */
export class FeatureDeliveryError extends Error {
  override readonly name = 'FeatureDeliveryError';
  readonly reason = 'FeatureFailed';
}

/** Splits `namespace/name`. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Builds the reconcile function of the summaries controller. */
export function createSummaryReconciler(
  ctx: ControllerContext,
  deps: SummaryDeps,
): (key: string) => Promise<ReconcileResult> {
  const fresh = new FreshObjects<ClusterSummary>();
  return (key) => reconcileSummary({ ctx, deps, fresh }, key);
}

interface Reconciler {
  ctx: ControllerContext;
  deps: SummaryDeps;
  /** Read-your-writes: the summary as last written, until the cache catches up. */
  fresh: FreshObjects<ClusterSummary>;
}

async function reconcileSummary(r: Reconciler, key: string): Promise<ReconcileResult> {
  const { ctx } = r;
  const { namespace, name } = splitKey(key);
  const cached = r.fresh.freshest(key, ctx.stores.summaries.get(name, namespace));
  if (!cached) return done();
  const cluster = ctx.stores.clusters.get(
    cached.spec?.clusterName ?? '',
    cached.spec?.clusterNamespace,
  );
  if (cached.metadata.deletionTimestamp) {
    return finalize(r, key, cached, cluster ? targetOf(cached, cluster) : undefined);
  }
  return deliver(r, key, cached, cluster);
}

async function deliver(
  r: Reconciler,
  key: string,
  cached: ClusterSummary,
  cluster: SveltosCluster | undefined,
): Promise<ReconcileResult> {
  const { ctx, deps } = r;
  // The answer to the finalizer patch is the server's current object: act on it.
  const summary = await addFinalizer(
    ctx.mgmt.http,
    CLUSTER_SUMMARY,
    cached,
    CLUSTER_SUMMARY_FINALIZER,
  );
  const target = cluster ? targetOf(summary, cluster) : undefined;
  if (!target) return requeueAfter(deps.resyncMs ?? DEFAULT_RESYNC_MS);
  let pass: DeployPass = { features: [], failed: [] };
  try {
    pass = await deployFeatures(ctx, deps, target);
  } finally {
    const status = planSummaryStatus(summary.status, pass);
    const written = await writeStatus(ctx.mgmt.http, CLUSTER_SUMMARY, summary, status);
    if (written) r.fresh.remember(key, summary.metadata.resourceVersion, written);
  }
  return resultOf(pass, deps);
}

function resultOf(pass: DeployPass, deps: SummaryDeps): ReconcileResult {
  if (pass.failed.length > 0) return retry(new FeatureDeliveryError(pass.failed.join('; ')));
  const resync = deps.resyncMs ?? DEFAULT_RESYNC_MS;
  return requeueAfter(Math.min(pass.recheckAfterMs ?? resync, resync));
}

// Every write here is remembered like deliver's: a wake-up (e.g. the agent reporting a Remove
// group) before the cache shows the released finalizer must not withdraw a second time.
async function finalize(
  r: Reconciler,
  key: string,
  summary: ClusterSummary,
  target: FeatureTarget | undefined,
): Promise<ReconcileResult> {
  const { ctx, deps } = r;
  if (!hasFinalizer(summary, CLUSTER_SUMMARY_FINALIZER)) return done();
  const skip = withdrawalSkipReason(target);
  if (skip || !target) {
    ctx.logger.info('Released ClusterSummary without withdrawal', {
      summary: `${summary.metadata.namespace ?? ''}/${summary.metadata.name ?? ''}`,
      reason: skip,
    });
    await release(r, key, summary);
    return done();
  }
  const pass = await withdrawFeatures(ctx, deps, target);
  if (pass.done) {
    await release(r, key, summary);
    return done();
  }
  const status = planSummaryStatus(summary.status, pass);
  const written = await writeStatus(ctx.mgmt.http, CLUSTER_SUMMARY, summary, status);
  if (written) r.fresh.remember(key, summary.metadata.resourceVersion, written);
  return resultOf(pass, deps);
}

/** Removes our finalizer, remembering the answer (the summary then goes away). */
async function release(r: Reconciler, key: string, summary: ClusterSummary): Promise<void> {
  const { http } = r.ctx.mgmt;
  const after = await removeFinalizer(http, CLUSTER_SUMMARY, summary, CLUSTER_SUMMARY_FINALIZER);
  if (after) r.fresh.remember(key, summary.metadata.resourceVersion, after);
  else r.fresh.forget(key);
}
