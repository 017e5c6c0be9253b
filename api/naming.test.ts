import { describe, expect, it } from 'vitest';
import {
  AGENT_NAMESPACE,
  AGENT_OBJECT_NAMES,
  clusterSummaryAnnotationValue,
  clusterSummaryName,
  configObjectName,
  capiKubeconfigSecretName,
  KUBECONFIG_SECRET_KEY,
  kubeconfigSecretName,
  pullAgentArgs,
  pullModeManagementNames,
} from './naming.js';

describe('clusterSummaryName', () => {
  it('names a ClusterProfile summary for a SveltosCluster <profile>-sveltos-<cluster>', () => {
    expect(clusterSummaryName('ClusterProfile', 'deploy-kyverno', 'cluster02')).toBe(
      'deploy-kyverno-sveltos-cluster02',
    );
  });

  it('prefixes summaries of a namespaced Profile with p--', () => {
    expect(clusterSummaryName('Profile', 'kyverno', 'cluster1', 'Sveltos')).toBe(
      'p--kyverno-sveltos-cluster1',
    );
  });

  it('uses capi for Cluster API clusters, as Sveltos does', () => {
    expect(clusterSummaryName('ClusterProfile', 'cni', 'workload', 'Capi')).toBe(
      'cni-capi-workload',
    );
    expect(clusterSummaryName('Profile', 'cni', 'workload', 'Capi')).toBe('p--cni-capi-workload');
  });

  it('matches the ClusterSummary name shown in the Sveltos troubleshooting guide', () => {
    expect(clusterSummaryName('ClusterProfile', 'deploy-kyverno', 'mgmt')).toBe(
      'deploy-kyverno-sveltos-mgmt',
    );
  });
});

describe('deployed-resource annotation values', () => {
  it('identifies the ClusterSummary as <prefix>-<namespace>-<cluster>', () => {
    expect(clusterSummaryAnnotationValue('Sveltos', 'prod', 'cluster01')).toBe(
      'sveltos-prod-cluster01',
    );
    expect(clusterSummaryAnnotationValue('Capi', 'default', 'c1')).toBe('capi-default-c1');
  });
});

describe('kubeconfig Secrets', () => {
  it('stores a SveltosCluster kubeconfig in <cluster>-sveltos-kubeconfig under key kubeconfig', () => {
    expect(kubeconfigSecretName('cluster02')).toBe('cluster02-sveltos-kubeconfig');
    expect(KUBECONFIG_SECRET_KEY).toBe('kubeconfig');
  });

  it('reads Cluster API kubeconfigs from <cluster>-kubeconfig', () => {
    expect(capiKubeconfigSecretName('workload')).toBe('workload-kubeconfig');
  });
});

describe('pull-mode names', () => {
  it('names the agent objects in the managed cluster as sveltosctl prints them', () => {
    expect(AGENT_NAMESPACE).toBe('projectsveltos');
    expect(AGENT_OBJECT_NAMES).toEqual({
      serviceAccount: 'sveltos-applier-manager',
      clusterRole: 'sveltos-applier-manager-role',
      clusterRoleBinding: 'sveltos-applier-manager-rolebinding',
      service: 'sveltos-applier-metrics-service',
      deployment: 'sveltos-applier-manager',
      container: 'controller',
    });
  });

  it('passes the cluster identity and kubeconfig Secret to the agent', () => {
    expect(pullAgentArgs('edge', 'store-17')).toEqual([
      '--cluster-namespace=edge',
      '--cluster-name=store-17',
      '--cluster-type=sveltos',
      '--secret-with-kubeconfig=store-17-sveltos-kubeconfig',
    ]);
  });

  it('names management-side RBAC after the cluster, cluster-wide ones <namespace>-<cluster>', () => {
    expect(pullModeManagementNames('edge', 'store-17')).toEqual({
      serviceAccount: 'store-17',
      tokenSecret: 'store-17',
      role: 'store-17',
      roleBinding: 'store-17',
      clusterRole: 'edge-store-17',
      clusterRoleBinding: 'edge-store-17',
    });
  });

  it('draws ConfigurationGroup/Bundle names as config- plus 20 of [0-9a-z]', () => {
    let n = 0;
    const name = configObjectName(() => (n++ % 36) / 36);
    expect(name).toBe('config-0123456789abcdefghij');
    expect(configObjectName()).toMatch(/^config-[0-9a-z]{20}$/);
  });

  it('stays inside the alphabet even if the random source returns its upper bound', () => {
    expect(configObjectName(() => 1)).toMatch(/^config-[0-9a-z]{20}$/);
  });
});
