// Ownership marks on everything a ClusterSummary deploys into a managed cluster: the feature
// label and the owner-kind/name/tier annotations Sveltos uses, the source reference, and our own
// reference to the ClusterSummary. Conflicts and withdrawal are decided by reading these back
// from the cluster. Pure. Tests: owner-labels.test.ts.
import {
  CLUSTER_SUMMARY_REF_ANNOTATION,
  OWNER_KIND_ANNOTATION,
  OWNER_NAME_ANNOTATION,
  OWNER_TIER_ANNOTATION,
  REASON_LABEL,
  REFERENCE_KIND_ANNOTATION,
  REFERENCE_NAME_ANNOTATION,
  REFERENCE_NAMESPACE_ANNOTATION,
  REFERENCE_TIER_ANNOTATION,
} from '../../api/labels.js';
import type { FeatureID, ProfileKind } from '../../api/types/index.js';
import type { KubeObject } from '../../lib/kube-client.js';
import type { FeatureTarget } from './feature-types.js';

/** Sveltos' default tier when a profile or reference names none. */
export const DEFAULT_TIER = 100;

/** Who deploys a feature: the profile (kind, name, tier) and its ClusterSummary. */
export interface FeatureOwner {
  kind: ProfileKind;
  name: string;
  tier: number;
  /** `namespace/name` of the ClusterSummary. */
  summary: string;
}

/** Where a deployed object came from (a policyRef's ConfigMap or Secret). */
export interface SourceReference {
  kind: string;
  namespace: string;
  name: string;
  tier: number;
}

/** The owner of everything a target deploys. */
export function ownerOfTarget(target: FeatureTarget): FeatureOwner {
  const meta = target.summary.metadata;
  return {
    kind: target.profileKind,
    name: target.profileName,
    tier: target.tier,
    summary: `${meta.namespace ?? ''}/${meta.name ?? ''}`,
  };
}

/** A copy of `obj` carrying the feature label, owner annotations and (optionally) its source. */
export function decorateObject(
  obj: KubeObject,
  owner: FeatureOwner,
  feature: FeatureID,
  source?: SourceReference,
): KubeObject {
  const copy = structuredClone(obj);
  copy.metadata.labels = { ...copy.metadata.labels, [REASON_LABEL]: feature };
  copy.metadata.annotations = {
    ...copy.metadata.annotations,
    ...ownerAnnotations(owner),
    ...(source ? sourceAnnotations(source) : {}),
  };
  return copy;
}

/** The owner annotations of `owner` (also used on Helm release ownership records). */
export function ownerAnnotations(owner: FeatureOwner): Record<string, string> {
  return {
    [OWNER_KIND_ANNOTATION]: owner.kind,
    [OWNER_NAME_ANNOTATION]: owner.name,
    [OWNER_TIER_ANNOTATION]: String(owner.tier),
    [CLUSTER_SUMMARY_REF_ANNOTATION]: owner.summary,
  };
}

function sourceAnnotations(source: SourceReference): Record<string, string> {
  return {
    [REFERENCE_KIND_ANNOTATION]: source.kind,
    [REFERENCE_NAMESPACE_ANNOTATION]: source.namespace,
    [REFERENCE_NAME_ANNOTATION]: source.name,
    [REFERENCE_TIER_ANNOTATION]: String(source.tier),
  };
}

/** The owner recorded on a live object, or undefined when Sveltos did not deploy it. */
export function readOwner(meta: {
  annotations?: Record<string, string> | undefined;
}): FeatureOwner | undefined {
  const a = meta.annotations ?? {};
  const kind = a[OWNER_KIND_ANNOTATION];
  const name = a[OWNER_NAME_ANNOTATION];
  if ((kind !== 'ClusterProfile' && kind !== 'Profile') || !name) return undefined;
  const tier = Number(a[OWNER_TIER_ANNOTATION]);
  return {
    kind,
    name,
    tier: Number.isFinite(tier) ? tier : DEFAULT_TIER,
    summary: a[CLUSTER_SUMMARY_REF_ANNOTATION] ?? '',
  };
}

/** True when both name the same profile. */
export function sameOwner(a: FeatureOwner, b: FeatureOwner): boolean {
  return a.kind === b.kind && a.name === b.name;
}

/** `ClusterProfile deploy-kyverno (tier 100)`: how an owner is named in messages. */
export function describeOwner(owner: FeatureOwner): string {
  return `${owner.kind} ${owner.name} (tier ${owner.tier})`;
}
