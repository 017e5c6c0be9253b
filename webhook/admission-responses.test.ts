import { describe, expect, it } from 'vitest';
import {
  MAX_LISTED_PROBLEMS,
  allowed,
  denied,
  errored,
  patched,
  resultOf,
  toReview,
} from './admission-responses.js';

describe('admission responses', () => {
  it('wraps a response in a v1 AdmissionReview', () => {
    expect(toReview(allowed('u'))).toEqual({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'u', allowed: true },
    });
  });

  it('lists every problem in one denial message, with causes per field', () => {
    const response = denied('u', [
      { path: 'spec.tier', value: 0, reason: 'must be between 1 and 2147483647' },
      {
        path: 'spec.helmCharts[1].chartVersion',
        value: 'v3.x',
        reason: 'not a valid semantic version',
      },
    ]);
    expect(response).toEqual({
      uid: 'u',
      allowed: false,
      status: {
        code: 403,
        reason: 'Forbidden',
        message:
          'spec.tier: 0: must be between 1 and 2147483647; spec.helmCharts[1].chartVersion: "v3.x": not a valid semantic version',
        details: {
          causes: [
            {
              type: 'FieldValueInvalid',
              field: 'spec.tier',
              message: 'spec.tier: 0: must be between 1 and 2147483647',
            },
            {
              type: 'FieldValueInvalid',
              field: 'spec.helmCharts[1].chartVersion',
              message: 'spec.helmCharts[1].chartVersion: "v3.x": not a valid semantic version',
            },
          ],
        },
      },
    });
    expect(resultOf(response)).toBe('denied');
  });

  it('bounds the denial: at most 50 problems, each at most 1 KiB, values that cannot print', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      path: `spec.x[${i}]`,
      value: i,
      reason: 'bad',
    }));
    expect(denied('u', many).status?.message).toMatch(
      new RegExp(`spec.x\\[49\\]: 49: bad; and 10 more$`),
    );
    expect(denied('u', many).status?.details?.causes).toHaveLength(MAX_LISTED_PROBLEMS);
    const big = denied('u', [{ path: 'spec', value: 'x'.repeat(5000), reason: 'bad' }]);
    expect(big.status?.message.length).toBeLessThanOrEqual(1024);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(denied('u', [{ path: 'spec', value: cyclic, reason: 'bad' }]).status?.message).toBe(
      'spec: bad',
    );
  });

  it('keeps warnings single-line and bounded', () => {
    const response = allowed('u', ['a\nb', ...Array.from({ length: 30 }, () => 'w'.repeat(1000))]);
    expect(response.warnings?.[0]).toBe('a b');
    expect(response.warnings).toHaveLength(20);
    expect(response.warnings?.[1]).toHaveLength(512);
  });

  it('encodes a JSON patch in base64, and an empty patch as a plain allow', () => {
    const ops = [{ op: 'add', path: '/metadata/labels/a', value: 'b' }];
    const response = patched('u', ops);
    expect(response.patchType).toBe('JSONPatch');
    expect(JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString())).toEqual(ops);
    expect(resultOf(response)).toBe('patched');
    expect(patched('u', [])).toEqual({ uid: 'u', allowed: true });
  });

  it('marks errored responses by their code', () => {
    const response = errored('u', 500, 'Internal\nerror');
    expect(response).toEqual({
      uid: 'u',
      allowed: false,
      status: { code: 500, message: 'Internal error' },
    });
    expect(resultOf(response)).toBe('errored');
  });
});
