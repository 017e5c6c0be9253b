// Descriptor-driven decoding of one protobuf message into the JSON value Go's encoding/json
// would produce for the same Go struct: JSON field names, struct field order, omitempty zeros
// dropped, bytes as base64, int64 as numbers, embedded structs inlined. No I/O.
import { SCALAR_TYPES } from './descriptor.js';
import type { DescriptorRegistry, FieldDescriptor, MessageDescriptor } from './descriptor.js';
import { specialDecoder } from './special.js';
import { ProtobufDecodeError, WireReader, WireType } from './wire.js';

/** What every nested decode needs: the descriptors and the decoder for nested envelopes. */
export interface DecodeContext {
  registry: DescriptorRegistry;
  /** Decodes a protobuf envelope found inside a RawExtension, one level deeper. */
  nested: (bytes: Buffer, depth: number) => unknown;
  depth: number;
}

const maxDepth = 64;

type Scalar = string | number | boolean;

function expectWire(field: FieldDescriptor, actual: number, expected: number): void {
  if (actual !== expected) {
    throw new ProtobufDecodeError(
      `Unexpected wire type ${actual} for protobuf field ${field.json} (${field.type})`,
    );
  }
}

function varintScalar(type: string, v: bigint): Scalar {
  switch (type) {
    case 'bool':
      return v !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, v));
    case 'int64':
      return Number(BigInt.asIntN(64, v));
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    default:
      return Number(v);
  }
}

function isVarintType(type: string): boolean {
  return type !== 'string' && type !== 'bytes' && type !== 'double' && type !== 'float';
}

/** Reads one scalar value whose key has just been read. */
function readScalar(reader: WireReader, field: FieldDescriptor, wireType: number): Scalar {
  if (field.type === 'string' || field.type === 'bytes') {
    expectWire(field, wireType, WireType.LengthDelimited);
    const b = reader.readBytes();
    return field.type === 'string' ? b.toString('utf8') : b.toString('base64');
  }
  if (field.type === 'double') {
    expectWire(field, wireType, WireType.Fixed64);
    return reader.readFixed64().readDoubleLE(0);
  }
  if (field.type === 'float') {
    expectWire(field, wireType, WireType.Fixed32);
    return reader.readFixed32().readFloatLE(0);
  }
  expectWire(field, wireType, WireType.Varint);
  return varintScalar(field.type, reader.readVarint());
}

/** Reads a packed run of varints (proto3-style repeated numbers; gogo proto2 rarely packs). */
function readPacked(reader: WireReader, field: FieldDescriptor): Scalar[] {
  const inner = new WireReader(reader.readBytes());
  const out: Scalar[] = [];
  while (!inner.done()) out.push(varintScalar(field.type, inner.readVarint()));
  return out;
}

/** Decodes a message (ordinary, special or list wrapper) from its bytes. */
export function decodeMessage(ctx: DecodeContext, type: string, bytes: Buffer): unknown {
  const special = specialDecoder(type);
  if (special) return special(bytes, (b) => ctx.nested(b, ctx.depth + 1));
  const desc = ctx.registry.get(type);
  if (!desc) throw new ProtobufDecodeError(`No protobuf descriptor for message ${type}`);
  if (ctx.depth >= maxDepth) throw new ProtobufDecodeError('Protobuf message nested too deeply');
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const values = readFields(inner, desc, new WireReader(bytes));
  if (desc.listWrapper) return values.get(desc.fields[0]) ?? [];
  return assemble(desc, values);
}

function readValue(
  ctx: DecodeContext,
  reader: WireReader,
  field: FieldDescriptor,
  wt: number,
): unknown {
  if (SCALAR_TYPES.has(field.type)) return readScalar(reader, field, wt);
  expectWire(field, wt, WireType.LengthDelimited);
  return decodeMessage(ctx, field.type, reader.readBytes());
}

function zeroOf(ctx: DecodeContext, type: string): unknown {
  if (type === 'string' || type === 'bytes') return '';
  if (type === 'bool') return false;
  if (SCALAR_TYPES.has(type)) return 0;
  return decodeMessage(ctx, type, Buffer.alloc(0));
}

/** A map entry is a message {key = 1, value = 2}; a missing part is its zero value. */
function readMapEntry(
  ctx: DecodeContext,
  field: FieldDescriptor,
  bytes: Buffer,
): [string, unknown] {
  const reader = new WireReader(bytes);
  const keyField: FieldDescriptor = { ...field, json: `${field.json} key`, type: 'string' };
  let key = '';
  let value: unknown;
  while (!reader.done()) {
    const { field: num, wireType } = reader.readTag();
    if (num === 1) key = String(readScalar(reader, keyField, wireType));
    else if (num === 2) value = readValue(ctx, reader, field, wireType);
    else reader.skip(wireType);
  }
  return [key, value === undefined ? zeroOf(ctx, field.type) : value];
}

function readRepeated(
  ctx: DecodeContext,
  reader: WireReader,
  field: FieldDescriptor,
  wt: number,
): unknown[] {
  const packed = wt === WireType.LengthDelimited && isVarintType(field.type);
  if (packed && SCALAR_TYPES.has(field.type)) return readPacked(reader, field);
  return [readValue(ctx, reader, field, wt)];
}

/** Reads every field of a message into descriptor → value (repeated and map accumulated). */
function readFields(
  ctx: DecodeContext,
  desc: MessageDescriptor,
  reader: WireReader,
): Map<FieldDescriptor, unknown> {
  const values = new Map<FieldDescriptor, unknown>();
  while (!reader.done()) {
    const { field: num, wireType } = reader.readTag();
    const field = desc.byNumber.get(num);
    if (!field) {
      reader.skip(wireType);
    } else if (field.kind === 'repeated') {
      const list = (values.get(field) as unknown[] | undefined) ?? [];
      list.push(...readRepeated(ctx, reader, field, wireType));
      values.set(field, list);
    } else if (field.kind === 'map') {
      expectWire(field, wireType, WireType.LengthDelimited);
      const map = (values.get(field) as Record<string, unknown> | undefined) ?? {};
      const [k, v] = readMapEntry(ctx, field, reader.readBytes());
      map[k] = v;
      values.set(field, map);
    } else {
      values.set(field, readValue(ctx, reader, field, wireType));
    }
  }
  return values;
}

function isZeroScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

/** Builds the JSON object in Go struct order, applying omitempty and inlining. */
function assemble(
  desc: MessageDescriptor,
  values: Map<FieldDescriptor, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of desc.fields) {
    const v = values.get(field);
    if (v === undefined) continue;
    if (field.inline) {
      Object.assign(out, v);
    } else if (field.kind !== 'single' || field.keepZero || !isZeroScalar(v)) {
      out[field.json] = v;
    }
  }
  return out;
}
