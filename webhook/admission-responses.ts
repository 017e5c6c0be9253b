// The one place AdmissionReview responses are built: allowed, denied (with every field problem
// in one message), errored (the webhook could not decide) and patched (a JSON patch). Every
// response echoes the request uid. Pure; tests in admission-responses.test.ts.
import type { FieldProblem } from '../api/field-problem.js';
import { formatFieldProblem } from '../api/field-problem.js';
import { ADMISSION_API_VERSION, ADMISSION_KIND } from './admission-review.js';

/** Outcome label used in logs and metrics. */
export type AdmissionResult = 'allowed' | 'denied' | 'patched' | 'errored';

export interface AdmissionStatus {
  code: number;
  reason?: string;
  message: string;
  details?: { causes: { type: string; field: string; message: string }[] };
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  patchType?: 'JSONPatch';
  patch?: string;
  warnings?: string[];
}

export interface AdmissionReviewOut {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: typeof ADMISSION_KIND;
  response: AdmissionResponse;
}

/** Most problems listed in one denial; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;
const MAX_WARNINGS = 20;
const MAX_PROBLEM_CHARS = 1024;
const MAX_WARNING_CHARS = 512;

/** Wraps a response in the AdmissionReview envelope kube-apiserver expects back. */
export function toReview(response: AdmissionResponse): AdmissionReviewOut {
  return { apiVersion: ADMISSION_API_VERSION, kind: ADMISSION_KIND, response };
}

/** The request is admitted unchanged. */
export function allowed(uid: string, warnings: string[] = []): AdmissionResponse {
  return withWarnings({ uid, allowed: true }, warnings);
}

/**
 * The request is refused because of `problems`. The message lists them all (up to
 * MAX_LISTED_PROBLEMS) as `path: value: reason`, separated by `; `, so kubectl shows
 * `admission webhook "…" denied the request: spec.helmCharts[0].chartVersion: …`.
 */
export function denied(
  uid: string,
  problems: FieldProblem[],
  warnings: string[] = [],
): AdmissionResponse {
  const shown = problems.slice(0, MAX_LISTED_PROBLEMS);
  const listed = shown.map(safeFormat);
  const more = problems.length - listed.length;
  const message = more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
  const causes = shown.map((p, i) => ({
    type: 'FieldValueInvalid',
    field: p.path,
    message: listed[i] ?? '',
  }));
  const status = { code: 403, reason: 'Forbidden', message, details: { causes } };
  return withWarnings({ uid, allowed: false, status }, warnings);
}

// A problem's value comes from the request: bound what it can add to the message.
function safeFormat(problem: FieldProblem): string {
  let text: string;
  try {
    text = formatFieldProblem(problem);
  } catch {
    text = `${problem.path}: ${problem.reason}`;
  }
  return text.length > MAX_PROBLEM_CHARS ? `${text.slice(0, MAX_PROBLEM_CHARS - 3)}...` : text;
}

/** The webhook could not decide (bad request content, internal failure): not allowed. */
export function errored(uid: string, code: number, message: string): AdmissionResponse {
  return { uid, allowed: false, status: { code, message: singleLine(message) } };
}

/** The request is admitted with a JSON patch applied; no patch when `ops` is empty. */
export function patched(uid: string, ops: unknown[], warnings: string[] = []): AdmissionResponse {
  if (ops.length === 0) return allowed(uid, warnings);
  const patch = Buffer.from(JSON.stringify(ops)).toString('base64');
  return withWarnings({ uid, allowed: true, patchType: 'JSONPatch', patch }, warnings);
}

/** Classifies a response for logs and metrics. */
export function resultOf(response: AdmissionResponse): AdmissionResult {
  if (response.allowed) return response.patch ? 'patched' : 'allowed';
  return response.status?.code === 403 ? 'denied' : 'errored';
}

// Warnings travel as HTTP Warning headers: one line each, bounded in count and size.
function withWarnings(response: AdmissionResponse, warnings: string[]): AdmissionResponse {
  if (warnings.length === 0) return response;
  const cleaned = warnings
    .slice(0, MAX_WARNINGS)
    .map((w) => singleLine(w).slice(0, MAX_WARNING_CHARS));
  return { ...response, warnings: cleaned };
}

function singleLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
