// resolveFeature: what one feature of a ClusterSummary must deploy (objects or charts, and the
// hash of every input that changes it). Pure: it reads only the in-memory caches and options it
// is given — a ControllerContext satisfies FeatureInputs, so it is also the FeatureResolver the
// summary reconciler calls. Shared by the push deliverer and the pull stager.
// Tests: resolve-feature.test.ts.
import type { FeatureID } from '../../api/types/index.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import type { ControllerOptions, HelmRepositoryMirror } from '../options.js';
import type { DesiredFeature, FeatureResolver, FeatureTarget } from './feature-types.js';
import { hashOf } from './feature-hash.js';
import { mirrorsFromConfigMapData } from './helm-mirrors.js';
import { resolveHelm } from './resolve-helm.js';
import { resolveResources } from './resolve-resources.js';
import type { SourceStores } from './source-loader.js';

/** Everything resolving needs: the ConfigMap/Secret caches and the mirror options. */
export interface FeatureInputs {
  stores: SourceStores;
  options: Pick<ControllerOptions, 'helmRepositoryMirrors' | 'helmRepositoryMirrorConfigMap'>;
}

/**
 * The DesiredFeature of `feature` for `target`. Throws ReferenceNotFoundError (retriable) when a
 * referenced ConfigMap/Secret is missing, NonRetriableError for a spec that can never deploy.
 */
export function resolveFeature(
  target: FeatureTarget,
  feature: FeatureID,
  inputs: FeatureInputs,
): DesiredFeature {
  switch (feature) {
    case 'Resources':
      return resolveResources(target, inputs.stores);
    case 'Helm':
      return resolveHelm(target, { stores: inputs.stores, mirrors: helmMirrors(inputs) });
    default:
      return resolveKustomize(target);
  }
}

/** resolveFeature as the contract's FeatureResolver (a ControllerContext is a FeatureInputs). */
export const featureResolver: FeatureResolver = resolveFeature;

/** The flag mirrors, then those of the mirror ConfigMap (first matching prefix wins). */
export function helmMirrors(inputs: FeatureInputs): HelmRepositoryMirror[] {
  const ref = inputs.options.helmRepositoryMirrorConfigMap;
  const fromConfigMap = ref
    ? mirrorsFromConfigMapData(inputs.stores.configMaps.get(ref.name, ref.namespace)?.data)
    : [];
  return [...inputs.options.helmRepositoryMirrors, ...fromConfigMap];
}

function resolveKustomize(target: FeatureTarget): DesiredFeature {
  const refs = target.summary.spec?.clusterProfileSpec?.kustomizationRefs ?? [];
  if (refs.length > 0) {
    throw new NonRetriableError('Unsupported', 'kustomizationRefs are not supported yet');
  }
  return { feature: 'Kustomize', hash: hashOf({ feature: 'Kustomize', refs }), objects: [] };
}
