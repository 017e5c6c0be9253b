import { describe, expect, it } from 'vitest';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import { aConfigMap, aTarget, sourceStores } from '../../test/support/feature-fixtures.js';
import { helmMirrors, resolveFeature } from './resolve-feature.js';

const chart = {
  repositoryURL: 'https://helm.cilium.io/',
  repositoryName: 'cilium',
  chartName: 'cilium/tetragon',
  chartVersion: '1.5.0',
  releaseName: 'tetragon',
  releaseNamespace: 'kube-system',
};

function inputs(
  configMaps = [aConfigMap('ops', 'mirrors', { m: 'https://helm.cilium.io/=http://cm/cilium/' })],
) {
  return {
    stores: sourceStores(configMaps),
    options: {
      helmRepositoryMirrors: [
        { from: 'https://kyverno.github.io/kyverno/', to: 'http://flag/kyverno/' },
      ],
      helmRepositoryMirrorConfigMap: { namespace: 'ops', name: 'mirrors' },
    },
  };
}

describe('resolveFeature', () => {
  it('dispatches Helm with the flag and ConfigMap mirrors', () => {
    const desired = resolveFeature(aTarget({ spec: { helmCharts: [chart] } }), 'Helm', inputs());
    expect(desired.charts?.[0].repositoryURL).toBe('http://cm/cilium');
  });

  it('dispatches Resources', () => {
    const desired = resolveFeature(aTarget(), 'Resources', inputs());
    expect(desired).toMatchObject({ feature: 'Resources', objects: [] });
  });

  it('has nothing to deploy for Kustomize without refs, and refuses refs', () => {
    expect(resolveFeature(aTarget(), 'Kustomize', inputs()).objects).toEqual([]);
    const target = aTarget({ spec: { kustomizationRefs: [{ kind: 'ConfigMap', name: 'k' }] } });
    expect(() => resolveFeature(target, 'Kustomize', inputs())).toThrow(NonRetriableError);
  });

  it('lists flag mirrors before ConfigMap mirrors, and ignores a missing ConfigMap', () => {
    expect(helmMirrors(inputs()).map((m) => m.to)).toEqual([
      'http://flag/kyverno/',
      'http://cm/cilium/',
    ]);
    expect(helmMirrors(inputs([])).map((m) => m.to)).toEqual(['http://flag/kyverno/']);
  });
});
