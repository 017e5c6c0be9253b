// Entry point of the Kubernetes protobuf codec: recognises `application/vnd.kubernetes.protobuf`
// bodies (magic `k8s\0` + runtime.Unknown) and decodes them into the JSON object the same
// request would have carried as JSON. Decoding only; replies stay JSON (clients accept both).
import type { KubeObject } from '../types.js';
import { decodeMessage } from './decode-message.js';
import type { DecodeContext } from './decode-message.js';
import { descriptorRegistry, messageForKind } from './kinds.js';
import { ProtobufDecodeError, readRawFields } from './wire.js';
import type { RawValue } from './wire.js';

export { ProtobufDecodeError } from './wire.js';

const magic = Buffer.from('k8s\0', 'latin1');

/** A well-formed envelope whose kind has no descriptor; core answers 415 naming the kind. */
export class UnsupportedProtobufKindError extends Error {
  override readonly name = 'UnsupportedProtobufKindError';
  readonly reason = 'UnsupportedMediaType';

  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`Protobuf decoding of kind ${kind} (apiVersion "${apiVersion}") is not supported`);
  }
}

/** True when the body starts with the Kubernetes protobuf magic `k8s\0`. */
export function isKubernetesProtobuf(body: Buffer): boolean {
  return body.length >= magic.length && body.subarray(0, magic.length).equals(magic);
}

function text(v: RawValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'bigint') throw new ProtobufDecodeError('Expected a string field');
  return v.toString('utf8');
}

function bytesOf(v: RawValue | undefined): Buffer {
  if (typeof v === 'bigint') throw new ProtobufDecodeError('Expected a bytes field');
  return v ?? Buffer.alloc(0);
}

function decodeEnvelope(body: Buffer, depth: number): Record<string, unknown> {
  if (!isKubernetesProtobuf(body)) {
    throw new ProtobufDecodeError('Body is not Kubernetes protobuf: missing the k8s\\0 prefix');
  }
  const unknown = readRawFields(body.subarray(magic.length));
  const typeMeta = readRawFields(bytesOf(unknown.get(1)));
  const apiVersion = text(typeMeta.get(1));
  const kind = text(typeMeta.get(2));
  const encoding = text(unknown.get(3));
  if (encoding !== '') {
    throw new ProtobufDecodeError(`Unsupported protobuf content encoding "${encoding}"`);
  }
  const message = messageForKind(apiVersion, kind);
  if (!message) throw new UnsupportedProtobufKindError(apiVersion, kind);
  const ctx: DecodeContext = {
    registry: descriptorRegistry(),
    nested: decodeEnvelope,
    depth,
  };
  const decoded = decodeMessage(ctx, message, bytesOf(unknown.get(2))) as Record<string, unknown>;
  return { kind, apiVersion, ...decoded };
}

/**
 * Decodes a Kubernetes protobuf request body into its JSON form, `kind` and `apiVersion` first
 * as Go's JSON encoder writes them. Throws UnsupportedProtobufKindError for a kind without a
 * descriptor and ProtobufDecodeError for malformed bytes. Options kinds such as DeleteOptions
 * have no `metadata`; every object kind has it.
 */
export function decodeKubernetesProtobuf(body: Buffer): KubeObject {
  return decodeEnvelope(body, 0) as KubeObject;
}
