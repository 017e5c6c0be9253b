// The pure half of Lease leader election (coordination.k8s.io/v1), with client-go's rules:
// a Lease is free when it has no holder or its holder has not renewed within
// leaseDurationSeconds; the holder renews; everyone else waits. Tests: leader-election-plan.test.ts.

/** The fields of a Lease's spec that election reads and writes. */
export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export type LeaseAction = 'create' | 'acquire' | 'renew' | 'wait';

export interface LeaseDecision {
  action: LeaseAction;
  /** Why, for logs and tests. */
  reason: string;
  /** The spec to write (absent for `wait`). */
  spec?: LeaseSpec;
}

export interface LeaseContext {
  identity: string;
  now: number;
  leaseDurationMs: number;
}

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function expiry(spec: LeaseSpec): number {
  const renewed = Date.parse(spec.renewTime ?? spec.acquireTime ?? '');
  if (Number.isNaN(renewed)) return 0;
  return renewed + (spec.leaseDurationSeconds ?? 0) * 1000;
}

/** Decides what to do with the Lease as read (undefined = it does not exist). */
export function decideLease(current: LeaseSpec | undefined, c: LeaseContext): LeaseDecision {
  const fresh = (transitions: number, acquireTime: string): LeaseSpec => ({
    holderIdentity: c.identity,
    leaseDurationSeconds: Math.ceil(c.leaseDurationMs / 1000),
    acquireTime,
    renewTime: microTime(c.now),
    leaseTransitions: transitions,
  });
  if (!current)
    return { action: 'create', reason: 'no Lease yet', spec: fresh(0, microTime(c.now)) };
  const holder = current.holderIdentity ?? '';
  const transitions = current.leaseTransitions ?? 0;
  if (holder === c.identity) {
    return {
      action: 'renew',
      reason: 'this replica holds the Lease',
      spec: fresh(transitions, current.acquireTime ?? microTime(c.now)),
    };
  }
  if (holder === '') {
    return {
      action: 'acquire',
      reason: 'the Lease was released',
      spec: fresh(transitions + 1, microTime(c.now)),
    };
  }
  if (expiry(current) <= c.now) {
    return {
      action: 'acquire',
      reason: `holder ${holder} has not renewed in time`,
      spec: fresh(transitions + 1, microTime(c.now)),
    };
  }
  return { action: 'wait', reason: `held by ${holder}` };
}

/** The spec that releases a Lease held by this replica (client-go's ReleaseOnCancel). */
export function releasedLease(current: LeaseSpec, now: number): LeaseSpec {
  return { ...current, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(now) };
}
