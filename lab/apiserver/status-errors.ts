// Errors of the lab API server as `metav1.Status` bodies worded exactly like kube-apiserver
// (k8s.io/apimachinery/pkg/api/errors), so kubectl prints the same lines it prints on a real
// cluster. Every module that refuses a request throws a StatusError; the server renders it.
import type { FieldError, FieldErrorType } from './types.js';

/** A group plus a resource (`configmaps`) or kind (`ConfigMap`), as kube's GroupResource. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** `metav1.StatusCause`. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** `metav1.StatusDetails`. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** A refused request; `toStatus()` is the body, `code` the HTTP status. */
export class StatusError extends Error {
  override readonly name = 'StatusError';
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;

  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** The `metav1.Status` body kube-apiserver would send. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      // metav1.Status omits an empty reason (StatusReasonUnknown), e.g. etcd's passed-through errors.
      ...(this.reason ? { reason: this.reason } : {}),
      details: this.details ?? {},
      code: this.code,
    };
  }
}

/** `configmaps` or `clusterprofiles.config.projectsveltos.io` (kube's GroupResource.String()). */
export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function detailsOf(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: gr.resource };
  if (gr.group) d.group = gr.group;
  if (!name) delete d.name;
  return d;
}

/** 404 `configmaps "x" not found`. */
export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(
    404,
    'NotFound',
    `${qualifiedResource(gr)} "${name}" not found`,
    detailsOf(gr, name),
  );
}

/** 404 for a path the server does not serve. */
export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 409 `configmaps "x" already exists`. */
export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualifiedResource(gr)} "${name}" already exists`,
    detailsOf(gr, name),
  );
}

/** 409 Conflict; `why` defaults to kube's stale-resourceVersion wording. */
export function conflict(gr: GroupResource, name: string, why?: string): StatusError {
  const reason =
    why ??
    'the object has been modified; please apply your changes to the latest version and try again';
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${reason}`,
    detailsOf(gr, name),
  );
}

const typeWords: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueNotFound: 'Not found',
};

const valueless = new Set<FieldErrorType>([
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueTooLong',
]);

/** Go's `%#v`-ish rendering of a bad value, as field.Error.ErrorBody prints it. */
function formatBadValue(value: unknown): string {
  if (value === null) return '"null"';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** kube's field.Error.ErrorBody(): `Unsupported value: "Foo": supported values: "A", "B"`. */
export function fieldErrorBody(e: FieldError): string {
  let s = typeWords[e.type] ?? 'Invalid value';
  if (!valueless.has(e.type) && e.badValue !== undefined) s += `: ${formatBadValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** kube's field.Error.Error(): `spec.x: Invalid value: 3: must be positive`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** utilerrors.Aggregate wording: one message as is, several as `[a, b]` (duplicates dropped). */
export function aggregateMessages(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/**
 * 422 Invalid: `ClusterProfile.config.projectsveltos.io "x" is invalid: spec.syncMode: …`.
 * `kind` is the Kind (not the resource); kubectl prints `The ClusterProfile "x" is invalid: …`.
 */
export function invalid(
  gk: { group: string; kind: string },
  name: string,
  errors: FieldError[],
): StatusError {
  const qualifiedKind = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  const causes = errors.map((e) => ({
    reason: e.type,
    message: fieldErrorBody(e),
    field: e.field,
  }));
  const message = errors.length
    ? `${qualifiedKind} "${name}" is invalid: ${aggregateMessages(errors.map(fieldErrorString))}`
    : `${qualifiedKind} "${name}" is invalid`;
  const details: StatusDetails = { name, kind: gk.kind, causes };
  if (gk.group) details.group = gk.group;
  return new StatusError(422, 'Invalid', message, details);
}

/** 403 `configmaps "x" is forbidden: REASON` (name may be empty). */
export function forbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const subject = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  return new StatusError(
    403,
    'Forbidden',
    `${subject} is forbidden: ${reason}`,
    detailsOf(gr, name),
  );
}

/** 401 Unauthorized (kube sends exactly this message). */
export function unauthorized(message = 'Unauthorized'): StatusError {
  return new StatusError(401, 'Unauthorized', message, {});
}

/** 400 BadRequest with the given message. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message, {});
}

/** 405 `ACTION is not supported on resources of kind "configmaps"`. */
export function methodNotSupported(gr: GroupResource, action: string): StatusError {
  return new StatusError(
    405,
    'MethodNotAllowed',
    `${action} is not supported on resources of kind "${qualifiedResource(gr)}"`,
    { group: gr.group || undefined, kind: gr.resource },
  );
}

/** 415 UnsupportedMediaType; `accepted` lists the media types the endpoint takes. */
export function unsupportedMediaType(contentType: string, accepted: string[]): StatusError {
  const message = accepted.length
    ? `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`
    : `the body of the request was in an unknown format (${contentType})`;
  return new StatusError(415, 'UnsupportedMediaType', message, {});
}

/** 410 Expired `too old resource version: 5 (120)` (watch from a compacted version). */
export function gone(requested: string, oldest: string): StatusError {
  return new StatusError(410, 'Expired', `too old resource version: ${requested} (${oldest})`, {});
}

/** 410 Expired for a stale continue token. */
export function continueExpired(): StatusError {
  return new StatusError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
    {},
  );
}

/** 413 RequestEntityTooLarge. */
export function tooLarge(limitBytes: number): StatusError {
  return new StatusError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: limit is ${limitBytes}`,
    {},
  );
}

/** 500 InternalError `Internal error occurred: …`. */
export function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}

/** 406 NotAcceptable for an Accept header the server cannot produce. */
export function notAcceptable(accepted: string[]): StatusError {
  return new StatusError(
    406,
    'NotAcceptable',
    `only the following media types are accepted: ${accepted.join(', ')}`,
    {},
  );
}

/** True when a value is a StatusError (also across module copies). */
export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}
