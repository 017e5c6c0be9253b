// Schemas of the sources a profile deploys besides Helm charts: `policyRefs[]` (raw YAML in
// ConfigMaps/Secrets, Flux sources or a remote URL), `kustomizationRefs[]`, and the management
// cluster objects `templateResourceRefs[]` exposes to templates. Shapes follow addon-controller
// `api/v1beta1/spec.go`.
import { objectReference, secretReference } from './core.js';
import { valueFrom } from './helm-chart.js';
import { arr, bool, duration, enumOf, int, obj, str, stringMap } from './schema.js';

const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket', 'ConfigMap', 'Secret'];

export const deploymentType = enumOf(['Local', 'Remote'], {
  title: 'DeploymentType',
  default: 'Remote',
  description: 'Deploy to the management cluster (Local) or the managed cluster (Remote).',
});

const kindXorRemoteUrl = [
  {
    rule: 'has(self.remoteURL) != has(self.kind)',
    message: 'either remoteURL or kind must be set, but not both',
  },
];

const referenceTier = int({
  default: 100,
  minimum: 1,
  format: 'int32',
  description: 'Priority among references of one profile; lower wins a conflict.',
});

const remoteUrlFields = {
  insecureSkipTLSVerify: bool({ default: false, description: 'Skip TLS verification.' }),
  interval: duration({ description: 'How often the source is fetched again; defaults to 5m.' }),
  plainHTTP: bool({ default: false, description: 'Use plain HTTP for oci:// URLs.' }),
  secretRef: {
    ...secretReference,
    description: 'Secret with token, username/password or caFile for the fetch.',
  },
  url: str({ pattern: '^(https?|oci)://', description: 'http(s):// or oci:// source.' }),
};

const remoteUrl = obj(
  {
    ...remoteUrlFields,
    template: bool({ description: 'The fetched content is a template to instantiate.' }),
  },
  { title: 'RemoteURL', required: ['url'] },
);

const remoteKustomizeUrl = obj(remoteUrlFields, {
  title: 'RemoteKustomizeURL',
  required: ['url'],
});

const sourceFields = {
  force: bool({
    default: false,
    description: 'Delete and recreate objects whose update only a re-creation can apply.',
  }),
  kind: enumOf(SOURCE_KINDS, { description: 'Kind of the source; required without remoteURL.' }),
  name: str({ description: 'Name of the source; may be a template.' }),
  namespace: str({
    description:
      "Namespace of the source; empty means the cluster's namespace (ClusterProfile) or the Profile's own.",
  }),
  optional: bool({ default: false, description: 'Ignore the reference when it is missing.' }),
  path: str({ description: 'Directory inside a Flux source; may be a template.' }),
  skipNamespaceCreation: bool({
    default: false,
    description: 'Do not create missing namespaces of namespaced objects.',
  }),
  tier: referenceTier,
};

/** Kubernetes resources to deploy, held in a ConfigMap/Secret, a Flux source or at a URL. */
export const policyRef = obj(
  {
    ...sourceFields,
    deploymentType,
    remoteURL: { ...remoteUrl, description: 'Fetch the content from a URL instead.' },
  },
  { title: 'PolicyRef', 'x-kubernetes-validations': kindXorRemoteUrl },
);

/** A directory that is built with Kustomize and the output deployed. */
export const kustomizationRef = obj(
  {
    ...sourceFields,
    components: arr(str(), { description: 'Kustomize components relative to path.' }),
    deploymentType,
    path: str({ description: 'Directory holding kustomization.yaml; may be a template.' }),
    remoteURL: { ...remoteKustomizeUrl, description: 'Fetch the directory from a URL instead.' },
    targetNamespace: str({
      minLength: 1,
      maxLength: 63,
      description: 'Namespace set on every object of the build.',
    }),
    values: stringMap({ description: 'Template values substituted into the build output.' }),
    valuesFrom: arr(valueFrom, { description: 'ConfigMaps/Secrets holding more values.' }),
  },
  { title: 'KustomizationRef', 'x-kubernetes-validations': kindXorRemoteUrl },
);

/** A management-cluster object fetched and exposed to templates under `identifier`. */
export const templateResourceRef = obj(
  {
    identifier: str({ description: 'Name the object is exposed under in templates.' }),
    ignoreStatusChanges: bool({
      default: false,
      description: 'Do not re-render when only the status changes.',
    }),
    optional: bool({ default: false, description: 'Render even when the object is missing.' }),
    resource: {
      ...objectReference,
      description: 'The object; name and namespace may be templates.',
    },
    watchFields: arr(str(), { description: 'Only changes to these fields trigger a re-render.' }),
  },
  { title: 'TemplateResourceRef', required: ['identifier', 'resource'] },
);
