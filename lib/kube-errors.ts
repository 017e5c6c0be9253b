// Typed errors for calls to a Kubernetes API server, and the mapping from what client-node
// throws (ApiException with a Status body, undici network errors, discovery failures) to them.
// No client-node import: the CLI's error printer uses these classes without loading the client.
// Messages never carry request bodies or credentials. Tests: kube-errors.test.ts.

/** The call that failed, named the way kube-apiserver names it in a 403. */
export interface KubeOperation {
  /** API verb: get, list, create, patch, update, delete. */
  verb: string;
  /** Kind of the object (e.g. `SveltosCluster`) or resource (e.g. `serviceaccounts/token`). */
  kind: string;
  namespace?: string | undefined;
  name?: string | undefined;
  /** API server URL, for connection errors. */
  server: string;
  /** What the server is to the user, e.g. `the management cluster` (default `the server`). */
  target?: string | undefined;
}

/** The fields of a `meta/v1 Status` body that matter for errors. */
export interface KubeStatus {
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: Array<{ message?: string; field?: string }>;
  };
}

/**
 * A failed API call. `code` is the HTTP status (0 when the server was not reached); `reason` is
 * the Kubernetes Status reason (`NotFound`, `Forbidden` …) or `Unreachable`/`ResourceTypeNotFound`.
 */
export class KubeApiError extends Error {
  override name = 'KubeApiError';
  readonly code: number;
  readonly reason: string;
  readonly operation: KubeOperation;
  constructor(init: KubeErrorInit) {
    super(init.message, { cause: init.cause });
    this.code = init.code;
    this.reason = init.reason;
    this.operation = init.operation;
  }
}

/** Constructor input of every KubeApiError class. */
export interface KubeErrorInit {
  message: string;
  code: number;
  reason: string;
  operation: KubeOperation;
  cause?: unknown;
}

/** 404: the object does not exist. */
export class NotFoundError extends KubeApiError {
  override name = 'NotFoundError';
}
/** 409 AlreadyExists on create. */
export class AlreadyExistsError extends KubeApiError {
  override name = 'AlreadyExistsError';
}
/** 409 Conflict: stale resourceVersion or a server-side-apply field conflict. */
export class ConflictError extends KubeApiError {
  override name = 'ConflictError';
}
/** 403: the user may not perform `operation.verb` on `operation.kind`. */
export class ForbiddenError extends KubeApiError {
  override name = 'ForbiddenError';
}
/** 401: the credentials were refused. */
export class UnauthorizedError extends KubeApiError {
  override name = 'UnauthorizedError';
}
/** 422 or 400: the object was rejected by validation or admission. */
export class InvalidError extends KubeApiError {
  override name = 'InvalidError';
}
/** The server could not be reached (refused, DNS, TLS, timeout); `code` is 0. */
export class UnreachableError extends KubeApiError {
  override name = 'UnreachableError';
}
/** The API group/version does not serve the kind (e.g. the Sveltos CRDs are not installed). */
export class ResourceTypeNotFoundError extends KubeApiError {
  override name = 'ResourceTypeNotFoundError';
}

/** Shape of client-node's ApiException, matched structurally to avoid importing it. */
interface ApiExceptionLike {
  code: number;
  body: unknown;
  message: string;
}

function isApiException(err: unknown): err is ApiExceptionLike {
  if (!(err instanceof Error) || !('body' in err)) return false;
  const code = (err as Partial<ApiExceptionLike>).code;
  return typeof code === 'number' && code >= 100;
}

/** Parses the Status body of an error response (client-node hands it over as text). */
export function parseStatus(body: unknown): KubeStatus {
  if (typeof body === 'object' && body !== null) return body;
  if (typeof body !== 'string' || body === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return { message: body.slice(0, 200) };
  }
}

/** Converts anything a client-node call throws into a KubeApiError subclass. */
export function toKubeError(err: unknown, op: KubeOperation): KubeApiError {
  if (err instanceof KubeApiError) return err;
  if (isDiscoveryFailure(err)) return discoveryError(err, op);
  if (isApiException(err)) return fromStatus(err.code, parseStatus(err.body), op, err);
  return networkError(err, op);
}

function isDiscoveryFailure(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  return (
    err.message.startsWith('Unrecognized API version and kind') ||
    (err.message.startsWith('Failed to fetch resource metadata') &&
      isApiException(err) &&
      err.code === 404)
  );
}

