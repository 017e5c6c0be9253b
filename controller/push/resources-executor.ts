// Executes the Resources feature in a push-mode cluster: reads the live owner of each desired
// object, applies what this summary may own (server-side apply, field manager
// sveltos-controller), reports conflicts naming the winner, and deletes what it deployed
// earlier and no longer wants; withdrawal deletes everything it owns. Decisions are
// resources-plan.ts; this module only does the I/O. Tests: push-deliverer.test.ts (lab).
import { REASON_LABEL } from '../../api/labels.js';
import {
  applyObjects,
  deleteObjects,
  getObject,
  listObjects,
  normaliseNamespaces,
} from '../../lib/apply-objects.js';
import type { KubeObject, ObjectRef } from '../../lib/kube-client.js';
import type { ControllerContext } from '../context.js';
import type { DesiredFeature, FeatureOutcome, FeatureTarget } from '../features/feature-types.js';
import { describeOwner, ownerOfTarget, readOwner, sameOwner } from '../features/owner-labels.js';
import type { FeatureOwner } from '../features/owner-labels.js';
import { resolveResources } from '../features/resolve-resources.js';
import type { ManagedAccess } from './cluster-access.js';
import { ownerLiveness } from './ownership-predicates.js';
import { handOver } from './previous-owner.js';
import {
  kindsOf,
  ownedBy,
  parseGvk,
  planResources,
  recordedKinds,
  refOf,
  staleObjects,
} from './resources-plan.js';
import type { ObservedObject } from './resources-plan.js';

/** Field manager of everything the push deliverer applies. */
export const FIELD_MANAGER = 'sveltos-controller';

const SELECTOR = `${REASON_LABEL}=Resources`;

/**
 * Deploys the desired objects. Returns Provisioned only when every object was applied and
 * every stale one deleted; conflicts give Failed naming the winners (the rest is still applied
 * when the profile sets continueOnConflict). Throws ApplyError naming the object on API errors.
 */
export async function deployResources(
  access: ManagedAccess,
  target: FeatureTarget,
  desired: DesiredFeature,
  ctx: ControllerContext,
): Promise<FeatureOutcome> {
  const me = ownerOfTarget(target);
  const objects = await normaliseNamespaces(access.apply, desired.objects ?? []);
  const plan = planResources(me, await observe(access, objects, me, ctx));
  const continueOnConflict = target.summary.spec?.clusterProfileSpec?.continueOnConflict === true;
  const conflictMessage = plan.conflicts.map((c) => c.message).join('; ');
  if (plan.conflicts.length > 0 && !continueOnConflict) {
    return { status: 'Failed', failureMessage: conflictMessage, conflict: true };
  }
  await applyObjects(access.apply, plan.apply, {
    fieldManager: FIELD_MANAGER,
    force: true,
    signal: ctx.signal,
  });
  for (const t of plan.takeovers) {
    ctx.logger.info('Took over resource', { ...refOf(t.obj), cluster: access.key, why: t.why });
    const what = `${t.obj.kind} ${t.obj.metadata.namespace ? `${t.obj.metadata.namespace}/` : ''}${t.obj.metadata.name}`;
    await handOver(
      ctx,
      t.previous,
      'Resources',
      `${what} in cluster ${access.key} is now managed by ${describeOwner(me)} (${t.why})`,
    );
  }
  const stale = await ownedLive(access, target, me, kindsOf(objects)).then((live) =>
    staleObjects(me, live, objects),
  );
  await deleteObjects(access.apply, stale, { signal: ctx.signal });
  report(ctx, target, stale, ['ResourcesDeleted', 'no longer in the profile']);
  const deployedGroupVersionKind = kindsOf(plan.apply);
  if (plan.conflicts.length > 0) {
    return {
      status: 'Failed',
      failureMessage: conflictMessage,
      deployedGroupVersionKind,
      conflict: true,
    };
  }
  return { status: 'Provisioned', deployedGroupVersionKind };
}

/** Deletes every object this summary owns in the cluster; Removed when none is left. */
export async function withdrawResources(
  access: ManagedAccess,
  target: FeatureTarget,
  ctx: ControllerContext,
): Promise<FeatureOutcome> {
  const me = ownerOfTarget(target);
  const live = await ownedLive(access, target, me, desiredKinds(target, ctx));
  const refs = live.map(refOf);
  await deleteObjects(access.apply, refs, { signal: ctx.signal });
  report(ctx, target, refs, ['ResourcesWithdrawn', 'withdrawn']);
  return { status: 'Removed' };
}

async function observe(
  access: ManagedAccess,
  objects: readonly KubeObject[],
  me: FeatureOwner,
  ctx: ControllerContext,
): Promise<ObservedObject[]> {
  const out: ObservedObject[] = [];
  for (const desired of objects) {
    const live = await getObject(access.apply, refOf(desired));
    const currentOwner = live ? readOwner(live.metadata) : undefined;
    const currentLive =
      currentOwner && !sameOwner(currentOwner, me)
        ? ownerLiveness(currentOwner, ctx.stores.summaries, access.cluster)
        : '';
    out.push({ desired, currentOwner, currentLive });
  }
  return out;
}

/**
 * Live objects this owner deployed, over the kinds it recorded in status plus `extraKinds`
 * (so nothing is orphaned when status was not written, e.g. after a crash).
 */
async function ownedLive(
  access: ManagedAccess,
  target: FeatureTarget,
  me: FeatureOwner,
  extraKinds: readonly string[],
): Promise<KubeObject[]> {
  const kinds = new Set([...recordedKinds(target.summary, 'Resources'), ...extraKinds]);
  const out: KubeObject[] = [];
  for (const text of [...kinds].sort()) {
    const gvk = parseGvk(text);
    if (!gvk) continue;
    const live = await listObjects(access.apply, gvk, SELECTOR);
    out.push(...live.filter((obj) => ownedBy(me, obj)));
  }
  return out;
}

/** Kinds the profile would deploy now, when its sources can still be read. */
function desiredKinds(target: FeatureTarget, ctx: ControllerContext): string[] {
  try {
    return kindsOf(resolveResources(target, ctx.stores).objects ?? []);
  } catch {
    return [];
  }
}

function report(
  ctx: ControllerContext,
  target: FeatureTarget,
  refs: ObjectRef[],
  [reason, why]: [string, string],
): void {
  if (refs.length === 0) return;
  const names = refs.map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`);
  const more = refs.length > 10 ? ` and ${refs.length - 10} more` : '';
  ctx.events.normal(
    target.summary,
    reason,
    `Deleted ${refs.length} resource(s) ${why}: ${names.slice(0, 10).join(', ')}${more}`,
  );
}
