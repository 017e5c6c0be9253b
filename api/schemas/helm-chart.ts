// Schema of a profile's `helmCharts[]` entry and its options, following addon-controller
// `api/v1beta1/spec.go` (HelmChart, HelmOptions, Helm{Install,Upgrade,Uninstall}Options,
// ValueFrom, RegistryCredentialsConfig and the chart signature/provenance checks).
import { secretReference } from './core.js';
import { arr, bool, duration, enumOf, int, obj, str, stringMap } from './schema.js';

/** A ConfigMap or Secret whose data holds Helm values, Kustomize values or patches. */
export const valueFrom = obj(
  {
    kind: enumOf(['ConfigMap', 'Secret'], { description: 'ConfigMap or Secret.' }),
    name: str({ minLength: 1, description: 'Name; may be a template over cluster fields.' }),
    namespace: str({
      description:
        "Namespace; empty means the cluster's namespace (ClusterProfile) or the Profile's own.",
    }),
    optional: bool({ default: false, description: 'Ignore the reference when it is missing.' }),
  },
  { title: 'ValueFrom', required: ['kind', 'name'] },
);

const off = (description: string): ReturnType<typeof bool> => bool({ default: false, description });

const installOptions = obj(
  {
    createNamespace: bool({ default: true, description: 'Create the release namespace.' }),
    disableHooks: off('Skip hooks on install only.'),
    recoverAfterConsecutiveFailures: int({
      default: 5,
      description: 'Install failures after which a never-deployed release is uninstalled first.',
    }),
    replace: bool({ default: true, description: 'Re-use the name of an uninstalled release.' }),
    takeOwnership: off('Adopt existing resources that lack Helm annotations.'),
  },
  { title: 'HelmInstallOptions' },
);

const upgradeOptions = obj(
  {
    cleanupOnFail: off('Delete resources created by a failed upgrade.'),
    disableHooks: off('Skip hooks on upgrade only.'),
    force: off('Force resource updates through replacement.'),
    maxHistory: int({ default: 2, description: 'Revisions kept per release.' }),
    recreate: off('Deprecated and ignored.'),
    resetThenReuseValues: off("Reset to the chart's values, then merge the last supplied ones."),
    resetValues: off("Reset values to the chart's built-ins."),
    reuseValues: off("Reuse the last release's values when none are given."),
    subNotes: off('Render sub-chart notes.'),
    takeOwnership: off('Adopt existing resources that lack Helm annotations.'),
    upgradeCRDs: off("Apply the chart's crds/ directory on upgrade."),
  },
  { title: 'HelmUpgradeOptions' },
);

const uninstallOptions = obj(
  {
    deletionPropagation: enumOf(['orphan', 'foreground', 'background'], {
      description: 'Deletion propagation policy for the release resources.',
    }),
    disableHooks: off('Skip hooks on uninstall only.'),
    keepHistory: bool({ description: 'Keep the release record after uninstalling.' }),
  },
  { title: 'HelmUninstallOptions' },
);

/** Flags passed to Helm when a chart is installed, upgraded or uninstalled. */
export const helmOptions = obj(
  {
    atomic: off('Roll back a failed install or upgrade.'),
    dependencyUpdate: off('Update missing chart dependencies first.'),
    description: str({ description: 'Description recorded on the Helm operation.' }),
    disableHooks: off('Skip hooks on every operation.'),
    disableOpenAPIValidation: off('Skip validating rendered templates against OpenAPI.'),
    enableClientCache: off('Enable the Helm client cache.'),
    installOptions: { ...installOptions, description: 'Options for helm install.' },
    labels: stringMap({ description: 'Labels added to the release metadata.' }),
    passCredentialsAll: bool({ description: 'Pass repository credentials to all domains.' }),
    postRenderStrategy: enumOf(['combined', 'separate', 'nohooks'], {
      title: 'PostRenderStrategy',
      description: 'How hooks are sent to the patches post-renderer.',
    }),
    runTests: off('Run helm test after each successful install or upgrade.'),
    skipCRDs: off('Do not install CRDs.'),
    skipSchemaValidation: off("Skip the chart's values JSON schema validation."),
    timeout: duration({ description: 'Time to wait for each Kubernetes operation.' }),
    uninstallOptions: { ...uninstallOptions, description: 'Options for helm uninstall.' },
    upgradeOptions: { ...upgradeOptions, description: 'Options for helm upgrade.' },
    wait: off('Wait until resources are ready.'),
    waitForJobs: off('With wait, also wait for Jobs to complete.'),
  },
  { title: 'HelmOptions' },
);

