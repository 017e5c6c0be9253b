// Minimal protobuf writer for the codec's tests: builds fields and Kubernetes envelopes byte by
// byte so tests can express bodies no captured fixture covers. The server never encodes
// protobuf (it answers JSON), so nothing else uses this module.

function varintBytes(value: bigint): Buffer {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

function key(field: number, wireType: number): Buffer {
  return varintBytes(BigInt(field * 8 + wireType));
}

/** A varint field (negative numbers as 10-byte two's complement, like Go int32/int64). */
export function pbVarint(field: number, value: number | bigint | boolean): Buffer {
  const v = typeof value === 'boolean' ? BigInt(value ? 1 : 0) : BigInt(value);
  return Buffer.concat([key(field, 0), varintBytes(v)]);
}

/** A length-delimited field holding raw bytes. */
export function pbBytes(field: number, value: Buffer): Buffer {
  return Buffer.concat([key(field, 2), varintBytes(BigInt(value.length)), value]);
}

/** A length-delimited string field. */
export function pbString(field: number, value: string): Buffer {
  return pbBytes(field, Buffer.from(value, 'utf8'));
}

/** An embedded message field made of the given encoded fields. */
export function pbMessage(field: number, ...fields: Buffer[]): Buffer {
  return pbBytes(field, Buffer.concat(fields));
}

/** One entry of a `map<string, …>` field; `value` is an already encoded field number 2. */
export function pbMapEntry(field: number, k: string, value: Buffer): Buffer {
  return pbMessage(field, pbString(1, k), value);
}

/** A 64-bit little-endian double field. */
export function pbDouble(field: number, value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value, 0);
  return Buffer.concat([key(field, 1), b]);
}

/** A 32-bit little-endian float field. */
export function pbFloat(field: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeFloatLE(value, 0);
  return Buffer.concat([key(field, 5), b]);
}

/** A packed repeated varint field. */
export function pbPacked(field: number, values: (number | bigint)[]): Buffer {
  return pbBytes(field, Buffer.concat(values.map((v) => varintBytes(BigInt(v)))));
}

/** A Kubernetes protobuf envelope: `k8s\0` + runtime.Unknown{typeMeta, raw, "", ""}. */
export function kubeEnvelope(apiVersion: string, kind: string, raw: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from('k8s\0', 'latin1'),
    pbMessage(1, pbString(1, apiVersion), pbString(2, kind)),
    pbBytes(2, raw),
    pbString(3, ''),
    pbString(4, ''),
  ]);
}
