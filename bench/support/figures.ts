// Small helpers shared by the benchmarks: number formatting, percentiles and timing. Pure.

/** `1234.5` → `1,234.5` with a fixed number of decimals. */
export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Bytes as MiB with one decimal. */
export const mib = (bytes: number): string => fmt(bytes / 1024 / 1024, 1);

/** The p-th percentile (0–100) of values (nearest rank); 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

/** Milliseconds since `start` (a performance.now() value). */
export const since = (start: number): number => performance.now() - start;

/** Seconds with two decimals, e.g. `3.41 s`. */
export const secs = (ms: number): string => `${fmt(ms / 1000, 2)} s`;
