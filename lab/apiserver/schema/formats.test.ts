import { describe, expect, it } from 'vitest';
import { effectiveFormat, isKnownStringFormat, matchesFormat } from './formats.js';

describe('effectiveFormat', () => {
  it.each<[string | undefined, string | undefined, string]>([
    ['string', 'date-time', 'date-time'],
    ['string', 'k8s-short-name', ''],
    ['string', 'byte', 'byte'],
    [undefined, 'uuid', 'uuid'],
    ['integer', 'int32', 'int32'],
    ['integer', 'uint8', ''],
    ['number', 'double', 'double'],
    ['number', 'int32', ''],
    ['boolean', 'int32', ''],
    ['string', undefined, ''],
  ])('keeps %s/%s as %j', (type, format, expected) => {
    expect(effectiveFormat(type, format)).toBe(expected);
  });

  it('knows only string formats as strfmt names', () => {
    expect(isKnownStringFormat('date-time')).toBe(true);
    expect(isKnownStringFormat('int32')).toBe(false);
  });
});

describe('matchesFormat', () => {
  it.each<[string, string, boolean]>([
    ['date-time', '2026-01-01T00:00:00Z', true],
    ['date-time', '2026-01-01t00:00:00.123+01:00', true],
    ['date-time', '2026-01-01 00:00:00Z', false],
    ['date-time', '2026-02-30T00:00:00Z', false],
    ['date', '2026-12-31', true],
    ['date', '2026-13-01', false],
    ['byte', 'aGVsbG8=', true],
    ['byte', 'aGVsbG8', false],
    ['uuid', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', true],
    ['uuid', 'nope', false],
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '10.0.0.256', false],
    ['ipv6', '2001:db8::1', true],
    ['ipv6', '2001:db8::1::2', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', '10.0.0.0/33', false],
    ['duration', '1h30m', true],
    ['duration', '3 days', true],
    ['duration', 'soon', false],
    ['hostname', 'example.com', true],
    ['hostname', '-bad-.com', false],
    ['mac', '00:1a:2b:3c:4d:5e', true],
    ['password', 'anything', true],
  ])('checks %s %j → %s', (format, value, expected) => {
    expect(matchesFormat(format, value)).toBe(expected);
  });
});
