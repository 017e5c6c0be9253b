// Remembers, for a short while, the outcome of each group the agent finished with (Provisioned
// or Removed; its staging is deleted then). The group watch can wake a summary before the
// summary cache shows our own status write; without this memo such a re-run would find no group
// and stage the same content (or the same Remove) again. Pure, in memory; per process.
import type { FeatureOutcome } from '../features/feature-types.js';

interface Entry {
  /** requestorHash of the settled group (deploy hash or remove hash). */
  hash: string;
  outcome: FeatureOutcome;
  at: number;
}

/**
 * The last settled outcome per requestor key (summary, feature), valid for one requestorHash
 * and `ttlMs`; any new staging for that requestor must `forget` it.
 */
export class SettledMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 4096,
  ) {}

  /** The outcome settled for `key` and `hash` within the TTL, else undefined. */
  get(key: string, hash: string, now: number): FeatureOutcome | undefined {
    const e = this.entries.get(key);
    if (!e || e.hash !== hash) return undefined;
    if (now - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.outcome;
  }

  /** Records a settled outcome (the oldest entry goes when full). */
  set(key: string, settled: { hash: string; outcome: FeatureOutcome }, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { ...settled, at: now });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Drops what was settled for `key` (called before staging anything new for it). */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
