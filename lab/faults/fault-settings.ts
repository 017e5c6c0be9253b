// The fault settings of one virtual cluster and their validation: added latency, a fraction of
// requests answered with 500/503/429 (+ Retry-After), watches cut after N events, full outage.
// Pure; the filter applies them, the endpoint and command change them.

/** Faults injected into one cluster's HTTP traffic. */
export interface FaultSettings {
  /** Added before every request is served (ms). */
  latencyMs: number;
  /** Fraction (0..1) of requests answered with `errorCode` instead of being served. */
  errorRate: number;
  errorCode: 500 | 503 | 429;
  /** Sent as Retry-After on injected errors; client-go retries such answers. */
  retryAfterSeconds: number;
  /** Each watch stream is ended after this many events (0 = never). */
  watchEventLimit: number;
  /** While true, connections to the cluster are dropped; state is kept. */
  outage: boolean;
}

/** No faults. */
export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  errorCode: 503,
  retryAfterSeconds: 1,
  watchEventLimit: 0,
  outage: false,
});

/** A settings change that names a bad field. */
export class FaultSettingsError extends Error {
  override readonly name = 'FaultSettingsError';
  readonly reason = 'InvalidFaultSettings';
}

type Check = (v: unknown) => boolean;

const isInt =
  (min: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min;

const CHECKS: Record<keyof FaultSettings, { check: Check; expect: string }> = {
  latencyMs: { check: isInt(0), expect: 'an integer >= 0' },
  errorRate: {
    check: (v) => typeof v === 'number' && v >= 0 && v <= 1,
    expect: 'a number between 0 and 1',
  },
  errorCode: { check: (v) => v === 500 || v === 503 || v === 429, expect: 'one of 500, 503, 429' },
  retryAfterSeconds: { check: isInt(0), expect: 'an integer >= 0' },
  watchEventLimit: { check: isInt(0), expect: 'an integer >= 0' },
  outage: { check: (v) => typeof v === 'boolean', expect: 'true or false' },
};

/**
 * Merges a partial change into settings; throws FaultSettingsError naming the first unknown or
 * invalid field (nothing is changed then).
 */
export function mergeFaultSettings(current: FaultSettings, change: unknown): FaultSettings {
  if (!change || typeof change !== 'object' || Array.isArray(change)) {
    throw new FaultSettingsError('Fault settings must be a JSON object');
  }
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    const rule = CHECKS[key as keyof FaultSettings] as
      (typeof CHECKS)[keyof FaultSettings] | undefined;
    if (!rule) throw new FaultSettingsError(`Unknown fault setting "${key}"`);
    if (!rule.check(value)) {
      throw new FaultSettingsError(
        `Fault setting "${key}" must be ${rule.expect}, got ${JSON.stringify(value)}`,
      );
    }
    next[key] = value;
  }
  return next as unknown as FaultSettings;
}
