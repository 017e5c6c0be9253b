// What the ClusterSummary reconciler needs besides the ControllerContext: the feature resolver
// and one deliverer per cluster mode, injected so tests can pass in-test implementations and
// the process wires the real push (controller/push) and pull (controller/pull) deliverers.
import type { ClusterSummary, SveltosCluster } from '../../api/types/index.js';
import type {
  FeatureDeliverer,
  FeatureResolver,
  FeatureTarget,
} from '../features/feature-types.js';
import { ownerOfSummary } from '../profiles/summary-builder.js';

export interface SummaryDeps {
  resolve: FeatureResolver;
  push: FeatureDeliverer;
  pull: FeatureDeliverer;
  /** Periodic resync of a summary so drift in sources is caught without events (default 5 min). */
  resyncMs?: number;
  /** How soon a Provisioning feature is looked at again when its deliverer gives no hint. */
  provisioningRecheckMs?: number;
}

export const DEFAULT_RESYNC_MS = 5 * 60_000;
export const DEFAULT_PROVISIONING_RECHECK_MS = 5_000;

/** The deliverer for the cluster's mode (`spec.pullMode`). */
export function delivererFor(deps: SummaryDeps, cluster: SveltosCluster): FeatureDeliverer {
  return cluster.spec?.pullMode ? deps.pull : deps.push;
}

/** The FeatureTarget of a summary; undefined when the summary names no owner profile. */
export function targetOf(
  summary: ClusterSummary,
  cluster: SveltosCluster,
): FeatureTarget | undefined {
  const owner = ownerOfSummary(summary);
  if (!owner) return undefined;
  return {
    summary,
    cluster,
    profileKind: owner.kind,
    profileName: owner.name,
    tier: summary.spec?.clusterProfileSpec?.tier ?? 100,
  };
}