function discoveryError(err: Error, op: KubeOperation): KubeApiError {
  return new ResourceTypeNotFoundError({
    message: `${capitalise(op.target ?? 'the server')} at ${op.server} does not serve kind ${op.kind}; are its CustomResourceDefinitions installed?`,
    code: 404,
    reason: 'ResourceTypeNotFound',
    operation: op,
    cause: err,
  });
}

type ErrorClass = new (init: KubeErrorInit) => KubeApiError;

const BY_REASON: Record<string, ErrorClass> = {
  NotFound: NotFoundError,
  AlreadyExists: AlreadyExistsError,
  Conflict: ConflictError,
  Forbidden: ForbiddenError,
  Unauthorized: UnauthorizedError,
  Invalid: InvalidError,
  BadRequest: InvalidError,
};

const BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
};

/** Builds the typed error for an HTTP error status and its Status body. */
export function fromStatus(
  code: number,
  status: KubeStatus,
  op: KubeOperation,
  cause?: unknown,
): KubeApiError {
  const reason = status.reason || BY_CODE[code] || 'InternalError';
  const Cls = BY_REASON[reason] ?? KubeApiError;
  const message = describeStatus(code, reason, status, op);
  return new Cls({ message, code, reason, operation: op, cause });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function objectLabel(op: KubeOperation): string {
  const name = op.name ? ` "${op.name}"` : '';
  const ns = op.namespace ? ` in namespace "${op.namespace}"` : '';
  return `${op.kind}${name}${ns}`;
}

function describeStatus(
  code: number,
  reason: string,
  status: KubeStatus,
  op: KubeOperation,
): string {
  const serverMessage = status.message?.trim();
  if (reason === 'Forbidden' && serverMessage?.includes('because it is being terminated')) {
    return `Namespace "${op.namespace ?? ''}" is being deleted; wait until it is gone, then retry`;
  }
  if (reason === 'Forbidden') return forbiddenMessage(serverMessage, op);
  if (reason === 'Unauthorized') {
    return `${capitalise(op.target ?? 'the server')} at ${op.server} refused the credentials (401 Unauthorized); check the kubeconfig's user`;
  }
  if (serverMessage) return `${reason} (${code}): ${serverMessage}`;
  return `${reason} (${code}) on ${op.verb} ${objectLabel(op)}`;
}

/** A 403 always names the verb and resource, even when the server's message does not. */
function forbiddenMessage(serverMessage: string | undefined, op: KubeOperation): string {
  const what = `cannot ${op.verb} ${objectLabel(op)}`;
  if (serverMessage && serverMessage.includes('cannot')) {
    return `Permission denied: ${what}: ${serverMessage}`;
  }
  return `Permission denied: ${what}${serverMessage ? `: ${serverMessage}` : ''}`;
}

const NETWORK_HINTS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by unknown authority',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate signed by unknown authority',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate signed by unknown authority',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is not valid for this host',
  CERT_HAS_EXPIRED: 'certificate has expired',
};

function deepestCause(err: unknown): unknown {
  let current: unknown = err;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown } | undefined)?.cause;
    if (next === undefined || next === null) break;
    current = next;
  }
  return current;
}

function rootCause(err: unknown): { code?: string; message: string; name?: string } {
  const current = deepestCause(err);
  const e = (current ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    message: typeof e.message === 'string' ? e.message : String(current),
  };
}

function isNetworkFailure(err: unknown, root: ReturnType<typeof rootCause>): boolean {
  // client-node rewrites discovery errors to `Failed to fetch resource metadata …: fetch failed`.
  if (err instanceof TypeError && err.message.endsWith('fetch failed')) return true;
  if (root.name === 'TimeoutError' || root.name === 'AbortError') return true;
  return (
    root.code !== undefined &&
    (root.code in NETWORK_HINTS || /^(E[A-Z]|UND_ERR|ERR_TLS)/.test(root.code))
  );
}

function networkError(err: unknown, op: KubeOperation): KubeApiError {
  const root = rootCause(err);
  if (!isNetworkFailure(err, root)) {
    const message = err instanceof Error ? err.message : String(err);
    return new KubeApiError({
      message: `${op.verb} ${objectLabel(op)} failed: ${message}`,
      code: 0,
      reason: 'ClientError',
      operation: op,
      cause: err,
    });
  }
  const timedOut = root.name === 'TimeoutError' || root.name === 'AbortError';
  const hint = timedOut ? 'request timed out' : (NETWORK_HINTS[root.code ?? ''] ?? root.message);
  return new UnreachableError({
    message: `Unable to connect to ${op.target ?? 'the server'} at ${op.server}: ${hint}`,
    code: 0,
    reason: 'Unreachable',
    operation: op,
    cause: err,
  });
}
