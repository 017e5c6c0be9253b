// Objects with a wrong type, a missing required field, a bad enum value or an undeclared field
// fail schema validation with a problem naming the field path, as kube-apiserver would.
import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../api/field-problem.js';
import { loadFixtures, problems, shippedValidator } from './crd-schemas.js';

// Fixtures are mutated freely here; the schema, not the type checker, is under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

function seedProfile(): Obj {
  const fixture = loadFixtures('seed').find((f) => f.file.endsWith('deploy-kyverno.yaml'));
  return structuredClone(fixture!.object);
}

function check(kind: string, object: Obj, closed = false): FieldProblem[] {
  return problems(shippedValidator(kind, closed), object);
}

function paths(found: FieldProblem[]): string[] {
  return found.map((p) => p.path);
}

describe('a ClusterProfile that breaks the schema', () => {
  it('with a number where chartVersion must be a string names spec.helmCharts[0].chartVersion', () => {
    const profile = seedProfile();
    profile.spec.helmCharts[0].chartVersion = 351;
    expect(check('ClusterProfile', profile)).toEqual([
      { path: 'spec.helmCharts[0].chartVersion', value: 351, reason: 'must be string' },
    ]);
  });

  it('without releaseName names the missing field', () => {
    const profile = seedProfile();
    delete profile.spec.helmCharts[0].releaseName;
    expect(check('ClusterProfile', profile)).toEqual([
      { path: 'spec.helmCharts[0].releaseName', value: undefined, reason: 'Required value' },
    ]);
  });

  it('with an unknown syncMode lists the supported values', () => {
    const profile = seedProfile();
    profile.spec.syncMode = 'Sometimes';
    expect(check('ClusterProfile', profile)).toEqual([
      {
        path: 'spec.syncMode',
        value: 'Sometimes',
        reason:
          'Unsupported value: supported values: "OneTime", "Continuous", "ContinuousWithDriftDetection", "DryRun"',
      },
    ]);
  });

  it('with an unknown helmChartAction names spec.helmCharts[0].helmChartAction', () => {
    const profile = seedProfile();
    profile.spec.helmCharts[0].helmChartAction = 'Upgrade';
    const found = check('ClusterProfile', profile);
    expect(paths(found)).toEqual(['spec.helmCharts[0].helmChartAction']);
    expect(found[0]?.reason).toContain('"Install", "Uninstall"');
  });

  it('with an unknown stopMatchingBehavior or deploymentType names each field', () => {
    const profile = seedProfile();
    profile.spec.stopMatchingBehavior = 'KeepEverything';
    profile.spec.policyRefs = [{ kind: 'ConfigMap', name: 'nginx', deploymentType: 'Elsewhere' }];
    expect(paths(check('ClusterProfile', profile)).sort()).toEqual([
      'spec.policyRefs[0].deploymentType',
      'spec.stopMatchingBehavior',
    ]);
  });

  it('with a policyRef kind outside ConfigMap, Secret and the Flux sources names the kind', () => {
    const profile = seedProfile();
    profile.spec.policyRefs = [{ kind: 'Deployment', name: 'nginx' }];
    expect(paths(check('ClusterProfile', profile))).toEqual(['spec.policyRefs[0].kind']);
  });

  it('with maxUpdate over 100% fails the pattern; numbers and percentages pass', () => {
    const profile = seedProfile();
    profile.spec.maxUpdate = '150%';
    expect(paths(check('ClusterProfile', profile))).toEqual(['spec.maxUpdate']);
    profile.spec.maxUpdate = '30%';
    expect(check('ClusterProfile', profile)).toEqual([]);
    profile.spec.maxUpdate = 5;
    expect(check('ClusterProfile', profile)).toEqual([]);
  });

  it('with tier 0 violates the minimum of 1', () => {
    const profile = seedProfile();
    profile.spec.tier = 0;
    expect(check('ClusterProfile', profile)).toEqual([
      { path: 'spec.tier', value: 0, reason: 'must be >= 1' },
    ]);
  });

  it('with an empty releaseNamespace violates minLength', () => {
    const profile = seedProfile();
    profile.spec.helmCharts[0].releaseNamespace = '';
    expect(paths(check('ClusterProfile', profile))).toEqual([
      'spec.helmCharts[0].releaseNamespace',
    ]);
  });

  it('with a matchExpression lacking its operator names the expression', () => {
    const profile = seedProfile();
    profile.spec.clusterSelector = { matchExpressions: [{ key: 'env', values: ['prod'] }] };
    expect(paths(check('ClusterProfile', profile))).toEqual([
      'spec.clusterSelector.matchExpressions[0].operator',
    ]);
  });

  it('reports every problem at once', () => {
    const profile = seedProfile();
    profile.spec.syncMode = 'Never';
    profile.spec.helmCharts[0].chartVersion = true;
    delete profile.spec.helmCharts[0].repositoryURL;
    expect(paths(check('ClusterProfile', profile)).sort()).toEqual([
      'spec.helmCharts[0].chartVersion',
      'spec.helmCharts[0].repositoryURL',
      'spec.syncMode',
    ]);
  });

  it('with a misspelt field is accepted as the API server would (pruned), but not when closed', () => {
    const profile = seedProfile();
    profile.spec.helmCharts[0].chartVerison = '3.5.1';
    expect(check('ClusterProfile', profile)).toEqual([]);
    expect(check('ClusterProfile', profile, true)).toEqual([
      {
        path: 'spec.helmCharts[0].chartVerison',
        value: undefined,
        reason: 'field not declared in schema',
      },
    ]);
  });
});

