import { describe, expect, it } from 'vitest';
import { done, requeueAfter, retry, terminal, type ReconcileResult } from './reconcile-result.js';
import { WorkQueue } from './workqueue.js';

/** Manual timers: tests decide when delayed keys fire. */
function manualTimers() {
  const pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pending,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return { cancel: () => (t.cancelled = true) };
    },
    fireAll: () =>
      pending
        .splice(0)
        .filter((t) => !t.cancelled)
        .forEach((t) => t.fn()),
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('de-duplicates a key added many times while it waits', async () => {
    const seen: string[] = [];
    const gate = deferred();
    const q = new WorkQueue({
      workers: 1,
      reconcile: async (k) => {
        seen.push(k);
        if (k === 'first') await gate.promise;
        return done();
      },
    });
    q.add('first');
    q.add('a');
    q.add('a');
    q.add('a');
    expect(q.depth).toBe(1);
    gate.resolve();
    await q.idle();
    expect(seen).toEqual(['first', 'a']);
  });

  it('never runs one key twice at once, and re-runs it once if it changed meanwhile', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const gate = deferred();
    const q = new WorkQueue({
      workers: 4,
      reconcile: async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (runs === 1) await gate.promise;
        running--;
        return done();
      },
    });
    q.add('k');
    q.add('k');
    q.add('k');
    gate.resolve();
    await q.idle();
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });

  it('backs off exponentially per key on retry, capped, and resets after success', async () => {
    const timers = manualTimers();
    const results: ReconcileResult[] = [
      retry(new Error('a')),
      retry(new Error('b')),
      retry(new Error('c')),
      done(),
    ];
    const q = new WorkQueue({
      reconcile: () => Promise.resolve(results.shift() ?? done()),
      baseBackoffMs: 100,
      maxBackoffMs: 300,
      jitter: 0,
      setTimer: timers.setTimer,
    });
    q.add('k');
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await q.idle();
      delays.push(timers.pending[0].ms);
      timers.fireAll();
    }
    await q.idle();
    expect(delays).toEqual([100, 200, 300]);
    expect(q.failuresOf('k')).toBe(0);
  });

  it('requeues after the asked delay with jitter, and forgets terminal failures', async () => {
    const timers = manualTimers();
    const q = new WorkQueue({
      reconcile: (k) =>
        Promise.resolve(k === 'periodic' ? requeueAfter(1000) : terminal(new Error('bad spec'))),
      jitter: 0.1,
      random: () => 0.5,
      setTimer: timers.setTimer,
    });
    q.add('periodic');
    q.add('broken');
    await q.idle();
    expect(timers.pending.map((t) => t.ms)).toEqual([1050]);
    expect(q.failuresOf('broken')).toBe(0);
  });

  it('turns a thrown error into a retry and reports every result', async () => {
    const timers = manualTimers();
    const reported: string[] = [];
    const q = new WorkQueue({
      reconcile: () => Promise.reject(new Error('boom')),
      setTimer: timers.setTimer,
      onResult: (k, r) => reported.push(`${k}:${r.kind}`),
    });
    q.add('k');
    await q.idle();
    expect(reported).toEqual(['k:retry']);
    expect(q.failuresOf('k')).toBe(1);
    await q.stop();
    expect(timers.pending.every((t) => t.cancelled)).toBe(true);
  });
});
