import { describe, expect, it } from 'vitest';
import { decodeMicroTime, decodeTime, formatGoDuration, specialDecoder } from './special.js';
import { kubeEnvelope, pbBytes, pbString, pbVarint } from './wire-encoder.js';

const noNested = (): unknown => {
  throw new Error('unexpected nested envelope');
};

describe('formatGoDuration', () => {
  it.each([
    [0n, '0s'],
    [1n, '1ns'],
    [1_500n, '1.5µs'],
    [100_000_000n, '100ms'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [3_661_000_000_000n, '1h1m1s'],
    [-2_000_000_000n, '-2s'],
    [86_400_000_000_000n, '24h0m0s'],
  ])('formats %s ns as Go does: %s', (nanos, text) => {
    expect(formatGoDuration(nanos)).toBe(text);
  });
});

describe('metav1.Time and MicroTime', () => {
  it('treats an empty message as the zero time, which JSON omits', () => {
    expect(decodeTime(Buffer.alloc(0))).toBeUndefined();
    expect(decodeMicroTime(Buffer.alloc(0))).toBeUndefined();
  });

  it('renders Time as RFC 3339 seconds in UTC and drops nanoseconds, as kube does', () => {
    const buf = Buffer.concat([pbVarint(1, 1767225600), pbVarint(2, 999)]);
    expect(decodeTime(buf)).toBe('2026-01-01T00:00:00Z');
  });

  it('renders an explicit epoch (fields present, zero values) rather than omitting it', () => {
    expect(decodeTime(Buffer.concat([pbVarint(1, 0), pbVarint(2, 0)]))).toBe(
      '1970-01-01T00:00:00Z',
    );
  });

  it('renders MicroTime with six fractional digits', () => {
    const buf = Buffer.concat([pbVarint(1, 1767225600), pbVarint(2, 123_456_789)]);
    expect(decodeMicroTime(buf)).toBe('2026-01-01T00:00:00.123456Z');
  });

  it('rejects timestamps outside the JavaScript date range', () => {
    expect(() => decodeTime(pbVarint(1, 10n ** 15n))).toThrow('Timestamp out of range');
  });
});

describe('specialDecoder', () => {
  const decode = (type: string, buf: Buffer): unknown => specialDecoder(type)!(buf, noNested);

  it('returns undefined for ordinary messages', () => {
    expect(specialDecoder('core.Pod')).toBeUndefined();
    expect(specialDecoder('toString')).toBeUndefined();
  });

  it.each([
    ['an int', Buffer.concat([pbVarint(1, 0), pbVarint(2, 8080)]), 8080],
    ['a negative int', Buffer.concat([pbVarint(1, 0), pbVarint(2, -1)]), -1],
    ['a string', Buffer.concat([pbVarint(1, 1), pbString(3, 'http')]), 'http'],
    ['an empty message', Buffer.alloc(0), 0],
  ])('decodes IntOrString holding %s', (_name, buf, expected) => {
    expect(decode('intstr.IntOrString', buf)).toBe(expected);
  });

  it('decodes Quantity as its canonical string', () => {
    expect(decode('resource.Quantity', pbString(1, '500m'))).toBe('500m');
  });

  it('decodes Duration as Go duration text', () => {
    expect(decode('meta.Duration', pbVarint(1, 5_000_000_000))).toBe('5s');
  });

  it('decodes FieldsV1 as the JSON object it carries', () => {
    const raw = Buffer.from('{"f:metadata":{"f:labels":{".":{}}}}');
    expect(decode('meta.FieldsV1', pbBytes(1, raw))).toEqual({
      'f:metadata': { 'f:labels': { '.': {} } },
    });
  });

  it('decodes a RawExtension holding JSON, and omits an empty one', () => {
    expect(decode('runtime.RawExtension', pbBytes(1, Buffer.from('{"a":[1]}')))).toEqual({
      a: [1],
    });
    expect(decode('runtime.RawExtension', Buffer.alloc(0))).toBeUndefined();
  });

  it('hands a RawExtension holding a protobuf envelope to the nested decoder', () => {
    const inner = kubeEnvelope('v1', 'ConfigMap', Buffer.alloc(0));
    const seen: Buffer[] = [];
    const out = specialDecoder('runtime.RawExtension')!(pbBytes(1, inner), (b) => {
      seen.push(b);
      return { nested: true };
    });
    expect(out).toEqual({ nested: true });
    expect(seen[0].equals(inner)).toBe(true);
  });

  it('rejects a RawExtension whose bytes are neither JSON nor protobuf', () => {
    expect(() => decode('runtime.RawExtension', pbBytes(1, Buffer.from('{nope')))).toThrow(
      'Invalid JSON in protobuf RawExtension',
    );
  });

  it('rejects a field of the wrong wire type', () => {
    expect(() => decode('resource.Quantity', pbVarint(1, 5))).toThrow(
      'Expected a length-delimited field',
    );
  });
});
