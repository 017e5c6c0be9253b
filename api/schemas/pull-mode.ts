// Schemas of the pull-mode hand-off objects in a cluster's namespace on the management cluster:
// ConfigurationGroup (what to deploy for one requestor and feature, in order) and
// ConfigurationBundle (a batch of rendered objects). Shapes follow libsveltos
// `api/v1beta1/configurationgroup_type.go` and `configurationbundle_type.go`.
import { driftExclusion, featureStatus, validateHealth } from './common.js';
import { objectReference } from './core.js';
import {
  arr,
  bool,
  bytes,
  documented,
  duration,
  enumOf,
  int,
  obj,
  str,
  stringMap,
  time,
} from './schema.js';

const configurationItem = obj(
  {
    contentRef: documented(objectReference, 'The ConfigurationBundle holding the objects.'),
    hash: bytes({ description: 'Hash of the bundle content.' }),
  },
  { title: 'ConfigurationItem' },
);

const checks = (description: string): ReturnType<typeof arr> =>
  arr(validateHealth, { listType: 'atomic', description });

const jobs = (list: string): ReturnType<typeof stringMap> =>
  stringMap({ description: `Job manifests of ${list} job checks, keyed by <namespace>/<name>.` });

const off = (description: string): ReturnType<typeof bool> => bool({ default: false, description });

export const configurationGroupSpec = obj(
  {
    action: enumOf(['Deploy', 'Remove'], {
      title: 'Action',
      default: 'Deploy',
      description: 'Deploy the items, or remove what was deployed for this requestor.',
    }),
    configurationItem: arr(configurationItem, {
      listType: 'atomic',
      description: 'Bundles to apply, in this order.',
    }),
    continueOnConflict: off('Keep applying after a conflict.'),
    continueOnError: off('Keep applying after an error.'),
    deployedGroupVersionKind: arr(str(), { description: 'Kinds deployed, as Kind.version.group.' }),
    driftDetection: off('Watch deployed objects for drift.'),
    driftExclusions: arr(driftExclusion, {
      listType: 'atomic',
      description: 'Paths ignored by drift detection.',
    }),
    dryRun: off('Report what would change without changing anything.'),
    leavePolicies: off('Leave deployed objects in place when removing.'),
    maxConsecutiveFailures: int({ description: 'Failures in a row after which retries stop.' }),
    postDeleteCheckJobs: jobs('postDeleteChecks'),
    postDeleteChecks: checks('Checks after removal.'),
    preDeleteCheckJobs: jobs('preDeleteChecks'),
    preDeleteChecks: checks('Checks before removal.'),
    preDeployCheckJobs: jobs('preDeployChecks'),
    preDeployChecks: checks('Checks before deployment.'),
    reloader: off('Roll workloads whose mounted ConfigMaps/Secrets change.'),
    requestorHash: bytes({ description: 'Hash of the requestor state this group reflects.' }),
    serviceAccountName: str({ description: 'ServiceAccount the agent impersonates.' }),
    serviceAccountNamespace: str({ description: 'Namespace of that ServiceAccount.' }),
    sourceRef: documented(objectReference, 'The user-facing profile behind this group.'),
    sourceStatus: enumOf(['Active', 'Deleted'], {
      title: 'SourceStatus',
      default: 'Active',
      description: 'Whether the source still exists.',
    }),
    tier: int({
      default: 100,
      minimum: 1,
      format: 'int32',
      description: 'Priority of the requestor; lower wins a conflict.',
    }),
    updatePhase: enumOf(['Ready', 'Preparing'], {
      title: 'UpdatePhase',
      default: 'Ready',
      description: 'Preparing while new bundles are being written.',
    }),
    validateHealthJobs: jobs('validateHealths'),
    validateHealths: checks('Checks after deployment.'),
  },
  { title: 'ConfigurationGroupSpec' },
);

export const configurationGroupStatus = obj(
  {
    deployedGroupVersionKind: arr(str(), { description: 'Kinds the agent deployed.' }),
    failureMessage: str({ description: 'Why applying failed.' }),
    lastAppliedTime: time({ description: 'When the agent last applied the group.' }),
    observedGeneration: int({ format: 'int64', description: 'Generation the agent processed.' }),
    observedRequestorHash: bytes({ description: 'requestorHash the agent processed.' }),
    status: documented(featureStatus, 'Outcome reported by the agent.'),
  },
  { title: 'ConfigurationGroupStatus' },
);

export const configurationBundleSpec = obj(
  {
    force: off('Delete and recreate objects whose update only a re-creation can apply.'),
    helmChartVersion: str({ description: 'Chart version of the release.' }),
    helmIcon: str({ description: 'Icon URL of the chart.' }),
    helmReleaseName: str({ description: 'Helm release the objects belong to.' }),
    helmReleaseNamespace: str({ description: 'Namespace of that release.' }),
    helmReleaseUninstall: off('The release is being uninstalled.'),
    helmRepoURL: str({ description: 'Repository of the chart.' }),
    isLastHelmReleaseBundle: off('Last bundle of the release.'),
    notTracked: bool({ description: 'Objects are applied without being tracked.' }),
    referenceTier: int({ format: 'int32', description: 'Tier of the source reference.' }),
    referencedObjectKind: str({ description: 'Kind of the source the objects came from.' }),
    referencedObjectName: str({ description: 'Name of that source.' }),
    referencedObjectNamespace: str({ description: 'Namespace of that source.' }),
    resources: arr(str(), {
      listType: 'atomic',
      description: 'One YAML object per entry, applied in order.',
    }),
    skipNamespaceCreation: off('Do not create missing namespaces.'),
    timeout: duration({ description: 'Time allowed for the objects to apply.' }),
  },
  { title: 'ConfigurationBundleSpec' },
);

export const configurationBundleStatus = obj(
  { hash: bytes({ description: 'SHA-256 over the resources, in order.' }) },
  { title: 'ConfigurationBundleStatus' },
);