const registryCredentialsConfig = obj(
  {
    ca: { ...secretReference, description: 'Secret with the registry CA under ca.crt.' },
    credentials: { ...secretReference, description: 'Secret with registry credentials.' },
    insecureSkipTLSVerify: bool({ description: 'Skip TLS verification of the registry.' }),
    key: str({ description: 'Key of the credentials Secret; defaults to its only key.' }),
    plainHTTP: bool({ description: 'Download the chart over plain HTTP.' }),
  },
  { title: 'RegistryCredentialsConfig' },
);

const oidcIdentityMatcher = obj(
  {
    issuer: str({ minLength: 1, description: 'OIDC issuer URL or regular expression.' }),
    subject: str({ minLength: 1, description: 'OIDC subject or regular expression.' }),
  },
  { title: 'OIDCIdentityMatcher', required: ['issuer', 'subject'] },
);

const cosignVerification = obj(
  {
    matchOIDCIdentity: arr(oidcIdentityMatcher, {
      description: 'Accepted identities for Keyless verification.',
    }),
    provider: enumOf(['PublicKey', 'Keyless'], {
      title: 'CosignProvider',
      description: 'How the signature is verified.',
    }),
    secretRef: { ...secretReference, description: 'Secret with cosign.pub for PublicKey.' },
  },
  { title: 'CosignVerification', required: ['provider'] },
);

const provenanceVerification = obj(
  { keyringSecretRef: { ...secretReference, description: 'Secret with keyring.gpg.' } },
  { title: 'ProvenanceVerification', required: ['keyringSecretRef'] },
);

/** Chart name, version and repository must be set unless the URL names a Flux source. */
const chartFieldRules = (['chartName', 'chartVersion', 'repositoryName'] as const).flatMap(
  (field) => {
    const message = `${field.charAt(0).toUpperCase()}${field.slice(1)} must be defined`;
    return ['http', 'oci'].map((scheme) => ({
      rule: `self.repositoryURL.startsWith('${scheme}') ? size(self.${field}) >= 1 : true`,
      message,
    }));
  },
);

/** One Helm release a profile deploys (or uninstalls) in every matching cluster. */
export const helmChart = obj(
  {
    chartName: str({ description: 'Chart, as <repositoryName>/<chart> for HTTP repositories.' }),
    chartVersion: str({ description: 'Chart version; may be a template.' }),
    helmChartAction: enumOf(['Install', 'Uninstall'], {
      title: 'HelmChartAction',
      default: 'Install',
      description: 'Whether the release is installed or removed.',
    }),
    options: { ...helmOptions, description: 'Helm flags.' },
    provenanceVerification: {
      ...provenanceVerification,
      description: 'GPG provenance check for HTTP repositories.',
    },
    registryCredentialsConfig: {
      ...registryCredentialsConfig,
      description: 'Credentials and TLS settings for private registries.',
    },
    releaseName: str({ minLength: 1, description: 'Helm release name.' }),
    releaseNamespace: str({ minLength: 1, description: 'Namespace the release is installed in.' }),
    repositoryName: str({ description: 'Local name of the chart repository.' }),
    repositoryURL: str({
      minLength: 1,
      description: 'HTTP(S) repository, oci:// registry, or <flux-kind>://<ns>/<name>/<path>.',
    }),
    signatureVerification: {
      ...cosignVerification,
      description: 'Cosign signature check for OCI charts.',
    },
    values: str({ description: 'Values YAML; may be a template.' }),
    valuesFrom: arr(valueFrom, { description: 'ConfigMaps/Secrets whose data holds values.' }),
  },
  {
    title: 'HelmChart',
    required: ['releaseName', 'releaseNamespace', 'repositoryURL'],
    'x-kubernetes-validations': chartFieldRules,
  },
);
