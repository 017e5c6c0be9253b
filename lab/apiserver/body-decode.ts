// Decodes request bodies by Content-Type, as kube-apiserver's negotiated serializers do: JSON,
// YAML, Kubernetes protobuf (the codec's decoder) and the four patch media types. Malformed
// bodies become 400 Status errors; unknown media types 415.
import { load } from 'js-yaml';
import {
  ProtobufDecodeError,
  UnsupportedProtobufKindError,
  decodeKubernetesProtobuf,
  isKubernetesProtobuf,
} from './protobuf/decode.js';
import { badRequest, unsupportedMediaType } from './status-errors.js';

export type PatchKind = 'merge' | 'json' | 'strategic' | 'apply';

const PATCH_TYPES: Record<string, PatchKind> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

const OBJECT_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
];

/** The media type of a Content-Type header, lower-case, parameters dropped. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The patch kind of a PATCH request's Content-Type, or a 415 error naming the accepted ones. */
export function patchKindOf(contentType: string | undefined): PatchKind {
  const kind = PATCH_TYPES[mediaTypeOf(contentType)];
  if (!kind) throw unsupportedMediaType(mediaTypeOf(contentType), Object.keys(PATCH_TYPES));
  return kind;
}

function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
}

function parseYaml(buf: Buffer): unknown {
  try {
    return load(buf.toString('utf8'));
  } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
}

function decodeProtobuf(buf: Buffer): unknown {
  if (!isKubernetesProtobuf(buf)) throw badRequest('protobuf body is missing the k8s\\0 prefix');
  try {
    return decodeKubernetesProtobuf(buf);
  } catch (e) {
    if (e instanceof UnsupportedProtobufKindError)
      throw unsupportedMediaType('application/vnd.kubernetes.protobuf', [
        'application/json',
        'application/yaml',
      ]);
    if (e instanceof ProtobufDecodeError)
      throw badRequest(`error decoding protobuf body: ${e.message}`);
    throw e;
  }
}

/**
 * Decodes an object body (create, update, delete options). An empty body decodes to undefined.
 * Throws 400 for malformed bodies and 415 for media types the server does not read.
 */
export function decodeObjectBody(buf: Buffer, contentType: string | undefined): unknown {
  if (buf.length === 0) return undefined;
  const type = mediaTypeOf(contentType);
  if (type === '' || type === 'application/json' || type === '*/*') return parseJson(buf);
  if (type === 'application/yaml' || type === 'text/yaml' || type === 'application/x-yaml')
    return parseYaml(buf);
  if (type === 'application/vnd.kubernetes.protobuf') return decodeProtobuf(buf);
  throw unsupportedMediaType(type, OBJECT_TYPES);
}

/** Decodes a patch body: apply patches are YAML (JSON is valid YAML), the others JSON. */
export function decodePatchBody(buf: Buffer, kind: PatchKind): unknown {
  if (buf.length === 0) throw badRequest('the body of the request was empty');
  return kind === 'apply' ? parseYaml(buf) : parseJson(buf);
}
