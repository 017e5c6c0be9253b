// The types of every Sveltos kind (generated from api/schemas) plus the few unions the CRD
// schemas cannot express. Import Sveltos types from here, not from generated.ts directly.
export type * from './generated.js';
export type { Set as SveltosSet, SetList as SveltosSetList } from './generated.js';

/** Value of ClusterSummary `spec.clusterType` and of the `projectsveltos.io/cluster-type` label. */
export type ClusterType = 'Capi' | 'Sveltos';

/** Kind of a profile: the owner of a ClusterSummary and of every resource it deploys. */
export type ProfileKind = 'ClusterProfile' | 'Profile';
