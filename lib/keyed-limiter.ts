// Bounds how many tasks run at once per key (e.g. helm processes per managed cluster), queueing
// the rest in arrival order. In-memory, per instance; no timers. Tests: keyed-limiter.test.ts.

interface Slot {
  running: number;
  waiting: Array<() => void>;
}

/** At most `limit` tasks per key at once; others wait their turn (FIFO). */
export class KeyedLimiter {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`Invalid limit ${limit}: use a positive integer`);
  }

  /** Runs `task` once a slot for `key` is free; resolves or rejects with its result. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Tasks currently running for `key`. */
  running(key: string): number {
    return this.slots.get(key)?.running ?? 0;
  }

  private acquire(key: string): Promise<void> {
    const slot = this.slots.get(key) ?? { running: 0, waiting: [] };
    this.slots.set(key, slot);
    if (slot.running < this.limit) {
      slot.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => slot.waiting.push(resolve));
  }

  private release(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    const next = slot.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next task
      return;
    }
    slot.running--;
    if (slot.running === 0) this.slots.delete(key);
  }
}
