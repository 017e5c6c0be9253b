// Builds this webhook's Validating/MutatingWebhookConfiguration objects in code, for callers that
// register it somewhere the YAML in manifests/webhook does not fit (the lab registers it by URL).
// With a Service client config the result equals manifests/webhook/webhook-configurations.yaml
// (asserted in webhook-configurations.test.ts). Pure.
import {
  DEFAULT_SERVICE_NAME,
  DEFAULT_SERVICE_NAMESPACE,
  MUTATING_CONFIGURATION_NAME,
  VALIDATING_CONFIGURATION_NAME,
  WEBHOOK_NAMES,
  WEBHOOK_PATHS,
} from './webhook-names.js';

type Endpoint = keyof typeof WEBHOOK_PATHS;

/** How kube-apiserver reaches the webhook: by URL, or by Service (the default manifests). */
export type ClientConfigTarget =
  { url: string } | { service: { name: string; namespace: string; port: number } };

const RULES: Record<Endpoint, { group: string; resource: string; scope: string }> = {
  validateClusterProfile: {
    group: 'config.projectsveltos.io',
    resource: 'clusterprofiles',
    scope: 'Cluster',
  },
  validateProfile: { group: 'config.projectsveltos.io', resource: 'profiles', scope: 'Namespaced' },
  validateSveltosCluster: {
    group: 'lib.projectsveltos.io',
    resource: 'sveltosclusters',
    scope: 'Namespaced',
  },
  mutateSveltosCluster: {
    group: 'lib.projectsveltos.io',
    resource: 'sveltosclusters',
    scope: 'Namespaced',
  },
};

const LABELS = {
  'app.kubernetes.io/name': 'sveltos-webhook',
  'app.kubernetes.io/part-of': 'sveltos-ts',
};

/** The default Service target of the manifests. */
export const SERVICE_TARGET: ClientConfigTarget = {
  service: { name: DEFAULT_SERVICE_NAME, namespace: DEFAULT_SERVICE_NAMESPACE, port: 443 },
};

/**
 * Both webhook configurations, pointing at `target`; `caBundle` (base64 PEM) is set on every
 * webhook when given (otherwise the webhook patches it in once it runs with credentials).
 */
export function buildWebhookConfigurations(
  target: ClientConfigTarget,
  caBundle?: string,
): [Record<string, unknown>, Record<string, unknown>] {
  const hook = (endpoint: Endpoint): Record<string, unknown> => webhook(endpoint, target, caBundle);
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: VALIDATING_CONFIGURATION_NAME, labels: { ...LABELS } },
      webhooks: [
        hook('validateClusterProfile'),
        hook('validateProfile'),
        hook('validateSveltosCluster'),
      ],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: MUTATING_CONFIGURATION_NAME, labels: { ...LABELS } },
      webhooks: [{ ...hook('mutateSveltosCluster'), reinvocationPolicy: 'IfNeeded' }],
    },
  ];
}

function webhook(
  endpoint: Endpoint,
  target: ClientConfigTarget,
  caBundle: string | undefined,
): Record<string, unknown> {
  const path = WEBHOOK_PATHS[endpoint];
  const rule = RULES[endpoint];
  const clientConfig: Record<string, unknown> =
    'url' in target
      ? { url: `${target.url.replace(/\/+$/, '')}${path}` }
      : { service: { ...target.service, path } };
  if (caBundle) clientConfig.caBundle = caBundle;
  return {
    name: WEBHOOK_NAMES[endpoint],
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    failurePolicy: 'Fail',
    timeoutSeconds: 5,
    clientConfig,
    rules: [
      {
        apiGroups: [rule.group],
        apiVersions: ['v1beta1'],
        operations: ['CREATE', 'UPDATE'],
        resources: [rule.resource],
        scope: rule.scope,
      },
    ],
  };
}
