import { describe, expect, it } from 'vitest';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import { aConfigMap, aSecret, aTarget, sourceStores } from '../../test/support/feature-fixtures.js';
import { ReferenceNotFoundError } from './source-loader.js';
import { objectKey, resolveResources } from './resolve-resources.js';

const nsYaml = (name: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const cmYaml = (name: string, value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\ndata:\n  v: "${value}"\n`;

function names(objects: { kind: string; metadata: { name: string } }[] | undefined): string[] {
  return (objects ?? []).map((o) => `${o.kind}/${o.metadata.name}`);
}

describe('resolveResources', () => {
  const stores = sourceStores(
    [
      aConfigMap('aks', 'base', { 'a.yaml': `${nsYaml('apps')}---\n${cmYaml('settings', 'one')}` }),
      aConfigMap('shared', 'override', { 'x.yaml': cmYaml('settings', 'two') }),
    ],
    [
      aSecret('aks', 'sec', {
        'sa.json':
          '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa","namespace":"apps"}}',
      }),
    ],
  );

  it('loads every object of every policyRef, decorated with the owner and source', () => {
    const target = aTarget({
      spec: {
        policyRefs: [
          { kind: 'ConfigMap', name: 'base' },
          { kind: 'Secret', name: 'sec' },
        ],
      },
    });
    const desired = resolveResources(target, stores);
    expect(desired.feature).toBe('Resources');
    expect(names(desired.objects)).toEqual([
      'Namespace/apps',
      'ConfigMap/settings',
      'ServiceAccount/sa',
    ]);
    const sa = desired.objects![2];
    expect(sa.metadata.labels).toEqual({ 'projectsveltos.io/reason': 'Resources' });
    expect(sa.metadata.annotations).toMatchObject({
      'projectsveltos.io/owner-name': 'deploy-kyverno',
      'projectsveltos.io/reference-kind': 'Secret',
      'projectsveltos.io/reference-name': 'sec',
      'projectsveltos.io/reference-namespace': 'aks',
    });
    expect(desired.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['the first reference at equal tiers', undefined, 'one'],
    ['the reference with the lower tier', 10, 'two'],
  ])('keeps %s when two define the same object', (_name, tier, value) => {
    const target = aTarget({
      spec: {
        policyRefs: [
          { kind: 'ConfigMap', name: 'base' },
          { kind: 'ConfigMap', name: 'override', namespace: 'shared', ...(tier ? { tier } : {}) },
        ],
      },
    });
    const objects = resolveResources(target, stores).objects!;
    const settings = objects.filter((o) => o.metadata.name === 'settings');
    expect(settings).toHaveLength(1);
    expect(settings[0].data).toEqual({ v: value });
  });

  it('changes the hash when the data, the tier or the owner changes, and only then', () => {
    const spec = { policyRefs: [{ kind: 'ConfigMap' as const, name: 'base' }] };
    const h = resolveResources(aTarget({ spec }), stores).hash;
    expect(resolveResources(aTarget({ spec }), stores).hash).toBe(h);
    expect(resolveResources(aTarget({ spec, tier: 5 }), stores).hash).not.toBe(h);
    expect(resolveResources(aTarget({ spec, profile: 'other' }), stores).hash).not.toBe(h);
    const changed = sourceStores([aConfigMap('aks', 'base', { 'a.yaml': nsYaml('apps2') })]);
    expect(resolveResources(aTarget({ spec }), changed).hash).not.toBe(h);
  });

  it('skips a missing optional reference and fails on a missing required one', () => {
    const optional = aTarget({
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'nope', optional: true }] },
    });
    expect(resolveResources(optional, stores).objects).toEqual([]);
    const required = aTarget({ spec: { policyRefs: [{ kind: 'ConfigMap', name: 'nope' }] } });
    expect(() => resolveResources(required, stores)).toThrow(ReferenceNotFoundError);
  });

  it.each([
    [
      'a Flux source',
      { kind: 'GitRepository', name: 'g' },
      'policyRefs[0]: kind GitRepository is not supported',
    ],
    [
      'a Local deployment',
      { kind: 'ConfigMap', name: 'base', deploymentType: 'Local' },
      /deploymentType Local/,
    ],
  ] as const)('refuses %s as non-retriable', (_name, ref, message) => {
    const target = aTarget({ spec: { policyRefs: [ref] } });
    expect(() => resolveResources(target, stores)).toThrow(NonRetriableError);
    expect(() => resolveResources(target, stores)).toThrow(message);
  });

  it('has an empty, stable result for no policyRefs', () => {
    const a = resolveResources(aTarget(), stores);
    expect(a.objects).toEqual([]);
    expect(resolveResources(aTarget(), stores).hash).toBe(a.hash);
  });

  it('keys objects by group, kind, namespace and name', () => {
    expect(
      objectKey({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', namespace: 'n' },
      }),
    ).toBe('apps/Deployment/n/d');
    expect(objectKey({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } })).toBe(
      '/Namespace//n',
    );
  });
});
