// Re-applies every inventory of the managed cluster when the agent starts: the bundles are gone
// once provisioned, so the inventory is the only copy of what this cluster must run. Repairs drift
// that happened while the agent was down and finishes an apply a crash interrupted. Needs only
// the local cluster (works through a management outage). A corrupt inventory is reported and
// skipped, never partly applied.
import { createApplyTarget } from '../lib/apply-objects.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { Logger } from '../lib/logger.js';
import { applyRecorded } from './inventory-apply.js';
import { InventoryStore } from './inventory.js';
import type { InventoryRecord } from './inventory.js';
import type { AgentMetrics } from './metrics.js';
import { failureMessageOf } from './group-apply.js';

/** Outcome of one re-apply pass. */
export interface RestoreSummary {
  applied: number;
  failed: number;
}

/**
 * Re-applies each inventory once. Throws only when the inventories cannot be listed (the caller
 * retries); a failing inventory is logged, counted and left for the next start or group.
 */
export async function restoreInventories(
  local: KubeHttpClient,
  deps: { logger: Logger; metrics: AgentMetrics; stopped?: () => boolean },
): Promise<RestoreSummary> {
  const target = createApplyTarget(local);
  const store = new InventoryStore(local);
  const summary: RestoreSummary = { applied: 0, failed: 0 };
  for (const record of await store.list()) {
    if (deps.stopped?.()) break;
    const ok = await restoreOne(target, store, record, deps.logger);
    summary[ok ? 'applied' : 'failed']++;
    deps.metrics.restores.inc({ result: ok ? 'Applied' : 'Failed' });
  }
  return summary;
}

async function restoreOne(
  target: ReturnType<typeof createApplyTarget>,
  store: InventoryStore,
  record: InventoryRecord,
  logger: Logger,
): Promise<boolean> {
  const { kind, name, feature } = record.requestor;
  const fields = { requestor: `${kind}/${name}`, feature, inventory: record.name };
  try {
    const objects = await store.content(record);
    await applyRecorded(target, store, record, objects);
    logger.info('Re-applied inventory', { ...fields, objects: objects.length });
    return true;
  } catch (err) {
    logger.warn('Failed to re-apply inventory', { ...fields, error: failureMessageOf(err) });
    return false;
  }
}
