import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/kube-client.js';
import { deregistrationRefs, modeConflict, resourceLabel, writeAction } from './register-plan.js';

const cluster = (pullMode: boolean): KubeObject => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'SveltosCluster',
  metadata: { name: 'cluster01', namespace: 'rke2', resourceVersion: '5' },
  spec: pullMode ? { pullMode: true } : {},
});

describe('resourceLabel', () => {
  it('prints names as kubectl does', () => {
    expect(resourceLabel({ apiVersion: 'v1', kind: 'Namespace', name: 'rke2' })).toBe(
      'namespace/rke2',
    );
    expect(
      resourceLabel({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', name: 'c' }),
    ).toBe('role.rbac.authorization.k8s.io/c');
    expect(
      resourceLabel(
        cluster(true).metadata && {
          apiVersion: 'lib.projectsveltos.io/v1beta1',
          kind: 'SveltosCluster',
          name: 'cluster01',
        },
      ),
    ).toBe('sveltoscluster.lib.projectsveltos.io/cluster01');
  });
});

describe('writeAction', () => {
  it('is created without a live object, unchanged when resourceVersion stays, configured otherwise', () => {
    const live = cluster(false);
    expect(writeAction(undefined, live)).toBe('created');
    expect(writeAction(live, live)).toBe('unchanged');
    expect(
      writeAction(live, { ...live, metadata: { ...live.metadata, resourceVersion: '6' } }),
    ).toBe('configured');
  });
});

describe('modeConflict', () => {
  it('allows a new cluster and a re-run in the same mode', () => {
    expect(modeConflict(undefined, true)).toBe('');
    expect(modeConflict(cluster(true), true)).toBe('');
    expect(modeConflict(cluster(false), false)).toBe('');
  });

  it('refuses to switch a push cluster to pull mode, naming the fix', () => {
    expect(modeConflict(cluster(false), true)).toBe(
      'SveltosCluster rke2/cluster01 is already registered in push mode and cannot switch to pull mode; ' +
        'run "kubectl sveltos deregister cluster --namespace=rke2 --cluster=cluster01" first',
    );
  });

  it('refuses to switch a pull cluster to push mode', () => {
    expect(modeConflict(cluster(true), false)).toContain('already registered in pull mode');
  });
});

describe('deregistrationRefs', () => {
  const id = { namespace: 'rke2', name: 'cluster01' };
  const names = (pull: boolean | undefined): string[] =>
    deregistrationRefs(id, pull).map((r) => `${r.kind}/${r.name}`);

  it('removes the SveltosCluster first, then the pull credentials and RBAC, never the namespace', () => {
    expect(names(true)).toEqual([
      'SveltosCluster/cluster01',
      'RoleBinding/cluster01',
      'Role/cluster01',
      'Secret/cluster01',
      'ServiceAccount/cluster01',
    ]);
  });

  it('removes the kubeconfig Secret of a push cluster', () => {
    expect(names(false)).toEqual([
      'SveltosCluster/cluster01',
      'Secret/cluster01-sveltos-kubeconfig',
    ]);
  });

  it('considers both modes when the SveltosCluster is already gone', () => {
    expect(names(undefined)).toEqual([...names(true), 'Secret/cluster01-sveltos-kubeconfig']);
  });
});
