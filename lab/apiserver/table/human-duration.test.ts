import { describe, expect, it } from 'vitest';
import { humanDuration, timestampAge } from './human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each<[number, string]>([
    [-5 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [45 * s, '45s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [10 * m + 59 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 12 * m, '5h12m'],
    [47 * h + 59 * m, '47h'],
    [3 * d + 4 * h, '3d4h'],
    [3 * d, '3d'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [2 * 365 * d + 30 * d, '2y30d'],
    [9 * 365 * d, '9y'],
  ])('renders %d ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('timestampAge', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  it.each<[unknown, string]>([
    ['2026-01-01T00:55:00Z', '5m'],
    ['2026-01-01T01:00:00Z', '0s'],
    ['2026-01-01T02:00:00Z', '<invalid>'],
    [undefined, '<unknown>'],
    ['', '<unknown>'],
    ['not a date', '<invalid>'],
  ])('gives %j the age %s', (ts, age) => {
    expect(timestampAge(ts, now)).toBe(age);
  });
});
