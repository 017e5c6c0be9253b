// Schemas of the spec and status ClusterProfile and Profile share (addon-controller `Spec` and
// `Status`); ClusterSummary copies the spec into `spec.clusterProfileSpec`. Shapes follow
// addon-controller `api/v1beta1/spec.go` and `status.go`.
import { driftExclusion, patch, validateHealth } from './common.js';
import { labelSelector, objectReference } from './core.js';
import { helmChart, valueFrom } from './helm-chart.js';
import { kustomizationRef, policyRef, templateResourceRef } from './refs.js';
import {
  arr,
  bool,
  bytes,
  documented,
  enumOf,
  int,
  intOrString,
  obj,
  str,
  stringMap,
  time,
} from './schema.js';

/** How changes reach matching clusters. */
export const SYNC_MODES = ['OneTime', 'Continuous', 'ContinuousWithDriftDetection', 'DryRun'];

const checks = (description: string): ReturnType<typeof arr> =>
  arr(validateHealth, { listType: 'atomic', description });

/** Desired state of a ClusterProfile or Profile. */
export const profileSpec = obj(
  {
    clusterRefs: arr(objectReference, { description: 'Clusters selected by reference.' }),
    clusterSelector: documented(labelSelector, 'Clusters selected by their labels.'),
    continueOnConflict: bool({
      default: false,
      description: 'Keep deploying the remaining resources after a conflict.',
    }),
    continueOnError: bool({
      default: false,
      description: 'Keep deploying the remaining resources after an error.',
    }),
    dependsOn: arr(str(), {
      description: 'Profiles of the same kind that must be deployed first.',
    }),
    driftExclusions: arr(driftExclusion, {
      listType: 'atomic',
      description: 'Paths ignored by drift detection.',
    }),
    extraAnnotations: stringMap({
      description: 'Annotations added to every deployed resource (deprecated: use patches).',
    }),
    extraLabels: stringMap({
      description: 'Labels added to every deployed resource (deprecated: use patches).',
    }),
    helmCharts: arr(helmChart, { listType: 'atomic', description: 'Helm charts to deploy.' }),
    kustomizationRefs: arr(kustomizationRef, {
      listType: 'atomic',
      description: 'Kustomize directories to build and deploy.',
    }),
    maxConsecutiveFailures: int({
      description: 'Consecutive deployment failures after which Sveltos stops retrying.',
    }),
    maxUpdate: intOrString({
      pattern: '^((100|[0-9]{1,2})%|[0-9]+)$',
      description: 'Clusters updated at once, as a number or a percentage (default 100%).',
    }),
    patches: arr(patch, {
      listType: 'atomic',
      description: 'Patches applied to every resource the profile deploys.',
    }),
    patchesFrom: arr(valueFrom, {
      listType: 'atomic',
      description: 'ConfigMaps/Secrets holding more patches.',
    }),
    policyRefs: arr(policyRef, {
      listType: 'atomic',
      description: 'Sources of Kubernetes resources to deploy.',
    }),
    postDeleteChecks: checks('Checks that must pass after resources are removed.'),
    preDeleteChecks: checks('Checks that must pass before resources are removed.'),
    preDeployChecks: checks('Checks that must pass before anything is deployed.'),
    reloader: bool({
      default: false,
      description: 'Roll workloads whose mounted ConfigMaps/Secrets change.',
    }),
    setRefs: arr(str(), {
      description: 'ClusterSets (for a ClusterProfile) or Sets (for a Profile) to select from.',
    }),
    stopMatchingBehavior: enumOf(['WithdrawPolicies', 'LeavePolicies'], {
      title: 'StopMatchingBehavior',
      default: 'WithdrawPolicies',
      description: 'What happens to deployed resources when a cluster stops matching.',
    }),
    syncMode: enumOf(SYNC_MODES, {
      title: 'SyncMode',
      default: 'Continuous',
      description: 'How changes reach matching clusters.',
    }),
    templateResourceRefs: arr(templateResourceRef, {
      listType: 'map',
      mapKeys: ['identifier'],
      description: 'Management cluster objects exposed to templates.',
    }),
    tier: int({
      default: 100,
      minimum: 1,
      format: 'int32',
      description: 'Priority when two profiles deploy the same resource; lower wins.',
    }),
    validateHealths: checks('Checks that must pass after deployment.'),
  },
  { title: 'Spec' },
);

const clusters = obj(
  {
    clusters: arr(objectReference, { description: 'The clusters.' }),
    hash: bytes({ description: 'Hash of the profile spec these clusters refer to.' }),
  },
  { title: 'Clusters' },
);

const failedCluster = obj(
  {
    clusterRef: documented(objectReference, 'The cluster.'),
    failureMessage: str({ description: 'Why it failed.' }),
    lastFailureTime: time({ description: 'When it last failed.' }),
  },
  { title: 'FailedCluster', required: ['clusterRef', 'failureMessage'] },
);

/** Observed state of a ClusterProfile or Profile. */
export const profileStatus = obj(
  {
    dependenciesHash: bytes({ description: 'Hash of the profiles this one depends on.' }),
    failedClusters: arr(failedCluster, { description: 'Clusters whose deployment failed.' }),
    matchingClusters: arr(objectReference, { description: 'Clusters currently matching.' }),
    reconciliationSuspended: bool({ description: 'Reconciliation is suspended.' }),
    suspensionReason: str({ description: 'Why reconciliation is suspended.' }),
    updatedClusters: documented(clusters, 'Clusters already updated to the current spec.'),
    updatingClusters: documented(clusters, 'Clusters being updated to the current spec.'),
  },
  { title: 'Status' },
);
