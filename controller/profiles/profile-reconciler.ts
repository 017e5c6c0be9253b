// The ClusterProfile/Profile reconciler (key from profile-ref.ts): keeps the profile's finalizer,
// plans its ClusterSummaries with planMatching and applies the plan (server-side apply for
// create/update, delete for clusters that stopped matching — the summary's own finalizer then
// withdraws), writes status.matchingClusters and progress once per reconcile, and on deletion
// deletes every summary and waits until they are gone before releasing the profile.
import { CLUSTER_SUMMARY } from '../../api/gvk.js';
import { PROFILE_PAUSED_ANNOTATION } from '../../api/labels.js';
import { CLUSTER_PROFILE_FINALIZER, PROFILE_FINALIZER } from '../../api/naming.js';
import type { ClusterSummary } from '../../api/types/index.js';
import { done, requeueAfter } from '../../lib/reconcile-result.js';
import type { ReconcileResult } from '../../lib/reconcile-result.js';
import { objectPath } from '../../lib/resource-paths.js';
import type { ControllerContext } from '../context.js';
import { addFinalizer, removeFinalizer } from '../operations/finalizers.js';
import { writeStatus } from '../operations/status-writer.js';
import { planMatching } from './matching-plan.js';
import type { MatchingPlan } from './matching-plan.js';
import { setsFor } from './profile-mappers.js';
import { describeProfile, kindInfoOf, parseProfileKey, refOfProfile } from './profile-ref.js';
import type { AnyProfile, ProfileRef } from './profile-ref.js';
import { planProfileStatus } from './profile-status-plan.js';
import { ownerOfSummary } from './summary-builder.js';

/** Field manager of the summaries the controller applies. */
export const FIELD_MANAGER = 'sveltos-controller';
const DEFAULT_RESYNC_MS = 10 * 60_000;
const WAIT_FOR_DELETION_MS = 2_000;

function finalizerOf(ref: ProfileRef): string {
  return ref.kind === 'ClusterProfile' ? CLUSTER_PROFILE_FINALIZER : PROFILE_FINALIZER;
}

function getProfile(ctx: ControllerContext, ref: ProfileRef): AnyProfile | undefined {
  return ref.kind === 'ClusterProfile'
    ? ctx.stores.clusterProfiles.get(ref.name)
    : ctx.stores.profiles.get(ref.name, ref.namespace);
}

/** Summaries owned by a profile (by their owner label), from the cache. */
export function ownedSummaries(ctx: ControllerContext, ref: ProfileRef): ClusterSummary[] {
  const pool =
    ref.kind === 'ClusterProfile'
      ? ctx.stores.summaries.list()
      : ctx.stores.summaries.list(ref.namespace);
  return pool.filter((s) => {
    const owner = ownerOfSummary(s);
    return (
      owner?.kind === ref.kind &&
      owner.name === ref.name &&
      (ref.kind === 'ClusterProfile' || owner.namespace === ref.namespace)
    );
  });
}

/** Builds the reconcile function of the profiles controller. */
export function createProfileReconciler(
  ctx: ControllerContext,
  opts: { resyncMs?: number } = {},
): (key: string) => Promise<ReconcileResult> {
  return (key) => reconcileProfile(ctx, key, opts.resyncMs ?? DEFAULT_RESYNC_MS);
}

async function reconcileProfile(
  ctx: ControllerContext,
  key: string,
  resyncMs: number,
): Promise<ReconcileResult> {
  const ref = parseProfileKey(key);
  const profile = ref ? getProfile(ctx, ref) : undefined;
  if (!ref || !profile) return done();
  const owned = ownedSummaries(ctx, ref);
  if (profile.metadata.deletionTimestamp) return finalizeProfile(ctx, profile, owned);
  await addFinalizer(ctx.mgmt.http, kindInfoOf(ref.kind), profile, finalizerOf(ref));
  if (profile.metadata.annotations?.[PROFILE_PAUSED_ANNOTATION] !== undefined) return done();
  const clusters =
    ref.kind === 'ClusterProfile'
      ? ctx.stores.clusters.list()
      : ctx.stores.clusters.list(ref.namespace);
  const plan = planMatching(profile, clusters, setsFor(ctx.stores, profile), owned);
  await executePlan(ctx, profile, plan);
  await writeStatus(
    ctx.mgmt.http,
    kindInfoOf(ref.kind),
    profile,
    planProfileStatus(profile.status, plan.matching, owned),
  );
  return requeueAfter(plan.waitingForDeletion.length > 0 ? WAIT_FOR_DELETION_MS : resyncMs);
}

function clusterOf(summary: ClusterSummary): string {
  return `${summary.spec?.clusterNamespace ?? ''}/${summary.spec?.clusterName ?? ''}`;
}

async function executePlan(
  ctx: ControllerContext,
  profile: AnyProfile,
  plan: MatchingPlan,
): Promise<void> {
  const who = describeProfile(refOfProfile(profile));
  for (const summary of [...plan.summariesToCreate, ...plan.summariesToUpdate]) {
    await applySummary(ctx, summary);
  }
  for (const summary of plan.summariesToCreate) {
    const name = summary.metadata.name ?? '';
    const cluster = clusterOf(summary);
    ctx.logger.info('Created ClusterSummary', { profile: who, cluster, name });
    ctx.events.normal(
      profile,
      'ClusterMatched',
      `Cluster ${cluster} matches: created ClusterSummary ${name}`,
    );
  }
  for (const { summary, reason } of plan.summariesToDelete) {
    await deleteSummary(ctx, summary);
    const name = summary.metadata.name ?? '';
    const cluster = clusterOf(summary);
    ctx.logger.info('Deleted ClusterSummary', { profile: who, cluster, reason, name });
    ctx.events.normal(
      profile,
      'ClusterUnmatched',
      `Cluster ${cluster} no longer matches (${reason}): deleted ClusterSummary ${name}`,
    );
  }
}

async function applySummary(ctx: ControllerContext, summary: ClusterSummary): Promise<void> {
  const { name = '', namespace } = summary.metadata;
  await ctx.mgmt.http.request({
    method: 'PATCH',
    path: objectPath(CLUSTER_SUMMARY, name, namespace),
    query: { fieldManager: FIELD_MANAGER, force: 'true' },
    contentType: 'application/apply-patch+yaml',
    body: summary,
    op: { verb: 'apply', kind: 'ClusterSummary', name, namespace },
  });
}

async function deleteSummary(ctx: ControllerContext, summary: ClusterSummary): Promise<void> {
  const { name = '', namespace } = summary.metadata;
  try {
    await ctx.mgmt.http.request({
      method: 'DELETE',
      path: objectPath(CLUSTER_SUMMARY, name, namespace),
      op: { verb: 'delete', kind: 'ClusterSummary', name, namespace },
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
  }
}

async function finalizeProfile(
  ctx: ControllerContext,
  profile: AnyProfile,
  owned: ClusterSummary[],
): Promise<ReconcileResult> {
  const ref = refOfProfile(profile);
  if (owned.length > 0) {
    for (const summary of owned.filter((s) => !s.metadata.deletionTimestamp))
      await deleteSummary(ctx, summary);
    return requeueAfter(WAIT_FOR_DELETION_MS);
  }
  await removeFinalizer(ctx.mgmt.http, kindInfoOf(ref.kind), profile, finalizerOf(ref));
  ctx.logger.info('Released profile after its ClusterSummaries were deleted', {
    profile: describeProfile(ref),
  });
  return done();
}
