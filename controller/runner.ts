// Leadership-dependent part of a controller process: once it leads and its caches are synced it
// registers the management cluster (if asked) and starts the reconcile loops with every cached
// key; when it loses the Lease it stops them. Also answers readiness for /readyz.
import type { ControllerContext } from './context.js';
import { registerManagementCluster } from './clusters/management-cluster.js';
import type { ControllerInformers } from './operations/informers.js';
import { unsyncedInformers } from './operations/informers.js';
import type { ManagementConnection } from './operations/management-connection.js';
import { kubeconfigToYaml } from '../lib/kubeconfig.js';
import { initialKeys } from './watches.js';
import type { ControllerLoops } from './watches.js';
import type { ReconcileLoop } from './operations/reconcile-loop.js';

const REGISTER_RETRY_MS = 5_000;

export class Runner {
  private leading = false;
  private stopping = false;
  private reconciling = false;
  private readonly waiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly connection: ManagementConnection,
    private readonly loops: ControllerLoops,
    private readonly informers: ControllerInformers,
  ) {}

  /** '' when ready: caches synced and either leading or standing by. */
  readiness(): string {
    if (this.stopping) return 'shutting down';
    return unsyncedInformers(this.informers);
  }

  get isLeader(): boolean {
    return this.leading;
  }

  whenReconciling(): Promise<void> {
    if (this.reconciling) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Becomes the active replica: waits for the caches, then starts the loops. */
  async lead(): Promise<void> {
    this.leading = true;
    this.ctx.metrics.setLeader(true);
    await Promise.all(Object.values(this.informers).map((i) => i.waitForSync()));
    if (!this.leading || this.stopping) return;
    if (this.ctx.options.registerManagementCluster) await this.register();
    const keys = initialKeys(this.ctx.stores);
    this.loops.clusters.start(keys.clusters);
    this.loops.profiles.start(keys.profiles);
    this.loops.summaries.start(keys.summaries);
    this.reconciling = true;
    this.waiters.splice(0).forEach((resolve) => resolve());
  }

  /** Stops reconciling (leadership lost or shutdown); in-flight reconciles finish. */
  async standDown(): Promise<void> {
    this.leading = false;
    this.reconciling = false;
    this.ctx.metrics.setLeader(false);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.all(this.allLoops().map((l) => l.stop()));
  }

  async idle(): Promise<void> {
    await Promise.all(this.allLoops().map((l) => l.idle()));
  }

  private allLoops(): ReconcileLoop[] {
    return [this.loops.clusters, this.loops.profiles, this.loops.summaries];
  }

  beginStop(): void {
    this.stopping = true;
  }

  private async register(): Promise<void> {
    try {
      const yaml = kubeconfigToYaml(this.connection.loaded.doc);
      await registerManagementCluster(this.connection.http, yaml, this.ctx.logger);
    } catch (err) {
      this.ctx.logger.error('Failed to register the management cluster, retrying', {
        err: err instanceof Error ? err.message : String(err),
      });
      this.retryTimer = setTimeout(() => void this.register(), REGISTER_RETRY_MS);
      this.retryTimer.unref();
    }
  }
}
