// Names the webhook shares with its manifests (manifests/webhook/) and the lab: URL paths,
// the two webhook configurations whose caBundle it keeps current, and the webhook names
// kubectl prints in `admission webhook "…" denied the request`. Pure constants.

/** URL path of each admission endpoint (controller-runtime's naming scheme). */
export const WEBHOOK_PATHS = {
  validateClusterProfile: '/validate-config-projectsveltos-io-v1beta1-clusterprofile',
  validateProfile: '/validate-config-projectsveltos-io-v1beta1-profile',
  validateSveltosCluster: '/validate-lib-projectsveltos-io-v1beta1-sveltoscluster',
  mutateSveltosCluster: '/mutate-lib-projectsveltos-io-v1beta1-sveltoscluster',
} as const;

/** The ValidatingWebhookConfiguration this webhook serves and patches. */
export const VALIDATING_CONFIGURATION_NAME = 'sveltos-webhook-validating';
/** The MutatingWebhookConfiguration this webhook serves and patches. */
export const MUTATING_CONFIGURATION_NAME = 'sveltos-webhook-mutating';

/** Webhook names inside those configurations. */
export const WEBHOOK_NAMES = {
  validateClusterProfile: 'vclusterprofile.projectsveltos.io',
  validateProfile: 'vprofile.projectsveltos.io',
  validateSveltosCluster: 'vsveltoscluster.projectsveltos.io',
  mutateSveltosCluster: 'msveltoscluster.projectsveltos.io',
} as const;

/** Default Service name and namespace (the certificate's DNS names derive from them). */
export const DEFAULT_SERVICE_NAME = 'sveltos-webhook';
export const DEFAULT_SERVICE_NAMESPACE = 'projectsveltos';
