// Every object in the seed blog post and in the Sveltos documentation examples validates
// against the CRD schema we ship, and declares no field a real API server would prune.
import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../../api/field-problem.js';
import { findKind } from '../../api/gvk.js';
import type { ClusterProfile } from '../../api/types/index.js';
import type { Fixture } from './crd-schemas.js';
import { loadFixtures, problems, shippedValidator } from './crd-schemas.js';

const seed = loadFixtures('seed');
const docs = loadFixtures('docs');
const pullMode = loadFixtures('pull-mode');

function label(f: Fixture): string {
  const meta = f.object.metadata as { name?: string } | undefined;
  return `${f.file}#${f.index} ${String(f.object.kind)} ${meta?.name ?? ''}`;
}

function report(f: Fixture, closed: boolean): string[] {
  const kind = findKind(String(f.object.apiVersion), String(f.object.kind));
  if (!kind) return [`${label(f)}: not a Sveltos v1beta1 kind`];
  return problems(shippedValidator(kind.kind, closed), f.object).map(formatFieldProblem);
}

describe.each([
  ['seed blog post', seed],
  ['Sveltos documentation', docs],
  ['pull-mode examples', pullMode],
])('objects from the %s', (_source, fixtures) => {
  it.each(fixtures.map((f) => [label(f), f] as const))('%s validates', (_name, fixture) => {
    expect(report(fixture, false)).toEqual([]);
  });

  it.each(fixtures.map((f) => [label(f), f] as const))(
    '%s uses only declared fields (nothing would be pruned)',
    (_name, fixture) => {
      expect(report(fixture, true)).toEqual([]);
    },
  );
});

describe('the fixture sets', () => {
  it('hold the two seed ClusterProfiles exactly as the blog post writes them', () => {
    const byName = new Map(
      seed.map((f) => [(f.object as unknown as ClusterProfile).metadata.name, f.object]),
    );
    const kyverno = byName.get('deploy-kyverno') as unknown as ClusterProfile;
    const tetragon = byName.get('tetragon-rke2-deploy') as unknown as ClusterProfile;
    expect(seed).toHaveLength(2);
    expect(kyverno.spec).toEqual({
      clusterSelector: { matchLabels: { env: 'test' } },
      syncMode: 'Continuous',
      helmCharts: [
        {
          repositoryURL: 'https://kyverno.github.io/kyverno/',
          repositoryName: 'kyverno',
          chartName: 'kyverno/kyverno',
          chartVersion: '3.5.1',
          releaseName: 'kyverno-latest',
          releaseNamespace: 'kyverno',
          helmChartAction: 'Install',
        },
      ],
    });
    expect(tetragon.spec?.clusterSelector).toEqual({ matchLabels: { req: 'tetragon' } });
    expect(tetragon.spec?.syncMode).toBe('Continuous');
    expect(tetragon.spec?.helmCharts).toEqual([
      {
        repositoryURL: 'https://helm.cilium.io/',
        repositoryName: 'cilium',
        chartName: 'cilium/tetragon',
        chartVersion: '1.5.0',
        releaseName: 'tetragon',
        releaseNamespace: 'kube-system',
        helmChartAction: 'Install',
      },
    ]);
  });

  it('cover at least ten documentation examples across the kinds users write', () => {
    expect(docs.length).toBeGreaterThanOrEqual(10);
    const kinds = new Set(docs.map((f) => f.object.kind));
    expect([...kinds].sort()).toEqual(
      ['ClusterProfile', 'ClusterSet', 'ClusterSummary', 'Profile', 'SveltosCluster'].sort(),
    );
  });

  it('exercise the main profile features of the documentation', () => {
    const used = new Set(docs.flatMap((f) => Object.keys(f.object.spec ?? {})));
    for (const field of [
      'policyRefs',
      'kustomizationRefs',
      'templateResourceRefs',
      'dependsOn',
      'patches',
      'patchesFrom',
      'driftExclusions',
      'maxUpdate',
      'validateHealths',
      'setRefs',
      'tier',
    ]) {
      expect(used, field).toContain(field);
    }
  });
});
