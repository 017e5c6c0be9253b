import { describe, expect, it } from 'vitest';
import { isQualifiedName } from './k8s-names.js';
import * as labels from './labels.js';

const keys: [string, string][] = [];
for (const [name, value] of Object.entries(labels)) {
  if (/_(LABEL|ANNOTATION)$/.test(name) && typeof value === 'string') keys.push([name, value]);
}

describe('reserved label and annotation keys', () => {
  it.each(keys)('%s is a valid Kubernetes label/annotation key', (_name, key) => {
    expect(isQualifiedName(key)).toEqual([]);
  });

  it('uses the keys Sveltos writes on SveltosClusters and ClusterSummaries', () => {
    expect(labels.K8S_VERSION_LABEL).toBe('projectsveltos.io/k8s-version');
    expect(labels.SVELTOS_AGENT_LABEL).toBe('sveltos-agent');
    expect(labels.CLUSTER_NAME_LABEL).toBe('projectsveltos.io/cluster-name');
    expect(labels.CLUSTER_TYPE_LABEL).toBe('projectsveltos.io/cluster-type');
    expect(labels.CLUSTER_PROFILE_NAME_LABEL).toBe('projectsveltos.io/cluster-profile-name');
    expect(labels.PROFILE_NAME_LABEL).toBe('projectsveltos.io/profile-name');
  });

  it('uses the pull-mode keys the agent selects its ConfigurationGroups by', () => {
    expect(labels.PULL_MODE_CLUSTER_NAME_LABEL).toBe('pullmode.projectsveltos.io/clustername');
    expect(labels.PULL_MODE_REQUESTOR_KIND_LABEL).toBe('pullmode.projectsveltos.io/requestorkind');
    expect(labels.PULL_MODE_REQUESTOR_FEATURE_LABEL).toBe(
      'pullmode.projectsveltos.io/requestorfeature',
    );
    expect(labels.PULL_MODE_REQUESTOR_NAME_ANNOTATION).toBe(
      'pullmode.projectsveltos.io/requestorname',
    );
  });

  it('marks deployed resources with the owner annotations conflicts are decided from', () => {
    expect(labels.OWNER_KIND_ANNOTATION).toBe('projectsveltos.io/owner-kind');
    expect(labels.OWNER_NAME_ANNOTATION).toBe('projectsveltos.io/owner-name');
    expect(labels.OWNER_TIER_ANNOTATION).toBe('projectsveltos.io/owner-tier');
    expect(labels.REFERENCE_KIND_ANNOTATION).toBe('projectsveltos.io/reference-kind');
  });

  it('reserves the system labels users may not set on a SveltosCluster', () => {
    expect(labels.RESERVED_CLUSTER_LABELS).toEqual([
      'projectsveltos.io/k8s-version',
      'sveltos-agent',
      'projectsveltos.io/pull-mode',
    ]);
  });
});
