import { describe, expect, it } from 'vitest';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import { aConfigMap, aSecret, aTarget, sourceStores } from '../../test/support/feature-fixtures.js';
import {
  ReferenceNotFoundError,
  checkPlainSource,
  loadSource,
  referenceNamespace,
} from './source-loader.js';

const field = 'policyRefs[0]';

describe('referenceNamespace', () => {
  it.each([
    ['ClusterProfile, empty → the cluster namespace', 'ClusterProfile', undefined, 'aks'],
    ['ClusterProfile, given → that namespace', 'ClusterProfile', 'shared', 'shared'],
    ['Profile, empty → its own namespace', 'Profile', undefined, 'aks'],
    ['Profile, its own namespace', 'Profile', 'aks', 'aks'],
  ] as const)('%s', (_name, kind, namespace, expected) => {
    const target = aTarget({ kind, clusterNamespace: 'aks' });
    expect(referenceNamespace(target, { kind: 'ConfigMap', name: 'x', namespace, field })).toBe(
      expected,
    );
  });

  it('refuses another namespace for a Profile', () => {
    const target = aTarget({ kind: 'Profile', profile: 'p', clusterNamespace: 'team-a' });
    expect(() =>
      referenceNamespace(target, { kind: 'Secret', name: 'x', namespace: 'kube-system', field }),
    ).toThrow(
      'policyRefs[0].namespace "kube-system" of Profile p: a Profile may only reference its own namespace "team-a"',
    );
  });
});

describe('loadSource', () => {
  const stores = sourceStores(
    [aConfigMap('aks', 'cm', { 'b.yaml': 'B', 'a.yaml': 'A' })],
    [aSecret('aks', 'sec', { x: 'secret text' }), aSecret('aks', 'opaque', { x: 'y' }, 'Opaque')],
  );
  const target = aTarget();

  it('returns ConfigMap entries sorted by key', () => {
    const source = loadSource(stores, target, { kind: 'ConfigMap', name: 'cm', field });
    expect(source).toMatchObject({ kind: 'ConfigMap', namespace: 'aks', name: 'cm' });
    expect(source?.entries).toEqual([
      { key: 'a.yaml', text: 'A' },
      { key: 'b.yaml', text: 'B' },
    ]);
  });

  it('decodes Secret data', () => {
    const req = { kind: 'Secret', name: 'sec', field, requireProfileSecretType: true } as const;
    expect(loadSource(stores, target, req)?.entries).toEqual([{ key: 'x', text: 'secret text' }]);
  });

  it('refuses a policyRefs Secret of another type, but not a valuesFrom one', () => {
    const req = { kind: 'Secret', name: 'opaque', field } as const;
    expect(() => loadSource(stores, target, { ...req, requireProfileSecretType: true })).toThrow(
      NonRetriableError,
    );
    expect(() => loadSource(stores, target, { ...req, requireProfileSecretType: true })).toThrow(
      'Secret aks/opaque referenced by policyRefs[0] has type "Opaque"; only Secrets of type addons.projectsveltos.io/cluster-profile can be referenced',
    );
    expect(loadSource(stores, target, req)?.entries).toEqual([{ key: 'x', text: 'y' }]);
  });

  it('skips a missing optional source and names a missing required one', () => {
    const req = { kind: 'ConfigMap', name: 'missing', field } as const;
    expect(loadSource(stores, target, { ...req, optional: true })).toBeUndefined();
    expect(() => loadSource(stores, target, req)).toThrow(ReferenceNotFoundError);
    expect(() => loadSource(stores, target, req)).toThrow(
      'ConfigMap aks/missing referenced by policyRefs[0] of ClusterProfile deploy-kyverno does not exist',
    );
  });

  it('refuses templated sources', () => {
    const templated = sourceStores([
      aConfigMap('aks', 't', { a: 'x' }, { 'projectsveltos.io/template': 'ok' }),
    ]);
    const source = loadSource(templated, target, { kind: 'ConfigMap', name: 't', field })!;
    expect(() => checkPlainSource(source, field)).toThrow(/templated sources are not supported/);
  });
});
