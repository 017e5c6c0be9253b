import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import { validateManifests } from './manifests.js';

const profileYaml = (name: string, extra = '') => `apiVersion: config.projectsveltos.io/v1beta1
kind: ClusterProfile
metadata:
  name: ${name}
spec:
  clusterSelector:
    matchLabels:
      env: prod
${extra}`;

describe('validateManifests', () => {
  it('validates each document and skips kinds it does not know', () => {
    const text = [
      profileYaml('good'),
      profileYaml('bad', '  syncMode: Sometimes\n'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      '',
    ].join('---\n');
    const results = validateManifests(text);
    expect(results.map((r) => [r.document, r.kind, r.name, r.status])).toEqual([
      [1, 'ClusterProfile', 'good', 'valid'],
      [2, 'ClusterProfile', 'bad', 'invalid'],
      [3, 'ConfigMap', 'x', 'skipped'],
    ]);
    expect(results[1]?.fieldErrors.map(formatFieldProblem)).toEqual([
      'spec.syncMode: "Sometimes": unsupported value: supported values: "OneTime", "Continuous", "ContinuousWithDriftDetection", "DryRun"',
    ]);
  });

  it('reports a document that is not YAML without losing the others', () => {
    const text = `${profileYaml('a')}---\nkind: [unclosed\n---\n${profileYaml('b')}`;
    const results = validateManifests(text);
    expect(results.map((r) => r.status)).toEqual(['valid', 'invalid', 'valid']);
    expect(results[1]?.fieldErrors[0]?.reason).toMatch(/^not valid YAML: /);
  });

  it('catches a dependency cycle across documents of the same text', () => {
    const text = `${profileYaml('a', '  dependsOn: [b]\n')}---\n${profileYaml('b', '  dependsOn: [a]\n')}`;
    const results = validateManifests(text);
    expect(results.map((r) => r.fieldErrors.map(formatFieldProblem))).toEqual([
      ['spec.dependsOn[0]: "b": would close a dependency cycle: a -> b -> a'],
      ['spec.dependsOn[0]: "a": would close a dependency cycle: b -> a -> b'],
    ]);
  });

  it('expands a kind: List and defaults the namespace of Profiles', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: config.projectsveltos.io/v1beta1
  kind: Profile
  metadata: { name: p }
  spec:
    policyRefs: [{ kind: ConfigMap, name: c, namespace: team }]
- apiVersion: lib.projectsveltos.io/v1beta1
  kind: SveltosCluster
  metadata: { name: c1 }
  spec: { pullMode: true }
`;
    const results = validateManifests(text, {}, { defaultNamespace: 'team' });
    expect(results.map((r) => [r.kind, r.namespace, r.status])).toEqual([
      ['Profile', 'team', 'valid'],
      ['SveltosCluster', 'team', 'valid'],
    ]);
  });

  it('refuses documents that are not objects', () => {
    expect(validateManifests('just a string\n')[0]).toMatchObject({ status: 'invalid' });
    expect(validateManifests('')).toEqual([]);
  });
});
