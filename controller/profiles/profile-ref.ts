// Identity of a profile across both kinds: ClusterProfile (cluster-scoped, selects clusters of
// every namespace) and Profile (namespaced, selects clusters of its own namespace only), and the
// work-queue key that names one. Pure.
import { CLUSTER_PROFILE, PROFILE } from '../../api/gvk.js';
import type { ClusterProfile, Profile, ProfileKind } from '../../api/types/index.js';

/** Either kind of profile. */
export type AnyProfile = ClusterProfile | Profile;

export interface ProfileRef {
  kind: ProfileKind;
  name: string;
  /** Set for a Profile only. */
  namespace?: string;
}

/** Queue key: `ClusterProfile/NAME` or `Profile/NAMESPACE/NAME`. */
export function profileKey(ref: ProfileRef): string {
  return ref.kind === 'ClusterProfile'
    ? `ClusterProfile/${ref.name}`
    : `Profile/${ref.namespace ?? ''}/${ref.name}`;
}

/** Parses a queue key; undefined for a malformed one. */
export function parseProfileKey(key: string): ProfileRef | undefined {
  const parts = key.split('/');
  if (parts[0] === 'ClusterProfile' && parts.length === 2 && parts[1]) {
    return { kind: 'ClusterProfile', name: parts[1] };
  }
  if (parts[0] === 'Profile' && parts.length === 3 && parts[1] && parts[2]) {
    return { kind: 'Profile', namespace: parts[1], name: parts[2] };
  }
  return undefined;
}

export function refOfProfile(p: AnyProfile): ProfileRef {
  return p.kind === 'ClusterProfile'
    ? { kind: 'ClusterProfile', name: p.metadata.name ?? '' }
    : { kind: 'Profile', name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? '' };
}

/** `ClusterProfile deploy-kyverno` / `Profile ns/name`, for messages. */
export function describeProfile(ref: ProfileRef): string {
  return ref.kind === 'ClusterProfile'
    ? `ClusterProfile ${ref.name}`
    : `Profile ${ref.namespace ?? ''}/${ref.name}`;
}

export function kindInfoOf(kind: ProfileKind): typeof CLUSTER_PROFILE {
  return kind === 'ClusterProfile' ? CLUSTER_PROFILE : PROFILE;
}
