import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import { validateClusterSelection } from './cluster-selection.js';
import type { ProfileScope } from './profile-scope.js';

const clusterProfile: ProfileScope = { kind: 'ClusterProfile', name: 'p', namespace: '' };
const profile: ProfileScope = { kind: 'Profile', name: 'p', namespace: 'team-a' };

function messages(spec: Record<string, unknown>, scope = clusterProfile): string[] {
  return validateClusterSelection(spec, scope).map(formatFieldProblem);
}

const ref = (fields: Record<string, unknown>) => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'SveltosCluster',
  namespace: 'mgmt',
  name: 'cluster01',
  ...fields,
});

describe('validateClusterSelection', () => {
  it.each([
    ['matchLabels', { clusterSelector: { matchLabels: { env: 'prod', 'example.com/tier': 'a' } } }],
    [
      'matchExpressions',
      {
        clusterSelector: {
          matchExpressions: [
            { key: 'env', operator: 'In', values: ['a', 'b'] },
            { key: 'gpu', operator: 'Exists' },
          ],
        },
      },
    ],
    [
      'clusterRefs',
      { clusterRefs: [ref({}), ref({ kind: 'Cluster', apiVersion: 'cluster.x-k8s.io/v1beta1' })] },
    ],
    ['clusterRefs without apiVersion', { clusterRefs: [ref({ apiVersion: undefined })] }],
    ['setRefs', { setRefs: ['prod-set', 'eu.set'] }],
    ['nothing', {}],
  ])('accepts %s', (_name, spec) => {
    expect(messages(spec)).toEqual([]);
  });

  it.each([
    [
      { clusterSelector: 'env=prod' },
      'spec.clusterSelector: "env=prod": must be a label selector object',
    ],
    [
      { clusterSelector: { matchLabels: { 'bad key!': 'x' } } },
      'spec.clusterSelector.matchLabels: "bad key!"',
    ],
    [
      { clusterSelector: { matchLabels: { env: 'not valid!' } } },
      'spec.clusterSelector.matchLabels.env: "not valid!"',
    ],
    [
      { clusterSelector: { matchExpressions: [{ key: 'env', operator: 'In' }] } },
      "spec.clusterSelector.matchExpressions[0].values: must be specified when `operator` is 'In' or 'NotIn'",
    ],
    [
      {
        clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['a'] }] },
      },
      "may not be specified when `operator` is 'Exists'",
    ],
    [
      {
        clusterSelector: { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['a'] }] },
      },
      'spec.clusterSelector.matchExpressions[0].operator: "Equals": not a valid selector operator',
    ],
    [
      { clusterRefs: [ref({ kind: 'Deployment' })] },
      'spec.clusterRefs[0].kind: "Deployment": unsupported value: supported values: "SveltosCluster", "Cluster"',
    ],
    [{ clusterRefs: [ref({ kind: undefined })] }, 'spec.clusterRefs[0].kind: required value'],
    [
      { clusterRefs: [ref({ name: 'Cluster_01' })] },
      'spec.clusterRefs[0].name: "Cluster_01": a lowercase RFC 1123 subdomain',
    ],
    [
      { clusterRefs: [ref({ namespace: undefined })] },
      'spec.clusterRefs[0].namespace: required value',
    ],
    [
      { clusterRefs: [ref({ apiVersion: 'cluster.x-k8s.io/v1beta1' })] },
      'spec.clusterRefs[0].apiVersion: "cluster.x-k8s.io/v1beta1": must be in API group lib.projectsveltos.io for kind SveltosCluster',
    ],
    [
      { clusterRefs: [ref({}), ref({})] },
      'spec.clusterRefs[1]: "cluster01": duplicate value: same as spec.clusterRefs[0]',
    ],
    [
      { clusterRefs: ['cluster01'] },
      'spec.clusterRefs[0]: "cluster01": must be an object reference',
    ],
    [{ setRefs: ['Prod Set'] }, 'spec.setRefs[0]: "Prod Set": a lowercase RFC 1123 subdomain'],
    [{ setRefs: ['a', 'a'] }, 'spec.setRefs[1]: "a": duplicate value'],
    [{ setRefs: 'a' }, 'spec.setRefs: "a": must be a list'],
  ])('refuses %j', (spec, fragment) => {
    expect(messages(spec).join('\n')).toContain(fragment);
  });

  it('lets a Profile reference clusters of its own namespace only', () => {
    expect(messages({ clusterRefs: [ref({ namespace: undefined })] }, profile)).toEqual([]);
    expect(messages({ clusterRefs: [ref({ namespace: 'team-a' })] }, profile)).toEqual([]);
    expect(messages({ clusterRefs: [ref({ namespace: 'mgmt' })] }, profile)).toEqual([
      'spec.clusterRefs[0].namespace: "mgmt": a Profile may only reference its own namespace "team-a" (leave it empty)',
    ]);
  });
});
