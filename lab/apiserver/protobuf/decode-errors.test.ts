// Rejections of malformed or unsupported Kubernetes protobuf bodies, and body recognition.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ProtobufDecodeError,
  UnsupportedProtobufKindError,
  decodeKubernetesProtobuf,
  isKubernetesProtobuf,
} from './decode.js';
import { kubeEnvelope, pbBytes, pbMessage, pbString, pbVarint } from './wire-encoder.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/protobuf/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(`${fixtures}${name}`);

describe('decodeKubernetesProtobuf failures', () => {
  it('refuses a kind it has no descriptor for, naming the kind', () => {
    const body = kubeEnvelope('v1', 'Node', pbMessage(1, pbString(1, 'n1')));
    expect(() => decodeKubernetesProtobuf(body)).toThrow(
      'Protobuf decoding of kind Node (apiVersion "v1") is not supported',
    );
    try {
      decodeKubernetesProtobuf(body);
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedProtobufKindError);
      expect(e).toMatchObject({ kind: 'Node', apiVersion: 'v1', reason: 'UnsupportedMediaType' });
    }
  });

  it.each([
    ['a JSON body', Buffer.from('{"kind":"Namespace"}'), 'missing the k8s\\0 prefix'],
    [
      'a truncated envelope',
      fixture('namespace.pb').subarray(0, 30),
      'Invalid protobuf length: past the end of the message',
    ],
    [
      'a string field sent as a varint',
      kubeEnvelope('v1', 'Namespace', pbMessage(1, pbVarint(1, 5))),
      'Unexpected wire type 0 for protobuf field name (string)',
    ],
    [
      'a compressed envelope',
      Buffer.concat([
        Buffer.from('k8s\0', 'latin1'),
        pbMessage(1, pbString(1, 'v1'), pbString(2, 'Namespace')),
        pbString(3, 'gzip'),
      ]),
      'Unsupported protobuf content encoding "gzip"',
    ],
  ])('rejects %s with a ProtobufDecodeError', (_name, body, message) => {
    expect(() => decodeKubernetesProtobuf(body)).toThrow(ProtobufDecodeError);
    expect(() => decodeKubernetesProtobuf(body)).toThrow(message);
  });

  it('rejects envelopes nested without bound instead of overflowing the stack', () => {
    let body = kubeEnvelope('v1', 'ConfigMap', pbMessage(1));
    for (let i = 0; i < 100; i++) {
      body = kubeEnvelope(
        'apps/v1',
        'ControllerRevision',
        Buffer.concat([pbMessage(1), pbMessage(2, pbBytes(1, body))]),
      );
    }
    expect(() => decodeKubernetesProtobuf(body)).toThrow('Protobuf message nested too deeply');
  });
});

describe('isKubernetesProtobuf', () => {
  it.each([
    ['a captured kubectl body', fixture('namespace.pb'), true],
    ['the bare magic', Buffer.from('k8s\0', 'latin1'), true],
    ['JSON', Buffer.from('{}'), false],
    ['a short body', Buffer.from('k8s'), false],
    ['an empty body', Buffer.alloc(0), false],
  ])('answers for %s', (_name, body, expected) => {
    expect(isKubernetesProtobuf(body)).toBe(expected);
  });
});
