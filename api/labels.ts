// Every label and annotation key Sveltos reserves, with the values it writes, taken from
// libsveltos (`api/v1beta1`, `lib/deployer`, `lib/pullmode`) and addon-controller
// (`api/v1beta1/spec.go`, `lib/clusterops`, `controllers/handlers_utils.go`). Our additions are
// PULL_MODE_LABEL and CLUSTER_SUMMARY_REF_ANNOTATION. Pure constants; users' YAML and Sveltos'
// tools rely on the keys.

// --- SveltosCluster ---------------------------------------------------------------------------

/** Label Sveltos stamps on a SveltosCluster: the probed Kubernetes version, e.g. `v1.32.5`. */
export const K8S_VERSION_LABEL = 'projectsveltos.io/k8s-version';

/** Label set on clusters where the sveltos-agent runs (by Sveltos' default Classifier). */
export const SVELTOS_AGENT_LABEL = 'sveltos-agent';
/** The only value of SVELTOS_AGENT_LABEL. */
export const SVELTOS_AGENT_LABEL_VALUE = 'present';

/**
 * sveltos-ts only (Sveltos has no such label): stamped by our webhook from `spec.pullMode`,
 * `"true"` or `"false"`, so profiles and `kubectl get -l` can select clusters by mode.
 */
export const PULL_MODE_LABEL = 'projectsveltos.io/pull-mode';

/** Annotation assigning a cluster to a controller shard; shown in the SHARD column. */
export const SHARD_ANNOTATION = 'sharding.projectsveltos.io/key';

/** Labels Sveltos (and our webhook) own on a SveltosCluster; users may not set them. */
export const RESERVED_CLUSTER_LABELS: readonly string[] = [
  K8S_VERSION_LABEL,
  SVELTOS_AGENT_LABEL,
  PULL_MODE_LABEL,
];

// --- ClusterProfile / Profile -----------------------------------------------------------------

/** Annotation that pauses reconciliation of a ClusterProfile or Profile (any value). */
export const PROFILE_PAUSED_ANNOTATION = 'profile.projectsveltos.io/paused';

// --- ClusterSummary ---------------------------------------------------------------------------

/** Label on a ClusterSummary: the name of its cluster. */
export const CLUSTER_NAME_LABEL = 'projectsveltos.io/cluster-name';

/** Label on a ClusterSummary: its cluster's type, `Sveltos` or `Capi` (see ClusterType). */
export const CLUSTER_TYPE_LABEL = 'projectsveltos.io/cluster-type';

/** Label on a ClusterSummary created by a ClusterProfile: the ClusterProfile's name. */
export const CLUSTER_PROFILE_NAME_LABEL = 'projectsveltos.io/cluster-profile-name';

/** Label on a ClusterSummary created by a Profile: the Profile's name. */
export const PROFILE_NAME_LABEL = 'projectsveltos.io/profile-name';

/** Label naming the ClusterSummary behind a ResourceSummary (drift detection). */
export const CLUSTER_SUMMARY_NAME_LABEL = 'projectsveltos.io/cluster-summary-name';

/** Label naming the namespace of the ClusterSummary behind a ResourceSummary. */
export const CLUSTER_SUMMARY_NAMESPACE_LABEL = 'projectsveltos.io/cluster-summary-namespace';

/**
 * Label on a profile naming the tenant admin (a ServiceAccount) who created it; copied to its
 * ClusterSummaries, and deployments impersonate that ServiceAccount.
 */
export const SERVICE_ACCOUNT_NAME_LABEL = 'projectsveltos.io/serviceaccount-name';

/** Profile label copied to its ClusterSummaries: that ServiceAccount's namespace. */
export const SERVICE_ACCOUNT_NAMESPACE_LABEL = 'projectsveltos.io/serviceaccount-namespace';

// --- Resources Sveltos deploys in a cluster ---------------------------------------------------
// Conflicts and withdrawal are decided from these, read back from the cluster itself.

/** Label on a deployed resource: the feature that deployed it (`Resources`, `Helm`, …). */
export const REASON_LABEL = 'projectsveltos.io/reason';

/** Annotation: kind of the profile that owns the resource (`ClusterProfile` or `Profile`). */
export const OWNER_KIND_ANNOTATION = 'projectsveltos.io/owner-kind';

/** Annotation: name of the profile that owns the resource. */
export const OWNER_NAME_ANNOTATION = 'projectsveltos.io/owner-name';

/** Annotation: tier of the owning profile, as a decimal string; lower wins a conflict. */
export const OWNER_TIER_ANNOTATION = 'projectsveltos.io/owner-tier';

