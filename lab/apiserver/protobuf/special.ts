// Kubernetes types whose protobuf and JSON shapes differ (metav1.Time, MicroTime, Duration,
// FieldsV1, resource.Quantity, intstr.IntOrString, runtime.RawExtension): each decoder turns the
// message bytes into the value Go's MarshalJSON would write. `undefined` means "omit the field"
// (Go would write null, e.g. a zero Time).
import { ProtobufDecodeError, readRawFields } from './wire.js';
import type { RawValue } from './wire.js';

/** Decodes a nested Kubernetes protobuf envelope (`k8s\0…`) found inside a RawExtension. */
export type NestedDecoder = (bytes: Buffer) => unknown;

type SpecialDecoder = (bytes: Buffer, nested: NestedDecoder) => unknown;

function int(v: RawValue | undefined): bigint {
  if (v === undefined) return 0n;
  if (typeof v !== 'bigint') throw new ProtobufDecodeError('Expected a varint field');
  return BigInt.asIntN(64, v);
}

function bytes(v: RawValue | undefined): Buffer {
  if (v === undefined) return Buffer.alloc(0);
  if (typeof v === 'bigint') throw new ProtobufDecodeError('Expected a length-delimited field');
  return v;
}

function isoSeconds(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new ProtobufDecodeError(`Timestamp out of range: ${seconds} seconds`);
  }
  return new Date(ms).toISOString().slice(0, 19);
}

/** metav1.Time: RFC 3339 in UTC with second precision; an empty message is the zero time. */
export function decodeTime(buf: Buffer): string | undefined {
  if (buf.length === 0) return undefined;
  return `${isoSeconds(int(readRawFields(buf).get(1)))}Z`;
}

/** metav1.MicroTime: `2006-01-02T15:04:05.000000Z`; an empty message is the zero time. */
export function decodeMicroTime(buf: Buffer): string | undefined {
  if (buf.length === 0) return undefined;
  const fields = readRawFields(buf);
  const micros = Number(int(fields.get(2)) / 1000n);
  return `${isoSeconds(int(fields.get(1)))}.${String(micros).padStart(6, '0')}Z`;
}

function fraction(v: bigint, precision: number): [string, bigint] {
  const div = 10n ** BigInt(precision);
  const frac = v % div;
  if (frac === 0n) return ['', v / div];
  return [`.${frac.toString().padStart(precision, '0').replace(/0+$/, '')}`, v / div];
}

const subSecondUnits: [bigint, string, number][] = [
  [1_000n, 'ns', 0],
  [1_000_000n, 'µs', 3],
  [1_000_000_000n, 'ms', 6],
];

/** Go's time.Duration.String() (`1h0m0s`, `1.5s`, `100ms`, `0s`) of a nanosecond count. */
export function formatGoDuration(nanos: bigint): string {
  const sign = nanos < 0n ? '-' : '';
  const u = nanos < 0n ? -nanos : nanos;
  if (u === 0n) return '0s';
  const small = subSecondUnits.find(([limit]) => u < limit);
  if (small) {
    const [frac, whole] = fraction(u, small[2]);
    return `${sign}${whole}${frac}${small[1]}`;
  }
  const [frac, seconds] = fraction(u, 9);
  let out = `${seconds % 60n}${frac}s`;
  const minutes = seconds / 60n;
  if (minutes > 0n) out = `${minutes % 60n}m${out}`;
  if (minutes >= 60n) out = `${minutes / 60n}h${out}`;
  return sign + out;
}

function decodeDuration(buf: Buffer): string {
  return formatGoDuration(int(readRawFields(buf).get(1)));
}

function decodeQuantity(buf: Buffer): string {
  return bytes(readRawFields(buf).get(1)).toString('utf8');
}

/** intstr.IntOrString {type, intVal, strVal}: a JSON number or string. */
function decodeIntOrString(buf: Buffer): number | string {
  const fields = readRawFields(buf);
  if (int(fields.get(1)) === 1n) return bytes(fields.get(3)).toString('utf8');
  return Number(BigInt.asIntN(32, int(fields.get(2))));
}

function parseJson(raw: Buffer, what: string): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new ProtobufDecodeError(`Invalid JSON in protobuf ${what}`);
  }
}

/** runtime.RawExtension: its raw bytes are JSON, or a nested protobuf object. */
function decodeRawExtension(buf: Buffer, nested: NestedDecoder): unknown {
  const raw = bytes(readRawFields(buf).get(1));
  if (raw.length === 0) return undefined;
  if (raw.subarray(0, 4).toString('latin1') === 'k8s\0') return nested(raw);
  return parseJson(raw, 'RawExtension');
}

/** metav1.FieldsV1: the managed-fields set as its JSON object. */
function decodeFieldsV1(buf: Buffer): unknown {
  const raw = bytes(readRawFields(buf).get(1));
  return raw.length === 0 ? undefined : parseJson(raw, 'FieldsV1');
}

const specials: Record<string, SpecialDecoder> = {
  'meta.Time': decodeTime,
  'meta.MicroTime': decodeMicroTime,
  'meta.Duration': decodeDuration,
  'meta.FieldsV1': decodeFieldsV1,
  'resource.Quantity': decodeQuantity,
  'intstr.IntOrString': decodeIntOrString,
  'runtime.RawExtension': decodeRawExtension,
};

/** The decoder of a special message type, or undefined for ordinary messages. */
export function specialDecoder(type: string): SpecialDecoder | undefined {
  return Object.hasOwn(specials, type) ? specials[type] : undefined;
}
