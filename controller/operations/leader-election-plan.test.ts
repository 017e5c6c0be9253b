import { describe, expect, it } from 'vitest';
import { decideLease, microTime, releasedLease } from './leader-election-plan.js';

const now = Date.parse('2026-01-01T00:00:30Z');
const ctx = { identity: 'me', now, leaseDurationMs: 15_000 };

describe('decideLease', () => {
  const cases = [
    { name: 'no Lease', lease: undefined, action: 'create', transitions: 0 },
    {
      name: 'a Lease this replica holds',
      lease: {
        holderIdentity: 'me',
        renewTime: '2026-01-01T00:00:25.000000Z',
        leaseDurationSeconds: 15,
        leaseTransitions: 2,
        acquireTime: '2026-01-01T00:00:00.000000Z',
      },
      action: 'renew',
      transitions: 2,
    },
    {
      name: 'a released Lease',
      lease: { holderIdentity: '', leaseTransitions: 3 },
      action: 'acquire',
      transitions: 4,
    },
    {
      name: "another holder's expired Lease",
      lease: {
        holderIdentity: 'other',
        renewTime: '2026-01-01T00:00:10.000000Z',
        leaseDurationSeconds: 15,
        leaseTransitions: 1,
      },
      action: 'acquire',
      transitions: 2,
    },
    {
      name: "another holder's live Lease",
      lease: {
        holderIdentity: 'other',
        renewTime: '2026-01-01T00:00:20.000000Z',
        leaseDurationSeconds: 15,
      },
      action: 'wait',
    },
  ];
  it.each(cases)('decides for $name', ({ lease, action, transitions }) => {
    const d = decideLease(lease, ctx);
    expect(d.action).toBe(action);
    if (transitions !== undefined) {
      expect(d.spec).toMatchObject({
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        renewTime: '2026-01-01T00:00:30.000000Z',
        leaseTransitions: transitions,
      });
    }
  });

  it('keeps the acquire time when renewing', () => {
    const d = decideLease(
      {
        holderIdentity: 'me',
        acquireTime: 'T0',
        renewTime: microTime(now),
        leaseDurationSeconds: 15,
      },
      ctx,
    );
    expect(d.spec?.acquireTime).toBe('T0');
  });

  it('releases by clearing the holder', () => {
    expect(releasedLease({ holderIdentity: 'me', leaseDurationSeconds: 15 }, now)).toMatchObject({
      holderIdentity: '',
      leaseDurationSeconds: 1,
    });
  });
});
