// Schema of ClusterSummary spec and status: one per (profile, cluster), holding a copy of the
// profile spec and the per-feature deployment state. Shapes follow addon-controller
// `api/v1beta1/clustersummary_types.go`.
import { featureDeploymentInfo, featureId, featureStatus } from './common.js';
import { secretReference } from './core.js';
import { profileSpec } from './profile-spec.js';
import { arr, bool, bytes, documented, enumOf, int, obj, str, time } from './schema.js';

export const clusterSummarySpec = obj(
  {
    clusterName: str({ description: 'Name of the cluster.' }),
    clusterNamespace: str({ description: 'Namespace of the cluster.' }),
    clusterProfileSpec: documented(profileSpec, 'Copy of the owning profile spec.'),
    clusterType: str({ description: 'Capi or Sveltos.' }),
  },
  {
    title: 'ClusterSummarySpec',
    required: ['clusterName', 'clusterNamespace', 'clusterType'],
  },
);

/** Deployment state of one feature (Resources, Helm or Kustomize) in one cluster. */
export const featureSummary = obj(
  {
    consecutiveFailures: int({ description: 'Failed deployments in a row.' }),
    deployedGroupVersionKind: arr(str(), { description: 'Kinds deployed, as Kind.version.group.' }),
    failureMessage: str({ description: 'Why the last deployment failed.' }),
    failureReason: str({ description: 'Short reason of the last failure.' }),
    featureID: documented(featureId, 'The feature.'),
    hash: bytes({ description: 'Hash of everything the feature deploys.' }),
    lastAppliedTime: time({ description: 'When the feature was last deployed.' }),
    resourceSummaryDeployed: bool({
      description: 'The drift-detection ResourceSummary is in place.',
    }),
    status: documented(featureStatus, 'Where the deployment stands.'),
  },
  { title: 'FeatureSummary', required: ['featureID'] },
);

/** Whether this ClusterSummary manages a Helm release or lost it to another profile. */
export const helmChartSummary = obj(
  {
    chartName: str({ description: 'Chart name.' }),
    chartVersion: str({ description: 'Chart version deployed.' }),
    conflictMessage: str({ description: 'Who manages the release when status is Conflict.' }),
    credentialsSecretRef: documented(secretReference, 'Registry credentials used.'),
    failureMessage: str({ description: 'Why the release failed.' }),
    lastCheckedTime: time({ description: 'When newer chart versions were last looked for.' }),
    latestPatchVersion: str({ description: 'Newest patch version available.' }),
    latestVersion: str({ description: 'Newest version available.' }),
    needsRedeploy: bool({ description: 'The release must be deployed again.' }),
    patchesHash: bytes({ description: 'Hash of the patches applied to the release.' }),
    releaseName: str({ minLength: 1, description: 'Release name.' }),
    releaseNamespace: str({ minLength: 1, description: 'Release namespace.' }),
    repoURL: str({ description: 'Repository URL.' }),
    repositoryName: str({ description: 'Repository name.' }),
    status: enumOf(['Managing', 'Conflict'], {
      title: 'HelmChartStatus',
      description: 'Managing, or Conflict when another profile manages the release.',
    }),
    valuesHash: bytes({ description: 'Hash of the values used.' }),
  },
  { title: 'HelmChartSummary', required: ['releaseName', 'releaseNamespace', 'status'] },
);

export const clusterSummaryStatus = obj(
  {
    dependencies: str({ description: 'Profiles still awaited before deploying.' }),
    deployedGVKs: arr(featureDeploymentInfo, {
      listType: 'map',
      mapKeys: ['featureID'],
      description: 'Kinds deployed per feature.',
    }),
    failureMessage: str({ description: 'Failure not tied to one feature.' }),
    featureSummaries: arr(featureSummary, {
      listType: 'map',
      mapKeys: ['featureID'],
      description: 'Deployment state per feature.',
    }),
    helmReleaseSummaries: arr(helmChartSummary, {
      listType: 'atomic',
      description: 'Helm releases and who manages them.',
    }),
    nextReconcileTime: time({ description: 'Reconciliation is delayed until then.' }),
    reconciliationSuspended: bool({ description: 'Reconciliation is suspended.' }),
    suspensionReason: str({ description: 'Why reconciliation is suspended.' }),
  },
  { title: 'ClusterSummaryStatus' },
);
