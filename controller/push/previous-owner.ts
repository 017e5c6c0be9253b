// What happens to the previous owner when a profile takes over a release or object it held (a
// lower tier, or an owner that gave it up): a Warning Event on its ClusterSummary and, as Sveltos
// does, that feature's recorded hash reset, so its summary is reconciled again (watches.ts
// requeues a summary whose hash was reset) and reports the Conflict instead of a stale
// Provisioned. Never fails the new owner's delivery. Tests: previous-owner.test.ts.
import { CLUSTER_SUMMARY } from '../../api/gvk.js';
import type { ClusterSummary, FeatureID } from '../../api/types/index.js';
import type { ControllerContext } from '../context.js';
import type { FeatureOwner } from '../features/owner-labels.js';
import { writeStatus } from '../operations/status-writer.js';
import { notifyTakenOver } from './ownership-predicates.js';

/** The previous owner's status with `feature`'s hash removed (undefined when nothing to reset). */
export function statusWithHashReset(
  summary: ClusterSummary,
  feature: FeatureID,
): ClusterSummary['status'] | undefined {
  const features = summary.status?.featureSummaries ?? [];
  if (!features.some((f) => f.featureID === feature && f.hash)) return undefined;
  return {
    ...summary.status,
    featureSummaries: features.map((f) => {
      if (f.featureID !== feature) return f;
      const { hash: _hash, ...rest } = f;
      return rest;
    }),
  };
}

/** Tells `previous` it lost something of `feature` to another owner (see the module header). */
export async function handOver(
  ctx: ControllerContext,
  previous: FeatureOwner,
  feature: FeatureID,
  message: string,
): Promise<void> {
  notifyTakenOver({ summaries: ctx.stores.summaries, events: ctx.events }, previous, message);
  const [ns, name] = previous.summary.split('/', 2);
  const summary = ns && name ? ctx.stores.summaries.get(name, ns) : undefined;
  const status = summary ? statusWithHashReset(summary, feature) : undefined;
  if (!summary || !status || summary.metadata.deletionTimestamp) return;
  try {
    await writeStatus(ctx.mgmt.http, CLUSTER_SUMMARY, summary, status);
  } catch (err) {
    ctx.logger.warn('Failed to reset the previous owner’s feature hash', {
      summary: previous.summary,
      feature,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
