// Binds one reconciler to a WorkQueue and to the controller's metrics and logs: the single
// place where a ReconcileResult is observed (STYLE §4). Keys added before start() are ignored
// (start enqueues every key from the caches), so a standby replica reconciles nothing.
import { WorkQueue } from '../../lib/workqueue.js';
import type { ReconcileResult } from '../../lib/reconcile-result.js';
import type { Logger } from '../../lib/logger.js';
import type { ControllerMetrics } from '../context.js';

export interface ReconcileLoopOptions {
  /** Controller name in metrics and logs: `clusters`, `profiles`, `summaries`. */
  name: string;
  reconcile: (key: string) => Promise<ReconcileResult>;
  workers: number;
  metrics: ControllerMetrics;
  logger: Logger;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

/** The stable reason of an error: its `reason` field, else its class name. */
export function errorReason(err: Error): string {
  const reason = (err as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== '' ? reason : err.name;
}

export class ReconcileLoop {
  private queue: WorkQueue | undefined;

  constructor(private readonly opts: ReconcileLoopOptions) {}

  get name(): string {
    return this.opts.name;
  }

  get running(): boolean {
    return this.queue !== undefined;
  }

  /** Starts the workers with an initial set of keys (everything in the cache). */
  start(keys: Iterable<string>): void {
    if (this.queue) return;
    this.queue = new WorkQueue({
      reconcile: this.opts.reconcile,
      workers: this.opts.workers,
      ...(this.opts.baseBackoffMs ? { baseBackoffMs: this.opts.baseBackoffMs } : {}),
      ...(this.opts.maxBackoffMs ? { maxBackoffMs: this.opts.maxBackoffMs } : {}),
      onResult: (key, result, ms) => this.observe(key, result, ms),
    });
    for (const key of keys) this.add(key);
  }

  add(key: string): void {
    if (!this.queue) return;
    this.queue.add(key);
    this.opts.metrics.setQueueDepth(this.opts.name, this.queue.depth);
  }

  addAfter(key: string, ms: number): void {
    this.queue?.addAfter(key, ms);
  }

  /** Consecutive retries of a key so far (0 after a success). */
  failuresOf(key: string): number {
    return this.queue?.failuresOf(key) ?? 0;
  }

  /** Resolves when no key is queued or running. */
  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  /** Stops taking keys; reconciles in flight finish. */
  async stop(): Promise<void> {
    const queue = this.queue;
    this.queue = undefined;
    await queue?.stop();
  }

  private observe(key: string, result: ReconcileResult, ms: number): void {
    const { name, metrics, logger } = this.opts;
    metrics.recordReconcile(name, result.kind, ms);
    if (this.queue) metrics.setQueueDepth(name, this.queue.depth);
    if (result.kind === 'retry' || result.kind === 'terminal') {
      metrics.recordError(name, errorReason(result.error));
      const fields = {
        controller: name,
        key,
        reason: errorReason(result.error),
        err: result.error.message,
      };
      if (result.kind === 'terminal') logger.warn('Reconcile failed for good', fields);
      else logger.info('Reconcile failed, retrying', fields);
    }
  }
}
