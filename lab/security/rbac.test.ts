import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.js';
import { aggregateRules } from './aggregation.js';
import { defaultClusterRoleBindings, defaultClusterRoles } from './default-roles.js';
import { forbiddenError } from './forbidden.js';
import { RbacIndex } from './rbac-index.js';
import { decide } from './rbac-authorizer.js';
import {
  nonResourceURLMatches,
  resourceMatches,
  ruleAllows,
  subjectMatches,
} from './rbac-rules.js';
import type { AuthzAttributes, PolicyRule } from './rbac-types.js';

const sa = {
  username: 'system:serviceaccount:ns:sa',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
};

function attrs(over: Partial<AuthzAttributes>): AuthzAttributes {
  return {
    ...sa,
    isResourceRequest: true,
    verb: 'get',
    apiGroup: '',
    resource: 'configmaps',
    subresource: '',
    namespace: 'ns',
    name: '',
    path: '',
    ...over,
  };
}

const role = (name: string, ns: string, rules: PolicyRule[]): KubeObject => ({
  kind: 'Role',
  metadata: { name, namespace: ns },
  rules,
});
const crole = (name: string, rules: PolicyRule[], labels?: Record<string, string>): KubeObject => ({
  kind: 'ClusterRole',
  metadata: { name, labels },
  rules,
});
const rb = (
  name: string,
  ns: string,
  roleRef: { kind: string; name: string },
  subjects: object[],
): KubeObject => ({
  kind: 'RoleBinding',
  metadata: { name, namespace: ns },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
  subjects,
});
const crb = (name: string, roleName: string, subjects: object[]): KubeObject => ({
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
  subjects,
});

describe('rule matching', () => {
  it('matches resources, subresources and */sub like kube', () => {
    const r = { verbs: ['get'], resources: ['pods', 'deployments/status', '*/scale'] };
    expect(resourceMatches(r, 'pods', '')).toBe(true);
    expect(resourceMatches(r, 'pods/log', 'log')).toBe(false);
    expect(resourceMatches(r, 'deployments/status', 'status')).toBe(true);
    expect(resourceMatches(r, 'deployments', '')).toBe(false);
    expect(resourceMatches(r, 'replicasets/scale', 'scale')).toBe(true);
    expect(resourceMatches({ verbs: [], resources: ['*'] }, 'x/y', 'y')).toBe(true);
  });

  it('matches nonResourceURLs exactly, by * and by trailing-* prefix', () => {
    const r = { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] };
    expect(nonResourceURLMatches(r, '/healthz')).toBe(true);
    expect(nonResourceURLMatches(r, '/healthz/x')).toBe(false);
    expect(nonResourceURLMatches(r, '/apis/apps/v1')).toBe(true);
    expect(nonResourceURLMatches(r, '/api')).toBe(false);
  });

  it('applies verbs, groups and resourceNames (create has no name)', () => {
    const r: PolicyRule = {
      verbs: ['get', 'update'],
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['a'],
    };
    expect(ruleAllows(attrs({ name: 'a' }), r)).toBe(true);
    expect(ruleAllows(attrs({ name: 'b' }), r)).toBe(false);
    expect(ruleAllows(attrs({ verb: 'create', name: '' }), r)).toBe(false);
    expect(ruleAllows(attrs({ apiGroup: 'apps', name: 'a' }), r)).toBe(false);
    expect(
      ruleAllows(attrs({ verb: 'list' }), { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
    ).toBe(true);
  });

  it('matches ServiceAccount subjects, defaulting the namespace to the binding', () => {
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'sa' }, sa, 'ns')).toBe(true);
    expect(subjectMatches({ kind: 'ServiceAccount', name: 'sa' }, sa, '')).toBe(false);
    expect(
      subjectMatches({ kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }, sa, 'other'),
    ).toBe(true);
    expect(subjectMatches({ kind: 'Group', name: 'system:serviceaccounts:ns' }, sa, '')).toBe(true);
    expect(subjectMatches({ kind: 'User', name: sa.username }, sa, '')).toBe(true);
  });
});

