// AdmissionReview v1 on the wire: the request kube-apiserver sends, the checks it makes on the
// response (VerifyAdmissionResponse), and how a denial becomes the client's Status
// (webhookerrors.ToStatusErr). Pure; webhook-client.ts does the HTTP.
import { randomUUID } from 'node:crypto';
import type { AdmissionAttributes, UserInfo } from '../apiserver/extension-points.js';
import { StatusError } from '../apiserver/status-errors.js';
import type { StatusDetails } from '../apiserver/status-errors.js';
import type { KubeObject } from '../apiserver/types.js';
import type { Invocation } from './matching.js';

/** A webhook could not be called or answered nonsense; failurePolicy decides (kube's ErrCallingWebhook). */
export class CallingWebhookError extends Error {
  override readonly name = 'CallingWebhookError';
  constructor(
    readonly webhookName: string,
    readonly why: string,
  ) {
    super(`failed calling webhook "${webhookName}": ${why}`);
  }
}

/** The parts of an AdmissionResponse the dispatcher uses. */
export interface ReviewResult {
  allowed: boolean;
  status?: {
    code?: number;
    message?: string;
    reason?: string;
    status?: string;
    details?: StatusDetails;
  };
  patch?: string;
  patchType?: string;
  warnings: string[];
}

const OPTIONS_KIND: Record<string, string> = {
  CREATE: 'CreateOptions',
  UPDATE: 'UpdateOptions',
  DELETE: 'DeleteOptions',
};

function optionsFor(a: AdmissionAttributes): Record<string, unknown> | undefined {
  const kind = OPTIONS_KIND[a.operation];
  if (!kind) return undefined;
  const given =
    a.options && typeof a.options === 'object' ? (a.options as Record<string, unknown>) : {};
  return { ...given, kind, apiVersion: 'meta.k8s.io/v1' };
}

function userInfoJson(u: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: u.username };
  if (u.uid) out.uid = u.uid;
  out.groups = u.groups;
  if (u.extra) out.extra = u.extra;
  return out;
}

function withApiVersion(obj: KubeObject | undefined, inv: Invocation): KubeObject | null {
  if (!obj) return null;
  const { group, version } = inv.kind;
  // Under matchPolicy Equivalent the webhook sees the version it asked for.
  return { ...obj, apiVersion: group ? `${group}/${version}` : version };
}

/** The AdmissionReview kube-apiserver posts for one invocation (`uid` fresh per call). */
export function buildReview(
  a: AdmissionAttributes,
  inv: Invocation,
  uid: string = randomUUID(),
): Record<string, unknown> {
  const requestResource = {
    group: a.info.apiGroup,
    version: a.info.apiVersion,
    resource: a.info.resource,
  };
  const request: Record<string, unknown> = {
    uid,
    kind: inv.kind,
    resource: inv.resource,
    subResource: a.info.subresource || undefined,
    requestKind: a.gvk,
    requestResource,
    requestSubResource: a.info.subresource || undefined,
    name: a.object?.metadata.name ?? a.oldObject?.metadata.name ?? (a.info.name || undefined),
    namespace: a.info.namespace || undefined,
    operation: a.operation,
    userInfo: userInfoJson(a.user),
    object: withApiVersion(a.object, inv),
    oldObject: withApiVersion(a.oldObject, inv),
    dryRun: a.dryRun,
    options: optionsFor(a),
  };
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function responseShapeError(body: Record<string, unknown>, uid: string): string {
  const response = body.response as Record<string, unknown> | undefined;
  if (!response) return 'webhook response was absent';
  if (response.uid !== uid) return `expected response.uid="${uid}", got "${text(response.uid)}"`;
  if (body.apiVersion !== 'admission.k8s.io/v1' || body.kind !== 'AdmissionReview') {
    return `expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got ${text(body.apiVersion)}, Kind=${text(body.kind)}`;
  }
  return '';
}

function patchFieldsError(response: Record<string, unknown>, mutating: boolean): string {
  const hasPatch = text(response.patch).length > 0;
  const hasType = text(response.patchType).length > 0;
  if (!mutating) {
    if (hasPatch) return 'validating webhook may not return response.patch';
    return hasType ? 'validating webhook may not return response.patchType' : '';
  }
  if (hasPatch && !hasType) return 'webhook returned response.patch but not response.patchType';
  if (!hasPatch && hasType) return 'webhook returned response.patchType but not response.patch';
  return '';
}

/** kube's VerifyAdmissionResponse; throws CallingWebhookError for an invalid response. */
export function verifyResponse(
  name: string,
  body: unknown,
  uid: string,
  mutating: boolean,
): ReviewResult {
  const review = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const response = (review.response ?? {}) as Record<string, unknown>;
  const problem = responseShapeError(review, uid) || patchFieldsError(response, mutating);
  if (problem) throw new CallingWebhookError(name, `received invalid webhook response: ${problem}`);
  return {
    allowed: response.allowed === true,
    status: response.status as ReviewResult['status'],
    patch: response.patch as string | undefined,
    patchType: response.patchType as string | undefined,
    warnings: Array.isArray(response.warnings) ? response.warnings.map(String) : [],
  };
}

/** kube's webhookerrors.ToStatusErr: the Status a denial is answered with. */
export function denialError(name: string, status: ReviewResult['status']): StatusError {
  const deniedBy = `admission webhook "${name}" denied the request`;
  const s = status ?? {};
  const code = !s.code || s.code < 400 ? 400 : s.code;
  let message = `${deniedBy} without explanation`;
  if (s.message) message = `${deniedBy}: ${s.message}`;
  else if (s.reason) message = `${deniedBy}: ${s.reason}`;
  return new StatusError(code, s.reason ?? '', message, s.details ?? {});
}
