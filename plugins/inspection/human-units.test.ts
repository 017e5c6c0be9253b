import { describe, expect, it } from 'vitest';
import { ageOf, humanBytes, humanDuration } from './human-units.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration prints ages like kubectl', () => {
  it.each([
    [-5 * S, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [3 * M + 12 * S, '3m12s'],
    [5 * M, '5m'],
    [42 * M, '42m'],
    [5 * H + 7 * M, '5h7m'],
    [20 * H, '20h'],
    [2 * D + 3 * H, '2d3h'],
    [30 * D, '30d'],
    [3 * 365 * D + 4 * D, '3y4d'],
    [10 * 365 * D, '10y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('ages a timestamp and leaves missing or invalid ones empty', () => {
    const now = new Date('2026-01-01T00:01:00Z');
    expect(ageOf('2026-01-01T00:00:30Z', now)).toBe('30s');
    expect(ageOf(undefined, now)).toBe('');
    expect(ageOf('yesterday', now)).toBe('');
  });
});

describe('humanBytes', () => {
  it.each([
    [0, '0B'],
    [1023, '1023B'],
    [1536, '1.5KiB'],
    [3 * 1024 * 1024, '3.0MiB'],
    [5 * 1024 ** 3, '5.0GiB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(humanBytes(bytes)).toBe(text);
  });
});
