import { describe, expect, it } from 'vitest';
import type { ResourceInfo } from '../apiserver/types.js';
import {
  namespaceConditions,
  namespacedContentResources,
  stampConditions,
} from './namespace-plan.js';

const info = (group: string, resource: string, over: Partial<ResourceInfo> = {}): ResourceInfo => ({
  group,
  version: 'v1',
  resource,
  kind: resource,
  listKind: `${resource}List`,
  singular: resource,
  namespaced: true,
  shortNames: [],
  categories: [],
  verbs: ['get', 'list', 'watch', 'create', 'delete'],
  subresources: [],
  builtin: true,
  hasStatus: false,
  ...over,
});

describe('namespacedContentResources', () => {
  it('keeps namespaced resources that can be listed and deleted, one version each', () => {
    const all = [
      info('', 'configmaps'),
      info('', 'namespaces', { namespaced: false }),
      info('authorization.k8s.io', 'localsubjectaccessreviews', { verbs: ['create'] }),
      info('example.com', 'widgets', { version: 'v1beta1' }),
      info('example.com', 'widgets', { version: 'v1', storage: true }),
    ];
    const picked = namespacedContentResources(all).map(
      (r) => `${r.group}/${r.resource}@${r.version}`,
    );
    expect(picked).toEqual(['/configmaps@v1', 'example.com/widgets@v1']);
  });
});

describe('namespaceConditions', () => {
  it('words remaining content and finalizers as kube does', () => {
    const conditions = namespaceConditions(
      [
        { group: '', resource: 'configmaps', count: 2, finalizers: { 'example.com/hold': 1 } },
        { group: 'apps', resource: 'deployments', count: 1, finalizers: {} },
        { group: '', resource: 'secrets', count: 0, finalizers: {} },
      ],
      [],
    );
    const byType = Object.fromEntries(conditions.map((c) => [c.type, c]));
    expect(byType.NamespaceContentRemaining).toMatchObject({
      status: 'True',
      reason: 'SomeResourcesRemain',
      message:
        'Some resources are remaining: configmaps. has 2 resource instances, deployments.apps has 1 resource instances',
    });
    expect(byType.NamespaceFinalizersRemaining?.message).toBe(
      'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    );
    expect(byType.NamespaceDeletionContentFailure?.status).toBe('False');
  });

  it('reports failed deletes', () => {
    const failure = namespaceConditions([], ['pods.: boom']).find(
      (c) => c.type === 'NamespaceDeletionContentFailure',
    );
    expect(failure).toMatchObject({ status: 'True', reason: 'ContentDeletionFailed' });
  });

  it('keeps the transition time of an unchanged condition', () => {
    const first = stampConditions(namespaceConditions([], []), [], 't1');
    const second = stampConditions(namespaceConditions([], []), first, 't2');
    expect(second).toEqual(first);
  });
});
