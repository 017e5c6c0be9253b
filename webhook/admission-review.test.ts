import { describe, expect, it } from 'vitest';
import { decodeAdmissionReview } from './admission-review.js';

const review = (request: unknown, envelope: Record<string, unknown> = {}) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request,
  ...envelope,
});
const request = (fields: Record<string, unknown> = {}) => ({
  uid: 'u1',
  operation: 'CREATE',
  kind: { group: 'config.projectsveltos.io', version: 'v1beta1', kind: 'ClusterProfile' },
  ...fields,
});

describe('decodeAdmissionReview', () => {
  it('returns the request of a well-formed v1 review', () => {
    const decoded = decodeAdmissionReview(review(request()));
    expect(decoded).toEqual({ ok: true, request: request() });
  });

  it.each([
    ['null', null, 'Request body must be a JSON object'],
    ['a list', [], 'Request body must be a JSON object'],
    [
      'v1beta1',
      review(request(), { apiVersion: 'admission.k8s.io/v1beta1' }),
      'got kind "AdmissionReview" apiVersion "admission.k8s.io/v1beta1"',
    ],
    ['another kind', review(request(), { kind: 'TokenReview' }), 'got kind "TokenReview"'],
    ['no request', review(undefined), 'AdmissionReview has no request'],
    ['an empty uid', review(request({ uid: '' })), 'request.uid must be a non-empty string'],
    ['a numeric uid', review(request({ uid: 7 })), 'request.uid must be a non-empty string'],
    [
      'a huge uid',
      review(request({ uid: 'u'.repeat(300) })),
      'request.uid must be a non-empty string',
    ],
  ])('refuses %s without a uid to echo', (_name, body, message) => {
    const decoded = decodeAdmissionReview(body);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.message).toContain(message);
      expect(decoded.uid).toBeUndefined();
    }
  });

  it.each([
    [
      'an unknown operation',
      request({ operation: 'PATCH' }),
      'request.operation "PATCH" is not one of CREATE, UPDATE, DELETE, CONNECT',
    ],
    ['no kind', request({ kind: undefined }), 'request.kind must name group, version and kind'],
    ['a string dryRun', request({ dryRun: 'yes' }), 'request.dryRun must be a boolean'],
  ])('refuses %s but keeps the uid', (_name, req, message) => {
    expect(decodeAdmissionReview(review(req))).toEqual({
      ok: false,
      message: expect.stringContaining(message),
      uid: 'u1',
    });
  });
});
