import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import { validateReferences } from './policy-refs.js';
import type { ProfileScope } from './profile-scope.js';

const clusterProfile: ProfileScope = { kind: 'ClusterProfile', name: 'p', namespace: '' };
const profile: ProfileScope = { kind: 'Profile', name: 'p', namespace: 'team-a' };

function messages(spec: Record<string, unknown>, scope = clusterProfile): string[] {
  return validateReferences(spec, scope).map(formatFieldProblem);
}

describe('validateReferences', () => {
  it.each([
    [
      'ConfigMap policyRef',
      { policyRefs: [{ kind: 'ConfigMap', name: 'contour', namespace: 'default' }] },
    ],
    [
      'Secret policyRef, Local',
      {
        policyRefs: [{ kind: 'Secret', name: 's', namespace: 'default', deploymentType: 'Local' }],
      },
    ],
    [
      'templated name',
      {
        policyRefs: [
          { kind: 'ConfigMap', name: '{{ .Cluster.metadata.name }}-cfg', namespace: 'default' },
        ],
      },
    ],
    [
      'flux source',
      {
        policyRefs: [
          {
            kind: 'GitRepository',
            name: 'flux-system',
            namespace: 'flux-system',
            path: './deploy',
          },
        ],
      },
    ],
    [
      'kustomizationRef',
      {
        kustomizationRefs: [
          {
            kind: 'OCIRepository',
            name: 'src',
            namespace: 'flux-system',
            path: 'overlays/prod',
            targetNamespace: 'apps',
            values: { region: 'eu' },
          },
        ],
      },
    ],
    [
      'templateResourceRefs',
      {
        templateResourceRefs: [
          {
            identifier: 'Cfg',
            resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'default' },
          },
        ],
      },
    ],
  ])('accepts %s', (_name, spec) => {
    expect(messages(spec)).toEqual([]);
  });

  it.each([
    [
      { policyRefs: [{ kind: 'Deployment', name: 'x' }] },
      'spec.policyRefs[0].kind: "Deployment": unsupported value: supported values: "ConfigMap", "Secret", "GitRepository", "OCIRepository", "Bucket"',
    ],
    [{ policyRefs: [{ name: 'x' }] }, 'spec.policyRefs[0].kind: required value'],
    [{ policyRefs: [{ kind: 'ConfigMap' }] }, 'spec.policyRefs[0].name: required value'],
    [
      { policyRefs: [{ kind: 'ConfigMap', name: 'My_Config' }] },
      'spec.policyRefs[0].name: "My_Config": a lowercase RFC 1123 subdomain',
    ],
    [
      { policyRefs: [{ kind: 'ConfigMap', name: 'x', namespace: 'Default' }] },
      'spec.policyRefs[0].namespace: "Default": a lowercase RFC 1123 label',
    ],
    [
      { policyRefs: [{ kind: 'ConfigMap', name: 'x', deploymentType: 'remote' }] },
      'spec.policyRefs[0].deploymentType: "remote": unsupported value: supported values: "Local", "Remote"',
    ],
    [
      { policyRefs: [{ kind: 'ConfigMap', name: 'x', tier: 0 }] },
      'spec.policyRefs[0].tier: 0: must be between 1 and',
    ],
    [{ policyRefs: {} }, 'spec.policyRefs: {}: must be a list'],
    [
      { kustomizationRefs: [{ kind: 'HelmRepository', name: 'x' }] },
      'spec.kustomizationRefs[0].kind: "HelmRepository": unsupported value',
    ],
    [
      { kustomizationRefs: [{ kind: 'GitRepository', name: 'x', deploymentType: 'Both' }] },
      'spec.kustomizationRefs[0].deploymentType: "Both"',
    ],
    [
      { kustomizationRefs: [{ kind: 'GitRepository', name: 'x', targetNamespace: 'Apps' }] },
      'spec.kustomizationRefs[0].targetNamespace: "Apps"',
    ],
    [
      { kustomizationRefs: [{ kind: 'GitRepository', name: 'x', values: { a: 1 } }] },
      'spec.kustomizationRefs[0].values.a: 1: must be a string',
    ],
    [
      { templateResourceRefs: [{ resource: { kind: 'ConfigMap', name: 'x' } }] },
      'spec.templateResourceRefs[0].identifier: required value',
    ],
    [
      { templateResourceRefs: [{ identifier: 'A' }] },
      'spec.templateResourceRefs[0].resource: required value',
    ],
    [
      {
        templateResourceRefs: [
          { identifier: 'A', resource: { kind: 'ConfigMap', name: 'x' } },
          { identifier: 'A', resource: { kind: 'Secret', name: 'y' } },
        ],
      },
      'spec.templateResourceRefs[1].identifier: "A": duplicate value',
    ],
  ])('refuses %j', (spec, fragment) => {
    expect(messages(spec).join('\n')).toContain(fragment);
  });

  it('keeps a Profile to references in its own namespace', () => {
    const spec = {
      policyRefs: [
        { kind: 'ConfigMap', name: 'a', namespace: 'default' },
        { kind: 'ConfigMap', name: 'b' },
      ],
      kustomizationRefs: [{ kind: 'GitRepository', name: 'c', namespace: 'flux-system' }],
      templateResourceRefs: [
        { identifier: 'X', resource: { kind: 'Secret', name: 's', namespace: 'kube-system' } },
      ],
    };
    expect(messages(spec, profile)).toEqual([
      'spec.policyRefs[0].namespace: "default": a Profile may only reference its own namespace "team-a" (leave it empty)',
      'spec.kustomizationRefs[0].namespace: "flux-system": a Profile may only reference its own namespace "team-a" (leave it empty)',
      'spec.templateResourceRefs[0].resource.namespace: "kube-system": a Profile may only reference its own namespace "team-a" (leave it empty)',
    ]);
    expect(messages(spec, clusterProfile)).toEqual([]);
  });
});
