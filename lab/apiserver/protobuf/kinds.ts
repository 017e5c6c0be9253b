// Which protobuf message carries each apiVersion/kind the decoder supports, and the descriptor
// registry over all tables. Adding a kind: generate its messages into ./tables, list it here.
import { DescriptorRegistry } from './descriptor.js';
import { ADMISSIONREGISTRATION_MESSAGES } from './tables/admissionregistration.js';
import { APPS_MESSAGES } from './tables/apps.js';
import { AUTHENTICATION_MESSAGES } from './tables/authentication.js';
import { AUTHORIZATION_MESSAGES } from './tables/authorization.js';
import { BATCH_MESSAGES } from './tables/batch.js';
import { COORDINATION_MESSAGES } from './tables/coordination.js';
import { CORE_POD_MESSAGES } from './tables/core-pod.js';
import { CORE_MESSAGES } from './tables/core.js';
import { EVENTS_MESSAGES } from './tables/events.js';
import { META_MESSAGES } from './tables/meta.js';
import { NETWORKING_MESSAGES } from './tables/networking.js';
import { POLICY_MESSAGES } from './tables/policy.js';
import { RBAC_MESSAGES } from './tables/rbac.js';
import { SCHEDULING_MESSAGES } from './tables/scheduling.js';

/** apiVersion → [descriptor package, kinds]. */
const servedKinds: Record<string, [string, string[]]> = {
  v1: [
    'core',
    [
      'Namespace',
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'Service',
      'Pod',
      'PodTemplate',
      'ReplicationController',
      'Endpoints',
      'Event',
      'ResourceQuota',
      'LimitRange',
      'PersistentVolumeClaim',
      'Binding',
    ],
  ],
  'apps/v1': [
    'apps',
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'],
  ],
  'batch/v1': ['batch', ['Job', 'CronJob']],
  'rbac.authorization.k8s.io/v1': [
    'rbac',
    ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  ],
  'authentication.k8s.io/v1': ['authn', ['TokenRequest', 'TokenReview', 'SelfSubjectReview']],
  'authorization.k8s.io/v1': [
    'authz',
    [
      'SelfSubjectAccessReview',
      'SelfSubjectRulesReview',
      'SubjectAccessReview',
      'LocalSubjectAccessReview',
    ],
  ],
  'coordination.k8s.io/v1': ['coord', ['Lease']],
  'policy/v1': ['policy', ['PodDisruptionBudget', 'Eviction']],
  'scheduling.k8s.io/v1': ['scheduling', ['PriorityClass']],
  'networking.k8s.io/v1': ['networking', ['Ingress', 'IngressClass', 'NetworkPolicy']],
  'events.k8s.io/v1': ['events', ['Event']],
  'admissionregistration.k8s.io/v1': [
    'admreg',
    ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  ],
};

/**
 * The qualified message name for an apiVersion/kind, or undefined when unsupported.
 * DeleteOptions is registered in every group version (metav1.AddToGroupVersion), so any
 * apiVersion maps to it.
 */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  if (kind === 'DeleteOptions') return 'meta.DeleteOptions';
  const served = Object.hasOwn(servedKinds, apiVersion) ? servedKinds[apiVersion] : undefined;
  if (!served || !served[1].includes(kind)) return undefined;
  return `${served[0]}.${kind}`;
}

/** Every supported apiVersion/kind pair (for tests and discovery of what can be decoded). */
export function supportedKinds(): { apiVersion: string; kind: string }[] {
  const out = Object.entries(servedKinds).flatMap(([apiVersion, [, kinds]]) =>
    kinds.map((kind) => ({ apiVersion, kind })),
  );
  return [...out, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' }];
}

let registry: DescriptorRegistry | undefined;

/** The registry over all descriptor tables, built on first use (immutable afterwards). */
export function descriptorRegistry(): DescriptorRegistry {
  registry ??= new DescriptorRegistry([
    META_MESSAGES,
    CORE_MESSAGES,
    CORE_POD_MESSAGES,
    APPS_MESSAGES,
    BATCH_MESSAGES,
    RBAC_MESSAGES,
    AUTHENTICATION_MESSAGES,
    AUTHORIZATION_MESSAGES,
    COORDINATION_MESSAGES,
    POLICY_MESSAGES,
    SCHEDULING_MESSAGES,
    NETWORKING_MESSAGES,
    EVENTS_MESSAGES,
    ADMISSIONREGISTRATION_MESSAGES,
  ]);
  return registry;
}
