// Protocol-buffers wire-format reader (varint, 64-bit, length-delimited, 32-bit), the
// lowest layer of the Kubernetes protobuf decoder. Knows nothing of messages or descriptors;
// malformed input throws ProtobufDecodeError (core answers 400), never a RangeError.

/** Wire types of the protobuf encoding (groups, 3 and 4, are not used by Kubernetes). */
export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

/** A body that is not valid protobuf, or not the shape its descriptor promises. */
export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';
  readonly reason = 'BadRequest';
}

/** One field key: its number and wire type. */
export interface FieldTag {
  field: number;
  wireType: number;
}

/** Sequential reader over one message's bytes; `done()` is true once all are consumed. */
export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Buffer) {}

  done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** Reads a field key. */
  readTag(): FieldTag {
    const key = this.readVarint();
    const field = Number(key >> 3n);
    if (field === 0) throw new ProtobufDecodeError('Invalid protobuf field number 0');
    return { field, wireType: Number(key & 7n) };
  }

  /** Reads a base-128 varint as an unsigned 64-bit value. */
  readVarint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.take(1)[0];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new ProtobufDecodeError('Invalid protobuf varint: more than 10 bytes');
  }

  /** Reads a length-delimited payload (a view, not a copy). */
  readBytes(): Buffer {
    const length = this.readVarint();
    if (length > BigInt(this.buf.length - this.pos)) {
      throw new ProtobufDecodeError('Invalid protobuf length: past the end of the message');
    }
    return this.take(Number(length));
  }

  readFixed64(): Buffer {
    return this.take(8);
  }

  readFixed32(): Buffer {
    return this.take(4);
  }

  /** Skips the value of a field with the given wire type (unknown fields are ignored). */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.readVarint();
        return;
      case WireType.Fixed64:
        this.take(8);
        return;
      case WireType.LengthDelimited:
        this.readBytes();
        return;
      case WireType.Fixed32:
        this.take(4);
        return;
      default:
        throw new ProtobufDecodeError(`Unsupported protobuf wire type ${wireType}`);
    }
  }

  private take(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      throw new ProtobufDecodeError('Truncated protobuf message');
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/** A raw field value: a varint, or the bytes of a fixed or length-delimited field. */
export type RawValue = bigint | Buffer;

/**
 * Reads every field of a small message into number → last value (varints as bigint, other
 * wire types as bytes). Used by the special types (Time, IntOrString …) and runtime.Unknown.
 */
export function readRawFields(buf: Buffer): Map<number, RawValue> {
  const out = new Map<number, RawValue>();
  const reader = new WireReader(buf);
  while (!reader.done()) {
    const { field, wireType } = reader.readTag();
    out.set(field, readRawValue(reader, wireType));
  }
  return out;
}

function readRawValue(reader: WireReader, wireType: number): RawValue {
  switch (wireType) {
    case WireType.Varint:
      return reader.readVarint();
    case WireType.Fixed64:
      return reader.readFixed64();
    case WireType.LengthDelimited:
      return reader.readBytes();
    case WireType.Fixed32:
      return reader.readFixed32();
    default:
      throw new ProtobufDecodeError(`Unsupported protobuf wire type ${wireType}`);
  }
}