describe('other kinds that break the schema', () => {
  it('a SveltosCluster with a string threshold and an unknown connectionStatus', () => {
    const cluster: Obj = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: { name: 'edge01', namespace: 'edge' },
      spec: { consecutiveFailureThreshold: 'three', pullMode: 'yes' },
      status: { connectionStatus: 'Flaky', ready: true },
    };
    expect(paths(check('SveltosCluster', cluster)).sort()).toEqual([
      'spec.consecutiveFailureThreshold',
      'spec.pullMode',
      'status.connectionStatus',
    ]);
  });

  it('a SveltosCluster activeWindow without its end names spec.activeWindow.to', () => {
    const cluster: Obj = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: { name: 'c1', namespace: 'civo' },
      spec: { activeWindow: { from: '0 20 * * 5' } },
    };
    expect(paths(check('SveltosCluster', cluster))).toEqual(['spec.activeWindow.to']);
  });

  it('a ClusterSummary with an unknown feature status names the summary entry', () => {
    const summary: Obj = {
      apiVersion: 'config.projectsveltos.io/v1beta1',
      kind: 'ClusterSummary',
      metadata: { name: 'deploy-kyverno-sveltos-mgmt', namespace: 'mgmt' },
      spec: { clusterName: 'mgmt', clusterNamespace: 'mgmt', clusterType: 'Sveltos' },
      status: { featureSummaries: [{ featureID: 'Helm', status: 'Done' }] },
    };
    expect(paths(check('ClusterSummary', summary))).toEqual(['status.featureSummaries[0].status']);
    delete summary.spec.clusterType;
    summary.status.featureSummaries[0].status = 'Provisioned';
    expect(paths(check('ClusterSummary', summary))).toEqual(['spec.clusterType']);
  });

  it('a ConfigurationGroup with an unknown action or update phase', () => {
    const group: Obj = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'ConfigurationGroup',
      metadata: { name: 'config-x', namespace: 'edge' },
      spec: { action: 'Apply', updatePhase: 'Done', requestorHash: 'not base64!' },
    };
    expect(paths(check('ConfigurationGroup', group)).sort()).toEqual([
      'spec.action',
      'spec.requestorHash',
      'spec.updatePhase',
    ]);
  });

  it('a ConfigurationBundle whose resources are objects instead of YAML strings', () => {
    const bundle: Obj = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'ConfigurationBundle',
      metadata: { name: 'config-y', namespace: 'edge' },
      spec: { resources: [{ kind: 'ConfigMap' }] },
    };
    expect(paths(check('ConfigurationBundle', bundle))).toEqual(['spec.resources[0]']);
  });

  it('a Set whose maxReplicas is not an integer', () => {
    const set: Obj = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'Set',
      metadata: { name: 'prod', namespace: 'eng' },
      spec: { clusterSelector: { matchLabels: { env: 'prod' } }, maxReplicas: 1.5 },
    };
    expect(check('Set', set)).toEqual([
      { path: 'spec.maxReplicas', value: 1.5, reason: 'must be integer' },
    ]);
  });
});
