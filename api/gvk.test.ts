import { describe, expect, it } from 'vitest';
import { ALL_KINDS, CLUSTER_PROFILE, findKind, SVELTOS_CLUSTER } from './gvk.js';

describe('group/version/kind constants', () => {
  it('addresses SveltosCluster as lib.projectsveltos.io/v1beta1 sveltosclusters, namespaced', () => {
    expect(SVELTOS_CLUSTER).toEqual({
      group: 'lib.projectsveltos.io',
      version: 'v1beta1',
      kind: 'SveltosCluster',
      listKind: 'SveltosClusterList',
      plural: 'sveltosclusters',
      singular: 'sveltoscluster',
      namespaced: true,
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      crdName: 'sveltosclusters.lib.projectsveltos.io',
    });
  });

  it('serves exactly the eight kinds of the design, with their Sveltos scopes', () => {
    const scopes = Object.fromEntries(ALL_KINDS.map((k) => [k.kind, k.namespaced]));
    expect(scopes).toEqual({
      SveltosCluster: true,
      ClusterProfile: false,
      Profile: true,
      ClusterSummary: true,
      ConfigurationGroup: true,
      ConfigurationBundle: true,
      ClusterSet: false,
      Set: true,
    });
  });

  it('uses the irregular plural clustersummaries', () => {
    expect(findKind('config.projectsveltos.io/v1beta1', 'ClusterSummary')?.plural).toBe(
      'clustersummaries',
    );
  });

  it('finds a kind only under its own apiVersion', () => {
    expect(findKind('config.projectsveltos.io/v1beta1', 'ClusterProfile')).toBe(CLUSTER_PROFILE);
    expect(findKind('lib.projectsveltos.io/v1beta1', 'ClusterProfile')).toBeUndefined();
    expect(findKind('config.projectsveltos.io/v1alpha1', 'ClusterProfile')).toBeUndefined();
  });
});
