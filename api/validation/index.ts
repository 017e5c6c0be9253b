// Public surface of the pure validators, shared by the webhook, the CLI (`kubectl sveltos
// validate`) and the controller. Everything here is synchronous and free of I/O.
export type { FieldProblem } from '../field-problem.js';
export { formatFieldProblem } from '../field-problem.js';
export type { ClusterLike, ObjectLike, ValidationContext, ValidationResult } from './result.js';
export { formatProblems, isValid, summarizeProblems } from './result.js';
export { validateProfileCreate, validateProfileDelete, validateProfileUpdate } from './profile.js';
export {
  readPullMode,
  validateSveltosClusterCreate,
  validateSveltosClusterDelete,
  validateSveltosClusterUpdate,
} from './sveltos-cluster.js';
export type { JsonPatchOperation } from './sveltos-cluster-mutation.js';
export { desiredSystemLabels, mutateSveltosCluster } from './sveltos-cluster-mutation.js';
export type { ManifestResult, ValidateManifestsOptions } from './manifests.js';
export { validateManifests } from './manifests.js';
