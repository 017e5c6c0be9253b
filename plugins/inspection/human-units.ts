// Human forms of ages and sizes for `kubectl sveltos` tables: ages exactly as kubectl prints
// them (`45s`, `3m12s`, `5h`, `2d3h`), sizes in binary units (`512B`, `1.5KiB`, `3.0MiB`).
// Pure; tests in human-units.test.ts.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

interface Unit {
  ms: number;
  name: string;
}
const S: Unit = { ms: SECOND, name: 's' };
const M: Unit = { ms: MINUTE, name: 'm' };
const H: Unit = { ms: HOUR, name: 'h' };
const D: Unit = { ms: DAY, name: 'd' };
const Y: Unit = { ms: YEAR, name: 'y' };

/** kubectl's HumanDuration steps: below `limit`, print in `big` (and `small` when non-zero). */
interface Step {
  limit: number;
  big: Unit;
  small?: Unit;
}
const STEPS: readonly Step[] = [
  { limit: 2 * MINUTE, big: S },
  { limit: 10 * MINUTE, big: M, small: S },
  { limit: 3 * HOUR, big: M },
  { limit: 8 * HOUR, big: H, small: M },
  { limit: 2 * DAY, big: H },
  { limit: 8 * DAY, big: D, small: H },
  { limit: 2 * YEAR, big: D },
  { limit: 8 * YEAR, big: Y, small: D },
  { limit: Infinity, big: Y },
];

/** A duration the way kubectl's AGE column prints it; negative (clock skew) is `0s`. */
export function humanDuration(ms: number): string {
  if (ms < -SECOND) return '<invalid>';
  if (ms < 0) return '0s';
  const step: Step = STEPS.find((s) => ms < s.limit) ?? { limit: Infinity, big: Y };
  const big = `${Math.floor(ms / step.big.ms)}${step.big.name}`;
  if (!step.small) return big;
  const small = Math.floor((ms % step.big.ms) / step.small.ms);
  return small === 0 ? big : `${big}${small}${step.small.name}`;
}

/** Age of an RFC 3339 timestamp at `now`; empty when the timestamp is missing or invalid. */
export function ageOf(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '' : humanDuration(now.getTime() - t);
}

/** Bytes in binary units with one decimal above 1 KiB: `900B`, `1.2KiB`, `3.0MiB`. */
export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)}${units[unit]}`;
}
