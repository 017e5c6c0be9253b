// Related object → profile queue keys, from the in-memory caches only (never a request):
// a cluster change goes to the profiles that select it now or did before (their status lists
// it), a summary change to its owner profile, a set change to the profiles that reference it.
import type {
  ClusterSet,
  ClusterSummary,
  SveltosCluster,
  SveltosSet,
} from '../../api/types/index.js';
import type { ControllerStores } from '../context.js';
import { decideMatch } from './matching-predicates.js';
import { profileKey, refOfProfile } from './profile-ref.js';
import type { AnyProfile } from './profile-ref.js';
import { ownerOfSummary } from './summary-builder.js';

type Stores = Pick<ControllerStores, 'clusterProfiles' | 'profiles' | 'clusterSets' | 'sets'>;

/** Profiles that could select clusters of `namespace`: every ClusterProfile, Profiles there. */
export function candidateProfiles(stores: Stores, namespace: string): AnyProfile[] {
  return [...stores.clusterProfiles.list(), ...stores.profiles.list(namespace)];
}

/** The sets a profile may reference: ClusterSets for a ClusterProfile, Sets of its namespace. */
export function setsFor(stores: Stores, profile: AnyProfile): readonly (ClusterSet | SveltosSet)[] {
  return profile.kind === 'ClusterProfile'
    ? stores.clusterSets.list()
    : stores.sets.list(profile.metadata.namespace ?? '');
}

function listsCluster(profile: AnyProfile, cluster: SveltosCluster): boolean {
  return (profile.status?.matchingClusters ?? []).some(
    (r) => r.name === cluster.metadata.name && r.namespace === cluster.metadata.namespace,
  );
}

/** Keys of the profiles a cluster change concerns. */
export function profilesForCluster(stores: Stores, cluster: SveltosCluster): string[] {
  return candidateProfiles(stores, cluster.metadata.namespace ?? '')
    .filter((p) => listsCluster(p, cluster) || decideMatch(p, cluster, setsFor(stores, p)).matched)
    .map((p) => profileKey(refOfProfile(p)));
}

/** The key of the profile owning a summary. */
export function profileForSummary(summary: ClusterSummary): string[] {
  const owner = ownerOfSummary(summary);
  return owner ? [profileKey(owner)] : [];
}

/** Keys of the profiles whose setRefs name `set`. */
export function profilesForSet(stores: Stores, set: ClusterSet | SveltosSet): string[] {
  const name = set.metadata.name ?? '';
  const profiles =
    set.kind === 'ClusterSet'
      ? stores.clusterProfiles.list()
      : stores.profiles.list(set.metadata.namespace ?? '');
  return profiles
    .filter((p) => (p.spec?.setRefs ?? []).includes(name))
    .map((p) => profileKey(refOfProfile(p)));
}
