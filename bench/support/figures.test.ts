import { describe, expect, it } from 'vitest';
import { fmt, mib, percentile } from './figures.js';

describe('benchmark figures', () => {
  it('takes nearest-rank percentiles of unsorted values', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([], 50)).toBe(0);
  });

  it('formats numbers with separators and MiB with one decimal', () => {
    expect(fmt(1234.567, 1)).toBe('1,234.6');
    expect(mib(3 * 1024 * 1024)).toBe('3.0');
  });
});
