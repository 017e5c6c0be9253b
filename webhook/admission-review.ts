// Decoding of the AdmissionReview (admission.k8s.io/v1) envelope kube-apiserver POSTs to a
// webhook. Anything that is not a well-formed v1 review with a request uid is rejected here with
// a clear reason, before any validator runs. Pure; tests in admission-review.test.ts.

export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';
export const ADMISSION_KIND = 'AdmissionReview';
const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const;
const MAX_UID_LENGTH = 256;

export type AdmissionOperation = (typeof OPERATIONS)[number];

/** The fields of `request` the webhook reads. */
export interface AdmissionRequest {
  uid: string;
  kind: { group: string; version: string; kind: string };
  resource?: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: AdmissionOperation;
  object?: unknown;
  oldObject?: unknown;
  dryRun?: boolean;
  userInfo?: { username?: string };
}

/** Outcome of decoding: a request, or why the body is not one (answered with HTTP 400). */
export type DecodedReview =
  { ok: true; request: AdmissionRequest } | { ok: false; message: string; uid?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates the envelope and returns the request. Never throws. */
export function decodeAdmissionReview(body: unknown): DecodedReview {
  if (!isRecord(body)) return { ok: false, message: 'Request body must be a JSON object' };
  if (body.kind !== ADMISSION_KIND || body.apiVersion !== ADMISSION_API_VERSION) {
    return {
      ok: false,
      message: `Request body must be an ${ADMISSION_KIND} of apiVersion ${ADMISSION_API_VERSION}, got kind ${describe(body.kind)} apiVersion ${describe(body.apiVersion)}`,
    };
  }
  const request = body.request;
  if (!isRecord(request)) return { ok: false, message: 'AdmissionReview has no request' };
  const uid = request.uid;
  if (typeof uid !== 'string' || uid === '' || uid.length > MAX_UID_LENGTH) {
    return { ok: false, message: 'AdmissionReview request.uid must be a non-empty string' };
  }
  const problem = requestProblem(request);
  if (problem !== undefined) return { ok: false, message: problem, uid };
  return { ok: true, request: request as unknown as AdmissionRequest };
}

function requestProblem(request: Record<string, unknown>): string | undefined {
  if (!OPERATIONS.includes(request.operation as AdmissionOperation)) {
    return `AdmissionReview request.operation ${describe(request.operation)} is not one of ${OPERATIONS.join(', ')}`;
  }
  const kind = request.kind;
  if (!isRecord(kind) || typeof kind.kind !== 'string' || typeof kind.group !== 'string') {
    return 'AdmissionReview request.kind must name group, version and kind';
  }
  if (request.dryRun !== undefined && typeof request.dryRun !== 'boolean') {
    return 'AdmissionReview request.dryRun must be a boolean';
  }
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 100));
  return value === undefined ? '(none)' : typeof value;
}