describe('decide', () => {
  const index = new RbacIndex({
    roles: [
      role('cm-reader', 'ns', [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'] },
      ]),
    ],
    clusterRoles: [
      crole('pod-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      crole('status-writer', [
        {
          verbs: ['update'],
          apiGroups: ['lib.projectsveltos.io'],
          resources: ['sveltosclusters/status'],
        },
      ]),
    ],
    roleBindings: [
      rb('read', 'ns', { kind: 'Role', name: 'cm-reader' }, [
        { kind: 'ServiceAccount', name: 'sa' },
      ]),
      rb('status', 'ns', { kind: 'ClusterRole', name: 'status-writer' }, [
        { kind: 'Group', name: 'system:serviceaccounts' },
      ]),
      rb('dangling', 'other', { kind: 'Role', name: 'missing' }, [
        { kind: 'User', name: sa.username },
      ]),
    ],
    clusterRoleBindings: [
      crb('all-pods', 'pod-reader', [{ kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }]),
    ],
  });

  it('grants a ClusterRoleBinding everywhere', () => {
    expect(decide(index, attrs({ resource: 'pods', namespace: 'anywhere' })).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "all-pods" of ClusterRole "pod-reader" to ServiceAccount "sa/ns"',
    );
  });

  it('allows through a RoleBinding and names it in the reason', () => {
    expect(decide(index, attrs({ verb: 'list' }))).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "read/ns" of Role "cm-reader" to ServiceAccount "sa/ns"',
    });
  });

  it('denies in another namespace and at the cluster scope', () => {
    expect(decide(index, attrs({ verb: 'list', namespace: 'elsewhere' }))).toEqual({
      allowed: false,
      reason: '',
    });
    expect(decide(index, attrs({ verb: 'list', namespace: '' })).allowed).toBe(false);
  });

  it('grants a ClusterRole through a RoleBinding only in that namespace', () => {
    const status = attrs({
      verb: 'update',
      apiGroup: 'lib.projectsveltos.io',
      resource: 'sveltosclusters',
      subresource: 'status',
      name: 'c1',
    });
    expect(decide(index, status).allowed).toBe(true);
    expect(decide(index, { ...status, subresource: '' }).allowed).toBe(false);
    expect(decide(index, { ...status, namespace: 'x' }).allowed).toBe(false);
  });

  it('reports bindings to missing roles as RBAC errors', () => {
    expect(decide(index, attrs({ namespace: 'other' }))).toEqual({
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "missing" not found',
    });
  });

  it('lets system:masters do anything', () => {
    expect(
      decide(
        index,
        attrs({ username: 'admin', groups: ['system:masters'], verb: 'delete', namespace: '' }),
      ).allowed,
    ).toBe(true);
  });

  it('gives every authenticated user discovery and self reviews through the defaults', () => {
    const defaults = new RbacIndex({
      roles: [],
      clusterRoles: defaultClusterRoles(),
      roleBindings: [],
      clusterRoleBindings: defaultClusterRoleBindings(),
    });
    const base = attrs({ isResourceRequest: false, path: '/apis/apps/v1' });
    expect(decide(defaults, base).allowed).toBe(true);
    expect(decide(defaults, { ...base, path: '/metrics' }).allowed).toBe(false);
    const ssar = attrs({
      verb: 'create',
      apiGroup: 'authorization.k8s.io',
      resource: 'selfsubjectaccessreviews',
      namespace: '',
    });
    expect(decide(defaults, ssar).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "system:basic-user" of ClusterRole "system:basic-user" to Group "system:authenticated"',
    );
  });
});

describe('aggregation', () => {
  it('unions the rules of matching roles in name order, without duplicates or itself', () => {
    const target: KubeObject = {
      kind: 'ClusterRole',
      metadata: { name: 'agg' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'true' } }] },
    };
    const a = crole('b-role', [{ verbs: ['get'], resources: ['pods'] }], { x: 'true' });
    const b = crole(
      'a-role',
      [
        { verbs: ['list'], resources: ['pods'] },
        { verbs: ['get'], resources: ['pods'] },
      ],
      { x: 'true' },
    );
    const c = crole('c-role', [{ verbs: ['delete'], resources: ['pods'] }]);
    expect(aggregateRules(target, [a, b, c, target])).toEqual([
      { verbs: ['list'], resources: ['pods'] },
      { verbs: ['get'], resources: ['pods'] },
    ]);
    expect(aggregateRules(a, [a])).toBeUndefined();
  });

  it('makes admin ⊇ edit ⊇ view from the default parts', () => {
    const roles = defaultClusterRoles();
    const view = aggregateRules(
      roles.find((r) => r.metadata.name === 'view')!,
      roles,
    )!;
    expect(view.some((r) => r.resources?.includes('configmaps') && r.verbs.includes('list'))).toBe(
      true,
    );
  });
});

describe('forbidden wording', () => {
  const user = { username: 'system:serviceaccount:ns:sa', groups: [] };
  const info = {
    isResourceRequest: true,
    path: '',
    verb: 'list',
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'configmaps',
    subresource: '',
    namespace: 'other',
    name: '',
  };

  it('matches kube-apiserver for namespaced, named, cluster-scoped, subresource and path requests', () => {
    expect(forbiddenError(user, info).message).toBe(
      'configmaps is forbidden: User "system:serviceaccount:ns:sa" cannot list resource "configmaps" in API group "" in the namespace "other"',
    );
    expect(forbiddenError(user, { ...info, verb: 'get', name: 'x' }).message).toBe(
      'configmaps "x" is forbidden: User "system:serviceaccount:ns:sa" cannot get resource "configmaps" in API group "" in the namespace "other"',
    );
    expect(
      forbiddenError(user, {
        ...info,
        apiGroup: 'lib.projectsveltos.io',
        resource: 'sveltosclusters',
        subresource: 'status',
        verb: 'update',
        name: 'c',
        namespace: '',
      }).message,
    ).toBe(
      'sveltosclusters.lib.projectsveltos.io "c" is forbidden: User "system:serviceaccount:ns:sa" cannot update resource "sveltosclusters/status" in API group "lib.projectsveltos.io" at the cluster scope',
    );
    expect(
      forbiddenError(user, { ...info, isResourceRequest: false, path: '/metrics', verb: 'get' })
        .message,
    ).toBe('forbidden: User "system:serviceaccount:ns:sa" cannot get path "/metrics"');
  });
});
