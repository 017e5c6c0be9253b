import { describe, expect, it } from 'vitest';
import {
  agentRole,
  agentRoleBinding,
  agentTokenSecret,
  kubeconfigSecret,
  managementObjects,
  sveltosCluster,
} from './mgmt-objects.js';

const id = { namespace: 'rke2', name: 'cluster01' };

describe('management objects', () => {
  it('a pull-mode registration writes namespace, identity, token, RBAC, then the SveltosCluster', () => {
    const objects = managementObjects({ id, labels: { env: 'test' }, pullMode: true });
    expect(
      objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`),
    ).toEqual([
      'Namespace//rke2',
      'ServiceAccount/rke2/cluster01',
      'Secret/rke2/cluster01',
      'Role/rke2/cluster01',
      'RoleBinding/rke2/cluster01',
      'SveltosCluster/rke2/cluster01',
    ]);
  });

  it('a push-mode registration writes namespace, kubeconfig Secret, then the SveltosCluster', () => {
    const objects = managementObjects({ id, labels: {}, pullMode: false, kubeconfigYaml: 'k' });
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'Secret', 'SveltosCluster']);
  });

  it('the SveltosCluster carries the labels and pullMode only in pull mode', () => {
    expect(sveltosCluster(id, { env: 'test' }, true)).toEqual({
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: { name: 'cluster01', namespace: 'rke2', labels: { env: 'test' } },
      spec: { pullMode: true },
    });
    expect(sveltosCluster(id, {}, false)['spec']).toEqual({});
  });

  it('the push kubeconfig Secret uses sveltosctl names', () => {
    const secret = kubeconfigSecret(id, 'apiVersion: v1');
    expect(secret.metadata.name).toBe('cluster01-sveltos-kubeconfig');
    expect(secret['data']).toEqual({
      kubeconfig: Buffer.from('apiVersion: v1').toString('base64'),
    });
  });

  it('the token Secret is a ServiceAccount token for the cluster account', () => {
    const secret = agentTokenSecret(id);
    expect(secret['type']).toBe('kubernetes.io/service-account-token');
    expect(secret.metadata.annotations).toEqual({
      'kubernetes.io/service-account.name': 'cluster01',
    });
  });

  it('the agent Role grants exactly the pull-mode verbs, on its own SveltosCluster only, and no Secrets', () => {
    const role = agentRole(id);
    expect(role.metadata.namespace).toBe('rke2');
    expect(role['rules']).toEqual([
      {
        apiGroups: ['lib.projectsveltos.io'],
        resources: ['configurationgroups', 'configurationbundles'],
        verbs: ['get', 'list', 'watch'],
      },
      {
        apiGroups: ['lib.projectsveltos.io'],
        resources: ['configurationgroups/status'],
        verbs: ['update', 'patch'],
      },
      {
        apiGroups: ['lib.projectsveltos.io'],
        resources: ['sveltosclusters', 'sveltosclusters/status'],
        resourceNames: ['cluster01'],
        verbs: ['get', 'update', 'patch'],
      },
    ]);
    expect(JSON.stringify(role)).not.toContain('secrets');
  });

  it('the RoleBinding binds that Role to the cluster ServiceAccount', () => {
    expect(agentRoleBinding(id)).toMatchObject({
      roleRef: { kind: 'Role', name: 'cluster01' },
      subjects: [{ kind: 'ServiceAccount', name: 'cluster01', namespace: 'rke2' }],
    });
  });
});