/** Annotation: kind of the source (ConfigMap, Secret, GitRepository, …) the resource came from. */
export const REFERENCE_KIND_ANNOTATION = 'projectsveltos.io/reference-kind';

/** Annotation: name of that source. */
export const REFERENCE_NAME_ANNOTATION = 'projectsveltos.io/reference-name';

/** Annotation: namespace of that source. */
export const REFERENCE_NAMESPACE_ANNOTATION = 'projectsveltos.io/reference-namespace';

/** Annotation: tier of the policyRef/kustomizationRef the resource came from. */
export const REFERENCE_TIER_ANNOTATION = 'projectsveltos.io/reference-tier';

/**
 * Deprecated labels with the same keys as the reference annotations; older Sveltos releases
 * wrote them, so withdrawal still recognises them.
 */
export const REFERENCE_KIND_LABEL = REFERENCE_KIND_ANNOTATION;
export const REFERENCE_NAME_LABEL = REFERENCE_NAME_ANNOTATION;
export const REFERENCE_NAMESPACE_LABEL = REFERENCE_NAMESPACE_ANNOTATION;

/** Annotation: hash of the resource as deployed, compared to detect changes. */
export const POLICY_HASH_ANNOTATION = 'projectsveltos.io/hash';

/** Annotation: the ClusterSummary that deployed the resource, as `<sveltos|capi>-<ns>-<name>`. */
export const CLUSTER_SUMMARY_ANNOTATION = 'projectsveltos.io/clustersummary';

/**
 * sveltos-ts only: annotation naming the ClusterSummary (`namespace/name`) that deployed a
 * resource (Sveltos' CLUSTER_SUMMARY_ANNOTATION names the cluster, not the summary).
 */
export const CLUSTER_SUMMARY_REF_ANNOTATION = 'projectsveltos.io/cluster-summary';

/** Annotation: `Local` or `Remote`, the deploymentType the resource was deployed with. */
export const DEPLOYMENT_TYPE_ANNOTATION = 'projectsveltos.io/deploymenttype';

/** Annotation a user sets on a resource in a source to have it deleted and recreated on update. */
export const FORCE_RECREATE_ANNOTATION = 'projectsveltos.io/forceRecreate';

/** Annotation a user sets on a deployed resource to exclude it from drift detection. */
export const DRIFT_DETECTION_IGNORE_ANNOTATION = 'projectsveltos.io/driftDetectionIgnore';

/**
 * Annotation on Sveltos' own objects (EventSource, HealthCheck, Classifier, ResourceSummary)
 * that Sveltos deploys into managed clusters for its in-cluster agents.
 */
export const DEPLOYED_BY_SVELTOS_ANNOTATION = 'projectsveltos.io/deployed-by-sveltos';

// --- Sources (ConfigMaps/Secrets referenced by policyRefs) ------------------------------------

/** Annotation on a source ConfigMap/Secret: its content is a template to instantiate. */
export const TEMPLATE_ANNOTATION = 'projectsveltos.io/template';

/** Annotation on a source ConfigMap/Secret: its content is Lua generating the resources. */
export const LUA_ANNOTATION = 'projectsveltos.io/lua';

/** Secret type required of Secrets that policyRefs reference. */
export const CLUSTER_PROFILE_SECRET_TYPE = 'addons.projectsveltos.io/cluster-profile';

// --- Pull mode (ConfigurationGroup / ConfigurationBundle) -------------------------------------

/** Label: the managed cluster the group or bundle is for; the agent selects by it. */
export const PULL_MODE_CLUSTER_NAME_LABEL = 'pullmode.projectsveltos.io/clustername';

/** Label: kind of the requestor, e.g. `ClusterSummary`. */
export const PULL_MODE_REQUESTOR_KIND_LABEL = 'pullmode.projectsveltos.io/requestorkind';

/** Label: the requestor's feature, e.g. `Helm`, `Resources`, `Kustomize`. */
export const PULL_MODE_REQUESTOR_FEATURE_LABEL = 'pullmode.projectsveltos.io/requestorfeature';

/** Annotation (names can exceed the 63-character label limit): the requestor's name. */
export const PULL_MODE_REQUESTOR_NAME_ANNOTATION = 'pullmode.projectsveltos.io/requestorname';

/** Annotation on a bundle: its index among the bundles of one requestor and feature. */
export const PULL_MODE_INDEX_ANNOTATION = 'pullmode.projectsveltos.io/index';
