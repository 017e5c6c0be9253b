// Schemas of libsveltos v1beta1 common types shared by several kinds: feature identifiers and
// statuses, resource selection for checks, patches, drift exclusions and health checks.
// Shapes follow libsveltos `api/v1beta1/common_types.go` and `policyref.go`.
import { labelSelector, secretReference } from './core.js';
import { arr, duration, enumOf, obj, str } from './schema.js';

/** The three features a profile deploys, and the key of every per-feature status entry. */
export const FEATURE_IDS = ['Resources', 'Helm', 'Kustomize'];

/** Statuses a feature (or a ConfigurationGroup) moves through. */
export const FEATURE_STATUSES = [
  'Provisioning',
  'Provisioned',
  'Failed',
  'FailedNonRetriable',
  'Removing',
  'Removed',
  'AgentRemoving',
];

export const featureId = enumOf(FEATURE_IDS, { title: 'FeatureID' });

export const featureStatus = enumOf(FEATURE_STATUSES, { title: 'FeatureStatus' });

export const labelFilter = obj(
  {
    key: str({ description: 'Label key.' }),
    operation: enumOf(['Equal', 'Different', 'Has', 'DoesNotHave'], {
      title: 'Operation',
      description: 'How the label is compared.',
    }),
    value: str({ description: 'Label value; unused by Has and DoesNotHave.' }),
  },
  { title: 'LabelFilter', required: ['key', 'operation'] },
);

export const celRule = obj(
  {
    name: str({ description: 'Human-readable name of the rule.' }),
    rule: str({ description: 'CEL expression returning a bool.' }),
  },
  { title: 'CELRule', required: ['name', 'rule'] },
);

/** Which resources in a managed cluster a check looks at. */
export const resourceSelector = obj(
  {
    evaluate: str({ description: 'Lua function `evaluate` deciding whether an object matches.' }),
    evaluateCEL: arr(celRule, { description: 'CEL rules; the first returning true matches.' }),
    group: str({ description: 'API group of the resources.' }),
    kind: str({ minLength: 1, description: 'Kind of the resources.' }),
    labelFilters: arr(labelFilter, { description: 'Filters on the resources labels.' }),
    name: str({ description: 'Name of the resource.' }),
    namespace: str({ description: 'Namespace; empty means all namespaces or cluster scope.' }),
    selector: {
      ...labelSelector,
      description: 'Label selector, ANDed with labelFilters.',
    },
    version: str({ description: 'API version of the resources.' }),
  },
  { title: 'ResourceSelector', required: ['group', 'kind', 'version'] },
);

/** Which rendered objects a patch or drift exclusion applies to. */
export const patchSelector = obj(
  {
    annotationSelector: str({ description: 'Label-selector expression over annotations.' }),
    group: str({ description: 'API group.' }),
    kind: str({ description: 'Kind.' }),
    labelSelector: str({ description: 'Label-selector expression over labels.' }),
    name: str({ description: 'Object name.' }),
    namespace: str({ description: 'Object namespace.' }),
    version: str({ description: 'API version.' }),
  },
  { title: 'PatchSelector' },
);

export const patch = obj(
  {
    patch: str({
      description: 'Inline strategic-merge or JSON 6902 patch; may be a template.',
    }),
    target: { ...patchSelector, description: 'Objects the patch applies to.' },
  },
  { title: 'Patch', required: ['patch'] },
);

export const driftExclusion = obj(
  {
    paths: arr(str(), { description: 'JSON 6902 paths ignored when detecting drift.' }),
    target: { ...patchSelector, description: 'Objects the paths refer to.' },
  },
  { title: 'DriftExclusion', required: ['paths'] },
);

/** libsveltos PolicyRef: a ConfigMap or Secret by namespace and name (used by job checks). */
export const libPolicyRef = obj(
  {
    kind: enumOf(['Secret', 'ConfigMap'], { description: 'ConfigMap or Secret.' }),
    name: str({ minLength: 1, description: 'Name of the referenced object.' }),
    namespace: str({ description: 'Namespace of the referenced object.' }),
  },
  { title: 'LibPolicyRef', required: ['kind', 'name', 'namespace'] },
);

const metricSource = obj(
  {
    path: str({ description: 'HTTP path of instant queries; defaults to /api/v1/query.' }),
    secretRef: { ...secretReference, description: 'Secret with token or username/password.' },
    url: str({ minLength: 1, description: 'Base URL of a Prometheus-compatible endpoint.' }),
  },
  { title: 'MetricSource', required: ['url'] },
);

const metricQuery = obj(
  {
    name: str({ minLength: 1, description: 'Key of the result in the script metrics table.' }),
    query: str({ minLength: 1, description: 'PromQL instant query.' }),
  },
  { title: 'MetricQuery', required: ['name', 'query'] },
);

const jobHealthCheck = obj(
  {
    jobRef: { ...libPolicyRef, description: 'ConfigMap/Secret holding the Job manifest.' },
    timeout: duration({ description: 'How long to wait for the Job; defaults to 5m.' }),
  },
  { title: 'JobHealthCheck', required: ['jobRef'] },
);

/** A check run against a managed cluster before deploy, after deploy, or around deletion. */
export const validateHealth = obj(
  {
    evaluateCEL: arr(celRule, { description: 'CEL rules evaluated against each object.' }),
    featureID: { ...featureId, description: 'Feature after (or before) which the check runs.' },
    group: str({ description: 'API group of the resources to fetch.' }),
    jobCheck: { ...jobHealthCheck, description: 'Run a Job and use its outcome.' },
    kind: str({ description: 'Kind of the resources to fetch.' }),
    labelFilters: arr(labelFilter, { description: 'Filters on the resources labels.' }),
    metricQueries: arr(metricQuery, { description: 'PromQL queries exposed to the script.' }),
    metricSource: { ...metricSource, description: 'Endpoint metricQueries run against.' },
    name: str({ description: 'Name of the check.' }),
    namespace: str({ description: 'Namespace of the resources to fetch.' }),
    script: str({ description: 'Lua script returning whether the resources are healthy.' }),
    version: str({ description: 'API version of the resources to fetch.' }),
  },
  {
    title: 'ValidateHealth',
    required: ['featureID', 'name'],
    'x-kubernetes-validations': [
      {
        rule: '!has(self.jobCheck) || (!has(self.script) && !has(self.evaluateCEL))',
        message: 'jobCheck cannot be set together with script or evaluateCEL',
      },
    ],
  },
);

/** GVKs one feature deployed, as `Kind.version.group` strings. */
export const featureDeploymentInfo = obj(
  {
    deployedGroupVersionKind: arr(str(), {
      description: 'Kinds the feature deployed, as Kind.version.group.',
    }),
    featureID: { ...featureId, description: 'The feature.' },
  },
  { title: 'FeatureDeploymentInfo', required: ['featureID'] },
);
