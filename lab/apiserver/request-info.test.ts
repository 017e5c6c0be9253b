import { describe, expect, it } from 'vitest';
import { requestInfoFor } from './request-info.js';

const q = (s = '') => new URLSearchParams(s);

describe('requestInfoFor', () => {
  it.each([
    [
      'GET',
      '/api/v1/namespaces/ns/configmaps',
      '',
      { verb: 'list', resource: 'configmaps', namespace: 'ns', name: '' },
    ],
    ['GET', '/api/v1/namespaces/ns/configmaps/x', '', { verb: 'get', name: 'x' }],
    ['GET', '/api/v1/namespaces/ns/configmaps', 'watch=true', { verb: 'watch' }],
    [
      'GET',
      '/api/v1/watch/namespaces/ns/configmaps/x',
      '',
      { verb: 'watch', name: 'x', namespace: 'ns' },
    ],
    [
      'POST',
      '/apis/apps/v1/namespaces/ns/deployments',
      '',
      { verb: 'create', apiGroup: 'apps', apiVersion: 'v1' },
    ],
    [
      'PUT',
      '/apis/apps/v1/namespaces/ns/deployments/d/status',
      '',
      { verb: 'update', subresource: 'status' },
    ],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/ns/deployments/d/scale',
      '',
      { verb: 'patch', subresource: 'scale' },
    ],
    ['DELETE', '/api/v1/namespaces/ns/configmaps', '', { verb: 'deletecollection' }],
    ['DELETE', '/api/v1/namespaces/ns/configmaps/x', '', { verb: 'delete' }],
    ['GET', '/api/v1/namespaces', '', { verb: 'list', resource: 'namespaces', namespace: '' }],
    [
      'GET',
      '/api/v1/namespaces/foo',
      '',
      { verb: 'get', resource: 'namespaces', name: 'foo', namespace: 'foo' },
    ],
    [
      'PUT',
      '/api/v1/namespaces/foo/finalize',
      '',
      { resource: 'namespaces', name: 'foo', subresource: 'finalize' },
    ],
    [
      'GET',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin',
      '',
      { verb: 'get', resource: 'clusterroles', name: 'admin' },
    ],
  ])('%s %s?%s', (method, path, query, expected) => {
    const info = requestInfoFor(method, path, q(query));
    expect(info.isResourceRequest).toBe(true);
    expect(info).toMatchObject(expected);
  });

  it.each([
    '/api',
    '/api/v1',
    '/apis',
    '/apis/apps',
    '/apis/apps/v1',
    '/version',
    '/openapi/v3',
    '/healthz',
  ])('treats %s as a non-resource path', (path) => {
    const info = requestInfoFor('GET', path, q());
    expect(info).toMatchObject({ isResourceRequest: false, verb: 'get', path });
  });
});
