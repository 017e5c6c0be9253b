// Why a cluster does or does not match a profile, as small named predicates that return a
// reason ('' = the predicate holds), so the same words reach logs, status and tests (STYLE §8).
// Sveltos' rules: an empty clusterSelector selects nothing; clusterRefs name SveltosClusters;
// setRefs name ClusterSets (ClusterProfile) or Sets of the profile's namespace (Profile) and
// contribute their selected clusters; a Profile never reaches outside its namespace. Pure.
import {
  formatRequirements,
  labelSelectorToRequirements,
  matchesRequirements,
} from '../../api/label-selector.js';
import type { ClusterSet, SveltosCluster, SveltosSet } from '../../api/types/index.js';
import type { AnyProfile } from './profile-ref.js';

/** How a matching cluster was selected. */
export type MatchedBy = 'clusterRefs' | 'clusterSelector' | 'setRefs';

export interface MatchDecision {
  matched: boolean;
  by?: MatchedBy;
  /** Why it matched or not, e.g. `cluster labels do not match selector env=prod`. */
  reason: string;
}

export function clusterName(c: SveltosCluster): string {
  return `${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}`;
}

/** '' when a Profile may select the cluster (same namespace); always '' for a ClusterProfile. */
export function outsideNamespace(profile: AnyProfile, cluster: SveltosCluster): string {
  if (profile.kind === 'ClusterProfile') return '';
  const ns = profile.metadata.namespace ?? '';
  return cluster.metadata.namespace === ns
    ? ''
    : `cluster is outside the Profile's namespace ${ns}`;
}

/** '' when the clusterSelector selects the cluster. */
export function selectorMismatch(profile: AnyProfile, cluster: SveltosCluster): string {
  const selector = profile.spec?.clusterSelector;
  const requirements = selector ? labelSelectorToRequirements(selector) : [];
  if (requirements.length === 0) return 'profile has no clusterSelector';
  if (matchesRequirements(cluster.metadata.labels, requirements)) return '';
  return `cluster labels do not match selector ${formatRequirements(requirements)}`;
}

/** '' when a clusterRef names the cluster. */
export function notReferenced(profile: AnyProfile, cluster: SveltosCluster): string {
  const refs = profile.spec?.clusterRefs ?? [];
  const hit = refs.some(
    (r) =>
      (r.kind ?? 'SveltosCluster') === 'SveltosCluster' &&
      r.name === cluster.metadata.name &&
      (r.namespace ?? profile.metadata.namespace) === cluster.metadata.namespace,
  );
  return hit ? '' : 'cluster is not in clusterRefs';
}

/** '' when a referenced set has selected the cluster. */
export function notInSets(
  profile: AnyProfile,
  cluster: SveltosCluster,
  sets: readonly (ClusterSet | SveltosSet)[],
): string {
  const names = profile.spec?.setRefs ?? [];
  if (names.length === 0) return 'profile has no setRefs';
  const selected = sets
    .filter((s) => names.includes(s.metadata.name ?? ''))
    .flatMap((s) => s.status?.selectedClusterRefs ?? []);
  const hit = selected.some(
    (r) => r.name === cluster.metadata.name && r.namespace === cluster.metadata.namespace,
  );
  return hit ? '' : `cluster is not selected by set(s) ${names.join(', ')}`;
}

/**
 * Whether `profile` selects `cluster`, and why. `sets` are the ClusterSets (for a ClusterProfile)
 * or the Sets of the profile's namespace (for a Profile). A cluster being deleted never matches.
 */
export function decideMatch(
  profile: AnyProfile,
  cluster: SveltosCluster,
  sets: readonly (ClusterSet | SveltosSet)[],
): MatchDecision {
  const outside = outsideNamespace(profile, cluster);
  if (outside) return { matched: false, reason: outside };
  if (cluster.metadata.deletionTimestamp)
    return { matched: false, reason: 'cluster is being deleted' };
  const checks: Array<[MatchedBy, string]> = [
    ['clusterRefs', notReferenced(profile, cluster)],
    ['clusterSelector', selectorMismatch(profile, cluster)],
    ['setRefs', notInSets(profile, cluster, sets)],
  ];
  const hit = checks.find(([, reason]) => reason === '');
  if (hit) return { matched: true, by: hit[0], reason: `selected by ${hit[0]}` };
  return { matched: false, reason: checks.map(([, r]) => r).join('; ') };
}
