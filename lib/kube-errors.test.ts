import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  InvalidError,
  KubeApiError,
  NotFoundError,
  ResourceTypeNotFoundError,
  UnauthorizedError,
  UnreachableError,
  fromStatus,
  toKubeError,
} from './kube-errors.js';
import type { KubeOperation } from './kube-errors.js';

const op: KubeOperation = {
  verb: 'create',
  kind: 'Namespace',
  name: 'rke2',
  server: 'https://127.0.0.1:6443',
  target: 'the management cluster',
};

/** What client-node throws for an HTTP error: an Error with a numeric code and a text body. */
function apiException(code: number, body: unknown): Error {
  return Object.assign(new Error('Unsuccessful HTTP Request'), {
    code,
    body: JSON.stringify(body),
  });
}

describe('toKubeError', () => {
  it.each([
    [404, 'NotFound', NotFoundError],
    [409, 'AlreadyExists', AlreadyExistsError],
    [409, 'Conflict', ConflictError],
    [422, 'Invalid', InvalidError],
    [401, 'Unauthorized', UnauthorizedError],
    [403, 'Forbidden', ForbiddenError],
  ])('maps HTTP %i with reason %s to its class and keeps the code', (code, reason, Cls) => {
    const err = toKubeError(apiException(code, { kind: 'Status', reason, code, message: 'm' }), op);
    expect(err).toBeInstanceOf(Cls);
    expect(err.code).toBe(code);
    expect(err.reason).toBe(reason);
  });

  it('falls back on the HTTP code when the body is not a Status', () => {
    const err = toKubeError(Object.assign(new Error('x'), { code: 404, body: 'not json' }), op);
    expect(err).toBeInstanceOf(NotFoundError);
  });

  it('a 403 names the verb and the object even when the server message does not', () => {
    const err = fromStatus(403, { reason: 'Forbidden', message: 'forbidden' }, op);
    expect(err.message).toBe('Permission denied: cannot create Namespace "rke2": forbidden');
  });

  it('a 403 keeps the server wording naming the user and resource', () => {
    const message =
      'namespaces is forbidden: User "system:serviceaccount:a:b" cannot create resource "namespaces" in API group "" at the cluster scope';
    const err = fromStatus(403, { reason: 'Forbidden', message }, op);
    expect(err.message).toBe(`Permission denied: cannot create Namespace "rke2": ${message}`);
  });

  it('a refused connection is UnreachableError naming the cluster and URL', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    });
    const err = toKubeError(new TypeError('fetch failed', { cause }), op);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.code).toBe(0);
    expect(err.message).toBe(
      'Unable to connect to the management cluster at https://127.0.0.1:6443: connection refused',
    );
  });

  it('a timeout is UnreachableError', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toKubeError(timeout, op).message).toMatch(/request timed out$/);
  });

  it('an unknown certificate authority is named', () => {
    const cause = Object.assign(new Error('unable to verify'), {
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(toKubeError(new TypeError('fetch failed', { cause }), op).message).toMatch(
      /certificate signed by unknown authority$/,
    );
  });

  it('a kind the server does not serve is ResourceTypeNotFoundError', () => {
    const err = toKubeError(
      new Error('Unrecognized API version and kind: lib.projectsveltos.io/v1beta1 SveltosCluster'),
      {
        ...op,
        kind: 'SveltosCluster',
      },
    );
    expect(err).toBeInstanceOf(ResourceTypeNotFoundError);
    expect(err.message).toMatch(/^The management cluster at .* does not serve kind SveltosCluster/);
  });

  it('a discovery 404 is not mistaken for a missing object', () => {
    const discovery = Object.assign(
      new Error('Failed to fetch resource metadata for x/v1/Y: Unsuccessful'),
      {
        code: 404,
        body: '',
      },
    );
    expect(toKubeError(discovery, op)).toBeInstanceOf(ResourceTypeNotFoundError);
  });

  it('a programming error is not reported as a network failure', () => {
    const err = toKubeError(new Error('Required spec property name is not set'), op);
    expect(err).not.toBeInstanceOf(UnreachableError);
    expect(err).toBeInstanceOf(KubeApiError);
    expect(err.reason).toBe('ClientError');
  });
});

describe('special cases of kube-apiserver wording', () => {
  it('a write into a terminating namespace says so instead of "permission denied"', () => {
    const message =
      'secrets "x" is forbidden: unable to create new content in namespace aks because it is being terminated';
    const err = fromStatus(403, { reason: 'Forbidden', message }, { ...op, namespace: 'aks' });
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.message).toBe('Namespace "aks" is being deleted; wait until it is gone, then retry');
  });

  it('a failed discovery request is a network failure', () => {
    const err = new TypeError(
      'Failed to fetch resource metadata for lib.projectsveltos.io/v1beta1/SveltosCluster: fetch failed',
      {
        cause: new Error('bad port'),
      },
    );
    expect(toKubeError(err, op)).toBeInstanceOf(UnreachableError);
  });
});
