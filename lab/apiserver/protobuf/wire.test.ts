import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError, WireReader, WireType, readRawFields } from './wire.js';
import { pbBytes, pbDouble, pbFloat, pbString, pbVarint } from './wire-encoder.js';

describe('WireReader', () => {
  it.each([
    [[0x00], 0n],
    [[0x01], 1n],
    [[0x96, 0x01], 150n],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffffn],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 0xffffffffffffffffn],
  ])('reads the varint %j as %s', (bytes, expected) => {
    expect(new WireReader(Buffer.from(bytes)).readVarint()).toBe(expected);
  });

  it('reads a field key as field number and wire type', () => {
    const r = new WireReader(Buffer.from([0x7a]));
    expect(r.readTag()).toEqual({ field: 15, wireType: WireType.LengthDelimited });
    expect(r.done()).toBe(true);
  });

  it('reads length-delimited payloads as views of the input', () => {
    const r = new WireReader(Buffer.from([0x03, 0x61, 0x62, 0x63, 0x01]));
    expect(r.readBytes().toString()).toBe('abc');
    expect(r.readVarint()).toBe(1n);
  });

  it('skips every wire type it knows and lands on the next field', () => {
    const buf = Buffer.concat([
      pbVarint(1, 300),
      pbDouble(2, 1.5),
      pbString(3, 'skip me'),
      pbFloat(4, 2),
      pbVarint(5, 7),
    ]);
    const r = new WireReader(buf);
    for (let i = 0; i < 4; i++) r.skip(r.readTag().wireType);
    expect(r.readTag().field).toBe(5);
    expect(r.readVarint()).toBe(7n);
  });

  it.each([
    ['a truncated varint', Buffer.from([0x80]), 'Truncated protobuf message'],
    ['an 11-byte varint', Buffer.alloc(11, 0xff), 'Invalid protobuf varint: more than 10 bytes'],
  ])('rejects %s', (_name, buf, message) => {
    expect(() => new WireReader(buf).readVarint()).toThrow(message);
  });

  it('rejects a length that runs past the end of the message', () => {
    const r = new WireReader(Buffer.from([0x05, 0x61]));
    expect(() => r.readBytes()).toThrow(ProtobufDecodeError);
    expect(() => new WireReader(Buffer.from([0x05, 0x61])).readBytes()).toThrow(
      'Invalid protobuf length: past the end of the message',
    );
  });

  it('rejects field number 0 and group wire types', () => {
    expect(() => new WireReader(Buffer.from([0x02])).readTag()).toThrow(
      'Invalid protobuf field number 0',
    );
    const r = new WireReader(Buffer.from([0x0b]));
    expect(() => r.skip(r.readTag().wireType)).toThrow('Unsupported protobuf wire type 3');
  });

  it('reports decode failures with the BadRequest reason', () => {
    try {
      new WireReader(Buffer.alloc(0)).readVarint();
    } catch (e) {
      expect(e).toBeInstanceOf(ProtobufDecodeError);
      expect((e as ProtobufDecodeError).reason).toBe('BadRequest');
    }
    expect.assertions(2);
  });
});

describe('readRawFields', () => {
  it('keeps the last value of each field, varints as bigint and the rest as bytes', () => {
    const fields = readRawFields(
      Buffer.concat([pbVarint(1, 1), pbVarint(1, 2), pbBytes(2, Buffer.from('x')), pbFloat(3, 1)]),
    );
    expect(fields.get(1)).toBe(2n);
    expect(fields.get(2)).toEqual(Buffer.from('x'));
    expect(fields.get(3)).toHaveLength(4);
  });
});
