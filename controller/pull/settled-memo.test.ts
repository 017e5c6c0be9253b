// SettledMemo: an outcome is recalled only for the same requestorHash, within its TTL, and
// never after a forget (new staging for the requestor).
import { describe, expect, it } from 'vitest';
import { SettledMemo } from './settled-memo.js';

describe('SettledMemo', () => {
  it('recalls an outcome for the same hash within the TTL only', () => {
    const memo = new SettledMemo(1000);
    memo.set('ns/s/uid/Resources', { hash: 'h1', outcome: { status: 'Provisioned' } }, 0);
    expect(memo.get('ns/s/uid/Resources', 'h1', 500)?.status).toBe('Provisioned');
    expect(memo.get('ns/s/uid/Resources', 'h2', 500)).toBeUndefined();
    expect(memo.get('ns/s/uid/Helm', 'h1', 500)).toBeUndefined();
    expect(memo.get('ns/s/uid/Resources', 'h1', 1500)).toBeUndefined();
  });

  it('forgets on new staging and drops the oldest entry when full', () => {
    const memo = new SettledMemo(1000, 2);
    memo.set('a', { hash: 'h', outcome: { status: 'Removed' } }, 0);
    memo.forget('a');
    expect(memo.get('a', 'h', 1)).toBeUndefined();
    memo.set('a', { hash: 'h', outcome: { status: 'Removed' } }, 0);
    memo.set('b', { hash: 'h', outcome: { status: 'Removed' } }, 0);
    memo.set('c', { hash: 'h', outcome: { status: 'Removed' } }, 0);
    expect(memo.get('a', 'h', 1)).toBeUndefined();
    expect(memo.get('c', 'h', 1)?.status).toBe('Removed');
  });
});
