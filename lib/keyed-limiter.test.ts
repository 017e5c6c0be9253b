import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './keyed-limiter.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeyedLimiter', () => {
  it('runs at most `limit` tasks per key, in arrival order, and keys independently', async () => {
    const limiter = new KeyedLimiter(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limiter.run('a', async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    const other = limiter.run('b', () => Promise.resolve('b'));
    await expect(other).resolves.toBe('b');
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limiter.running('a')).toBe(2);
    gates[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(limiter.running('a')).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new KeyedLimiter(1);
    await expect(limiter.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('k', () => Promise.resolve(1))).resolves.toBe(1);
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedLimiter(0)).toThrow('Invalid limit 0: use a positive integer');
  });
});
