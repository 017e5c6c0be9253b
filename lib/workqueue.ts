// A keyed work queue in the manner of client-go's: keys are de-duplicated while waiting, one
// key is never processed by two workers at once, failures back off per key (capped, jittered),
// and requeues are delayed with jitter. Clock and timers are injected for tests.
// It owns scheduling only: what a key means is the reconciler's business. Tests: workqueue.test.ts.
import type { ReconcileResult } from './reconcile-result.js';

export interface WorkQueueOptions {
  /** Runs one key; the result decides what happens next. */
  reconcile: (key: string) => Promise<ReconcileResult>;
  workers?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Fraction of a delay added at random (0.1 = up to +10 %). */
  jitter?: number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  /** Observes every finished reconcile, for metrics and logs. */
  onResult?: (key: string, result: ReconcileResult, durationMs: number) => void;
  now?: () => number;
}

interface TimerHandle {
  cancel(): void;
}

const defaultSetTimer = (fn: () => void, ms: number): TimerHandle => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirtyWhileProcessing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, TimerHandle>();
  private active = 0;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly opts: Required<Omit<WorkQueueOptions, 'onResult'>> &
    Pick<WorkQueueOptions, 'onResult'>;

  constructor(options: WorkQueueOptions) {
    this.opts = {
      workers: 2,
      baseBackoffMs: 500,
      maxBackoffMs: 5 * 60_000,
      jitter: 0.1,
      random: Math.random,
      setTimer: defaultSetTimer,
      now: Date.now,
      ...options,
    };
  }

  /** Number of keys waiting (not counting delayed or in-flight ones). */
  get depth(): number {
    return this.queue.length;
  }

  /** Enqueues a key now; a key already waiting is not added twice. */
  add(key: string): void {
    if (this.stopped) return;
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    if (this.processing.has(key)) {
      this.dirtyWhileProcessing.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.pump();
  }

  /** Enqueues a key after a delay, unless it is added sooner. */
  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    if (delayMs <= 0) return this.add(key);
    this.timers.get(key)?.cancel();
    this.timers.set(
      key,
      this.opts.setTimer(() => {
        this.timers.delete(key);
        this.add(key);
      }, delayMs),
    );
  }

  /** Consecutive failures recorded for a key (0 after a success). */
  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Resolves when nothing is queued or running (delayed keys do not count). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking work and cancels delayed keys; in-flight reconciles finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    this.queue.length = 0;
    this.queued.clear();
    await this.idle();
  }

  private pump(): void {
    while (!this.stopped && this.active < this.opts.workers && this.queue.length > 0) {
      const key = this.queue.shift() as string;
      this.queued.delete(key);
      this.processing.add(key);
      this.active++;
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    const started = this.opts.now();
    let result: ReconcileResult;
    try {
      result = await this.opts.reconcile(key);
    } catch (err) {
      result = { kind: 'retry', error: err instanceof Error ? err : new Error(String(err)) };
    }
    this.opts.onResult?.(key, result, this.opts.now() - started);
    this.processing.delete(key);
    this.active--;
    this.schedule(key, result);
    if (this.dirtyWhileProcessing.delete(key)) this.add(key);
    this.pump();
    if (this.active === 0 && this.queue.length === 0)
      this.idleWaiters.splice(0).forEach((r) => r());
  }

  private schedule(key: string, result: ReconcileResult): void {
    switch (result.kind) {
      case 'done':
      case 'terminal':
        this.failures.delete(key);
        return;
      case 'requeueAfter':
        this.failures.delete(key);
        this.addAfter(key, this.withJitter(result.delayMs));
        return;
      case 'retry': {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.addAfter(key, this.withJitter(this.backoff(n)));
        return;
      }
    }
  }

  private backoff(failures: number): number {
    const exp = this.opts.baseBackoffMs * 2 ** Math.min(failures - 1, 30);
    return Math.min(exp, this.opts.maxBackoffMs);
  }

  private withJitter(ms: number): number {
    return Math.round(ms * (1 + this.opts.jitter * this.opts.random()));
  }
}
