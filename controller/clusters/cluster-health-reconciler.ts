// The SveltosCluster health reconciler (key `namespace/name`): push-mode clusters are probed
// with GET /version over their kept-alive client (short timeout, so an unreachable cluster holds
// one worker for at most that long and never stalls the others); pull-mode clusters are never
// dialled, only their agent's heartbeat is judged. The plan is health-plan.ts; status goes
// through the status writer (only when it changed), then the key is requeued for the next probe.
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { SveltosCluster, SveltosClusterStatus } from '../../api/types/index.js';
import { kubeconfigSecretOf } from '../../lib/cluster-kubeconfig.js';
import { done, requeueAfter } from '../../lib/reconcile-result.js';
import type { ReconcileResult } from '../../lib/reconcile-result.js';
import type { ControllerContext } from '../context.js';
import { FreshObjects } from '../operations/fresh-objects.js';
import { writeStatus } from '../operations/status-writer.js';
import { planPullHealth, planPushHealth } from './health-plan.js';
import type { ProbeResult } from './health-plan.js';
import { stampVersionLabel } from './version-label.js';

/** Probe timeout: half the interval, between 1 s and 10 s. */
export function probeTimeoutMs(healthIntervalMs: number): number {
  return Math.min(10_000, Math.max(1_000, Math.floor(healthIntervalMs / 2)));
}

/** Builds the reconcile function of the cluster health controller. */
export function createClusterHealthReconciler(
  ctx: ControllerContext,
): (key: string) => Promise<ReconcileResult> {
  // Read-your-writes, so a probe never counts on a failure count the cache has not caught up with.
  const fresh = new FreshObjects<SveltosCluster>();
  return (key) => reconcileClusterHealth(ctx, fresh, key);
}

async function reconcileClusterHealth(
  ctx: ControllerContext,
  fresh: FreshObjects<SveltosCluster>,
  key: string,
): Promise<ReconcileResult> {
  const slash = key.indexOf('/');
  const cluster = fresh.freshest(
    key,
    ctx.stores.clusters.get(key.slice(slash + 1), key.slice(0, slash)),
  );
  if (!cluster || cluster.metadata.deletionTimestamp) {
    ctx.clusterClients.forget(key);
    return done();
  }
  const interval = ctx.options.healthIntervalMs;
  if (cluster.spec?.pullMode) {
    const plan = planPullHealth(cluster, ctx.clock.now(), ctx.options.agentTimeoutMs);
    await recordAndLabel(ctx, { cache: fresh, key }, cluster, plan.status);
    return requeueAfter(Math.min(plan.recheckAfterMs, interval));
  }
  const probe = await probeVersion(ctx, cluster);
  await recordAndLabel(ctx, { cache: fresh, key }, cluster, planPushHealth(cluster, probe));
  return requeueAfter(interval);
}

/** GET /version of a push cluster; failures become a message naming the cause. */
export async function probeVersion(
  ctx: ControllerContext,
  cluster: SveltosCluster,
): Promise<ProbeResult> {
  const ref = kubeconfigSecretOf(cluster);
  try {
    const connection = ctx.clusterClients.get(
      cluster,
      ctx.stores.secrets.get(ref.name, ref.namespace),
    );
    const version = await connection.http.request<{ gitVersion?: string }>({
      method: 'GET',
      path: '/version',
      timeoutMs: probeTimeoutMs(ctx.options.healthIntervalMs),
      op: { verb: 'get', kind: 'version' },
      signal: ctx.signal,
    });
    if (!version?.gitVersion)
      return { ok: false, message: 'The /version answer has no gitVersion' };
    return { ok: true, version: version.gitVersion };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

async function recordAndLabel(
  ctx: ControllerContext,
  fresh: { cache: FreshObjects<SveltosCluster>; key: string },
  cluster: SveltosCluster,
  status: SveltosClusterStatus,
): Promise<void> {
  const written = await record(ctx, cluster, status);
  remember(fresh.cache, fresh.key, cluster, written);
  await stampVersionLabel(ctx, { ...cluster, status: written?.status ?? status });
}

function remember(
  fresh: FreshObjects<SveltosCluster>,
  key: string,
  base: SveltosCluster,
  written: SveltosCluster | undefined,
): void {
  if (written) fresh.remember(key, base.metadata.resourceVersion, written);
}

async function record(
  ctx: ControllerContext,
  cluster: SveltosCluster,
  status: SveltosClusterStatus,
): Promise<SveltosCluster | undefined> {
  const before = cluster.status ?? {};
  const written = await writeStatus(ctx.mgmt.http, SVELTOS_CLUSTER, cluster, status);
  if (!written) return undefined;
  announce(ctx, cluster, before, status);
  return written;
}

function announce(
  ctx: ControllerContext,
  cluster: SveltosCluster,
  before: SveltosClusterStatus,
  status: SveltosClusterStatus,
): void {
  const name = `${cluster.metadata.namespace ?? ''}/${cluster.metadata.name ?? ''}`;
  if (before.ready !== status.ready || before.connectionStatus !== status.connectionStatus) {
    const fields = {
      cluster: name,
      ready: status.ready,
      connectionStatus: status.connectionStatus,
      version: status.version,
    };
    if (status.ready) {
      ctx.logger.info('Cluster became ready', fields);
      ctx.events.normal(
        cluster,
        'ClusterReady',
        `Cluster ${name} is ready (${status.version ?? 'version unknown'})`,
      );
    } else {
      ctx.logger.warn('Cluster is not ready', { ...fields, failureMessage: status.failureMessage });
      ctx.events.warning(
        cluster,
        'ClusterNotReady',
        status.failureMessage ?? `Cluster ${name} is not ready`,
      );
    }
  }
}
