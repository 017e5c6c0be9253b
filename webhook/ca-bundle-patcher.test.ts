import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { waitFor } from '../test/support/kubectl.js';
import type { PatchOutcome } from './ca-bundle-patcher.js';
import { keepCaBundlePatched } from './ca-bundle-patcher.js';

/** A patch function whose answers are scripted: configurations appear after `missingFor` calls. */
function scripted(opts: { failFirst?: number; missingFor?: number }) {
  const calls: string[] = [];
  const patch = (caBundle: string): Promise<PatchOutcome> => {
    calls.push(caBundle);
    if (calls.length <= (opts.failFirst ?? 0)) return Promise.reject(new Error('unreachable'));
    const missing = calls.length <= (opts.missingFor ?? 0) ? ['sveltos-webhook-mutating'] : [];
    return Promise.resolve({ patched: ['sveltos-webhook-validating'], missing });
  };
  return { patch, calls };
}

describe('keepCaBundlePatched', () => {
  it('retries failures and configurations that are not applied yet, then stops retrying', async () => {
    const s = scripted({ failFirst: 1, missingFor: 3 });
    const keeper = keepCaBundlePatched(s.patch, silentLogger, { retryMs: 5, resyncMs: 60_000 });
    keeper.update('CA1');
    await waitFor(() => s.calls.length >= 4, { what: 'four attempts' });
    keeper.stop();
    // 1 failure + 2 "missing" answers + 1 complete; the next call would be the 60 s resync.
    expect(s.calls).toEqual(['CA1', 'CA1', 'CA1', 'CA1']);
  });

  it('re-checks periodically once everything is patched', async () => {
    const s = scripted({});
    const keeper = keepCaBundlePatched(s.patch, silentLogger, { retryMs: 5, resyncMs: 20 });
    keeper.update('CA1');
    await waitFor(() => s.calls.length >= 3, { what: 'periodic re-checks' });
    keeper.stop();
  });

  it('lets a newer CA supersede an older one and stops on stop()', async () => {
    const s = scripted({ failFirst: 1000 });
    const keeper = keepCaBundlePatched(s.patch, silentLogger, { retryMs: 5 });
    keeper.update('CA1');
    keeper.update('CA2');
    await waitFor(() => s.calls.filter((c) => c === 'CA2').length >= 3, { what: 'retries of CA2' });
    keeper.stop();
    expect(s.calls.slice(0, 2)).toEqual(['CA1', 'CA2']);
    expect(s.calls.slice(2).every((c) => c === 'CA2')).toBe(true);
  });
});
