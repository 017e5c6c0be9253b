// The Resources feature of a ClusterSummary: the objects held in the ConfigMaps/Secrets its
// policyRefs name, parsed, decorated with ownership marks, de-duplicated by reference tier, and
// hashed together with the owner. Pure over the caches it is given. Tests: resolve-resources.test.ts.
import type { PolicyRef } from '../../api/types/index.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import type { DesiredFeature, FeatureTarget } from './feature-types.js';
import { hashOf } from './feature-hash.js';
import { DEFAULT_TIER, decorateObject, ownerOfTarget } from './owner-labels.js';
import type { FeatureOwner } from './owner-labels.js';
import { parseObjects } from './parse-objects.js';
import { checkPlainSource, loadSource } from './source-loader.js';
import type { SourceStores } from './source-loader.js';

interface Candidate {
  obj: KubeObject;
  tier: number;
}

/** Resolves the Resources feature; throws what loadSource/parseObjects throw. */
export function resolveResources(target: FeatureTarget, stores: SourceStores): DesiredFeature {
  const owner = ownerOfTarget(target);
  const refs = target.summary.spec?.clusterProfileSpec?.policyRefs ?? [];
  const byKey = new Map<string, Candidate>();
  refs.forEach((ref, index) => {
    for (const candidate of objectsOfRef(target, stores, ref, index)) keep(byKey, candidate);
  });
  const objects = [...byKey.values()].map((c) => c.obj);
  return {
    feature: 'Resources',
    hash: hashOf({ feature: 'Resources', owner: ownerHashPart(owner), objects }),
    objects,
  };
}

/** The owner fields that change what is deployed (the summary name never changes). */
export function ownerHashPart(owner: FeatureOwner): Omit<FeatureOwner, 'summary'> {
  return { kind: owner.kind, name: owner.name, tier: owner.tier };
}

function objectsOfRef(
  target: FeatureTarget,
  stores: SourceStores,
  ref: PolicyRef,
  index: number,
): Candidate[] {
  const field = `policyRefs[${index}]`;
  const kind = checkSupported(ref, field);
  const source = loadSource(stores, target, {
    kind,
    name: ref.name ?? '',
    namespace: ref.namespace,
    optional: ref.optional,
    field,
    requireProfileSecretType: true,
  });
  if (!source) return [];
  checkPlainSource(source, field);
  const tier = ref.tier ?? DEFAULT_TIER;
  const reference = { kind, namespace: source.namespace, name: source.name, tier };
  const owner = ownerOfTarget(target);
  return source.entries.flatMap((entry) =>
    parseObjects(entry.text, `${kind} ${source.namespace}/${source.name} key "${entry.key}"`).map(
      (obj) => ({ obj: decorateObject(obj, owner, 'Resources', reference), tier }),
    ),
  );
}

function checkSupported(ref: PolicyRef, field: string): 'ConfigMap' | 'Secret' {
  if (ref.deploymentType === 'Local') {
    throw unsupported(field, 'deploymentType Local (deploying to the management cluster)');
  }
  if (ref.kind === 'ConfigMap' || ref.kind === 'Secret') return ref.kind;
  throw unsupported(field, ref.kind ? `kind ${ref.kind}` : 'remoteURL sources');
}

function unsupported(field: string, what: string): NonRetriableError {
  return new NonRetriableError('Unsupported', `${field}: ${what} is not supported`);
}

/** Identity of an object in a cluster: group kind, namespace and name. */
export function objectKey(obj: KubeObject): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return `${group}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** Two references defining one object: the lower reference tier wins, then the first. */
function keep(byKey: Map<string, Candidate>, candidate: Candidate): void {
  const key = objectKey(candidate.obj);
  const existing = byKey.get(key);
  if (!existing || candidate.tier < existing.tier) byKey.set(key, candidate);
}
