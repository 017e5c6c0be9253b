// A de-duplicating work queue for in-process controllers: keys are processed one at a time,
// a key added while queued runs once, a failed key is retried after a short delay. `idle()`
// lets tests and shutdown wait for the queue to drain. Owns no I/O beyond calling `sync`.

/** Reconciles one key; throwing schedules a retry. */
export type SyncFn = (key: string) => Promise<void>;

/** Serial, de-duplicating key queue with retry on failure. */
export class KeyQueue {
  private readonly pending = new Set<string>();
  private running = false;
  private stopped = false;
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private waiters: (() => void)[] = [];

  /** `retryDelayMs` is the delay before a failed key runs again. */
  constructor(
    private readonly sync: SyncFn,
    private readonly onError: (key: string, err: unknown) => void = () => {},
    private readonly retryDelayMs = 200,
  ) {}

  /** Queues a key (a no-op when already queued or stopped). */
  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.drain());
    }
  }

  /** Resolves when nothing is queued or running (retries pending in timers do not count). */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops queued keys and pending retries; a running sync finishes. */
  stop(): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    for (const t of this.retries.values()) clearTimeout(t);
    this.retries.clear();
    return this.idle();
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      await this.runOne(key);
    }
    this.running = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async runOne(key: string): Promise<void> {
    try {
      await this.sync(key);
    } catch (err) {
      this.onError(key, err);
      if (this.stopped || this.retries.has(key)) return;
      const timer = setTimeout(() => {
        this.retries.delete(key);
        this.add(key);
      }, this.retryDelayMs);
      timer.unref();
      this.retries.set(key, timer);
    }
  }
}
