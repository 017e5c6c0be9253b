import { describe, expect, it } from 'vitest';
import { aClusterProfile, aProfile } from '../../test/fixtures/profiles/builders.js';
import { validateProfileCreate, validateProfileDelete, validateProfileUpdate } from './profile.js';
import { formatProblems, summarizeProblems } from './result.js';

describe('validateProfileCreate', () => {
  it('accepts the Sveltos documentation example', () => {
    const result = validateProfileCreate(aClusterProfile('kyverno').withHelmChart().build());
    expect(result).toEqual({ warnings: [], fieldErrors: [] });
  });

  it('lists all problems across concerns in one result, in spec order', () => {
    const obj = aClusterProfile('bad')
      .withSpec({ syncMode: 'Always', clusterSelector: { matchLabels: { env: 'a b' } } })
      .withHelmChart({ chartVersion: 'v3.x' })
      .withHelmChart({ releaseName: 'second', policy: 1 })
      .dependingOn('bad')
      .build();
    obj.spec.helmCharts[1].releaseNamespace = 'Bad_NS';
    obj.spec.policyRefs = [{ kind: 'Pod', name: 'x' }];
    const problems = formatProblems(validateProfileCreate(obj));
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'spec.clusterSelector.matchLabels.env',
      'spec.syncMode',
      'spec.helmCharts[0].chartVersion',
      'spec.helmCharts[1].releaseNamespace',
      'spec.policyRefs[0].kind',
      'spec.dependsOn[0]',
    ]);
  });

  it('renders a denial body as path: value: reason joined by "; "', () => {
    const obj = aClusterProfile('p').withHelmChart({ chartVersion: 'v3.x' }).build();
    (obj.spec.helmCharts as unknown[]).push({
      ...obj.spec.helmCharts[0],
      chartVersion: '1.0.0',
      releaseName: 'r2',
      releaseNamespace: 'x y',
    });
    expect(summarizeProblems(validateProfileCreate(obj))).toMatch(
      /^spec\.helmCharts\[0\]\.chartVersion: "v3\.x": not a valid semantic version.*; spec\.helmCharts\[1\]\.releaseNamespace: "x y": /,
    );
  });

  it.each([
    ['a string', 'hello', ': "hello": must be an object'],
    [
      'a wrong kind',
      { kind: 'Deployment', metadata: { name: 'x' } },
      'kind: "Deployment": must be ClusterProfile or Profile',
    ],
    [
      'a wrong apiVersion',
      {
        apiVersion: 'config.projectsveltos.io/v1alpha1',
        kind: 'ClusterProfile',
        metadata: { name: 'x' },
      },
      'apiVersion: "config.projectsveltos.io/v1alpha1": must be config.projectsveltos.io/v1beta1',
    ],
    ['no name', { kind: 'ClusterProfile', metadata: {} }, 'metadata.name: required value'],
    [
      'a spec that is a list',
      { kind: 'ClusterProfile', metadata: { name: 'x' }, spec: [] },
      'spec: []: must be an object',
    ],
  ])('refuses %s without throwing', (_name, obj, fragment) => {
    expect(formatProblems(validateProfileCreate(obj)).join('\n')).toContain(fragment);
  });

  it('accepts generateName in place of a name', () => {
    const obj = {
      kind: 'ClusterProfile',
      metadata: { generateName: 'p-' },
      spec: { clusterSelector: { matchLabels: { a: 'b' } } },
    };
    expect(validateProfileCreate(obj).fieldErrors).toEqual([]);
  });

  it('warns when a profile selects no cluster', () => {
    const obj = aClusterProfile('p').withSpec({ clusterSelector: {} }).build();
    expect(validateProfileCreate(obj).warnings).toEqual([
      'spec: no clusterSelector, clusterRefs or setRefs: this profile selects no cluster',
    ]);
  });

  it('applies the own-namespace rule to Profiles only', () => {
    const spec = { policyRefs: [{ kind: 'ConfigMap', name: 'c', namespace: 'default' }] };
    expect(validateProfileCreate(aClusterProfile('p').withSpec(spec).build()).fieldErrors).toEqual(
      [],
    );
    expect(
      formatProblems(validateProfileCreate(aProfile('team', 'p').withSpec(spec).build())),
    ).toEqual([
      'spec.policyRefs[0].namespace: "default": a Profile may only reference its own namespace "team" (leave it empty)',
    ]);
  });

  it('uses ctx.profiles for cycles and overlap warnings together', () => {
    const other = aClusterProfile('b').dependingOn('a').withHelmChart().build();
    const result = validateProfileCreate(
      aClusterProfile('a').dependingOn('b').withHelmChart().build(),
      { profiles: [other] },
    );
    expect(formatProblems(result)).toEqual([
      'spec.dependsOn[0]: "b": would close a dependency cycle: a -> b -> a',
    ]);
    expect(result.warnings).toEqual([
      expect.stringContaining(
        'ClusterProfile "b" also installs Helm release kyverno/kyverno-latest',
      ),
    ]);
  });
});

describe('validateProfileUpdate', () => {
  it('validates a changed spec as on create', () => {
    const old = aClusterProfile('p').withHelmChart().build();
    const updated = aClusterProfile('p').withHelmChart({ chartVersion: 'next' }).build();
    expect(formatProblems(validateProfileUpdate(old, updated))).toEqual([
      'spec.helmCharts[0].chartVersion: "next": not a valid semantic version or version range',
    ]);
  });

  it('lets an unchanged (even invalid) spec through, so labels and finalizers stay editable', () => {
    const stored = aClusterProfile('p').withHelmChart({ chartVersion: 'next' }).build();
    const relabeled = structuredClone(stored);
    relabeled.metadata.labels = { team: 'a' };
    expect(validateProfileUpdate(stored, relabeled)).toEqual({ warnings: [], fieldErrors: [] });
  });

  it('lets an object being deleted through', () => {
    const old = aClusterProfile('p').build();
    const updated = aClusterProfile('p').withSpec({ syncMode: 'Bogus' }).build();
    updated.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(validateProfileUpdate(old, updated).fieldErrors).toEqual([]);
  });
});

describe('validateProfileDelete', () => {
  it('always allows, warning about profiles that depend on the deleted one', () => {
    const dependents = [
      aClusterProfile('b').dependingOn('a').build(),
      aProfile('ns', 'c').dependingOn('a').build(),
    ];
    expect(validateProfileDelete(aClusterProfile('a').build(), { profiles: dependents })).toEqual({
      fieldErrors: [],
      warnings: [
        'ClusterProfile "b" depends on this profile: its add-ons stay blocked until the dependency is removed',
      ],
    });
    expect(validateProfileDelete('junk')).toEqual({ warnings: [], fieldErrors: [] });
  });
});
