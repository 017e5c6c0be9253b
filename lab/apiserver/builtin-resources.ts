// The static table of built-in resources every lab cluster serves (shared by all clusters, never
// mutated). Kinds are stored schemaless: the lab does not re-validate built-in object bodies,
// it keeps them as sent so whatever a Helm chart renders can be stored.
import type { ResourceInfo } from './types.js';

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

interface Row {
  /** `group/version` (`v1` for core). */
  gv: string;
  resource: string;
  kind: string;
  /** `c` = cluster-scoped. */
  scope?: 'c';
  short?: string[];
  cat?: string[];
  /** Subresources; `status` also marks the object as having a status. */
  sub?: string[];
  verbs?: string[];
}

const rows: Row[] = [
  {
    gv: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    scope: 'c',
    short: ['ns'],
    sub: ['status', 'finalize'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
  { gv: 'v1', resource: 'configmaps', kind: 'ConfigMap', short: ['cm'] },
  { gv: 'v1', resource: 'secrets', kind: 'Secret' },
  { gv: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', short: ['sa'] },
  {
    gv: 'v1',
    resource: 'services',
    kind: 'Service',
    short: ['svc'],
    cat: ['all'],
    sub: ['status'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  },
  { gv: 'v1', resource: 'endpoints', kind: 'Endpoints', short: ['ep'] },
  { gv: 'v1', resource: 'pods', kind: 'Pod', short: ['po'], cat: ['all'], sub: ['status'] },
  { gv: 'v1', resource: 'nodes', kind: 'Node', scope: 'c', short: ['no'], sub: ['status'] },
  { gv: 'v1', resource: 'events', kind: 'Event', short: ['ev'] },
  {
    gv: 'v1',
    resource: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    short: ['pvc'],
    sub: ['status'],
  },
  {
    gv: 'v1',
    resource: 'persistentvolumes',
    kind: 'PersistentVolume',
    scope: 'c',
    short: ['pv'],
    sub: ['status'],
  },
  {
    gv: 'v1',
    resource: 'replicationcontrollers',
    kind: 'ReplicationController',
    short: ['rc'],
    cat: ['all'],
    sub: ['status', 'scale'],
  },
  {
    gv: 'v1',
    resource: 'resourcequotas',
    kind: 'ResourceQuota',
    short: ['quota'],
    sub: ['status'],
  },
  { gv: 'v1', resource: 'limitranges', kind: 'LimitRange', short: ['limits'] },
  { gv: 'v1', resource: 'podtemplates', kind: 'PodTemplate' },
  {
    gv: 'apps/v1',
    resource: 'deployments',
    kind: 'Deployment',
    short: ['deploy'],
    cat: ['all'],
    sub: ['status', 'scale'],
  },
  {
    gv: 'apps/v1',
    resource: 'replicasets',
    kind: 'ReplicaSet',
    short: ['rs'],
    cat: ['all'],
    sub: ['status', 'scale'],
  },
  {
    gv: 'apps/v1',
    resource: 'daemonsets',
    kind: 'DaemonSet',
    short: ['ds'],
    cat: ['all'],
    sub: ['status'],
  },
  {
    gv: 'apps/v1',
    resource: 'statefulsets',
    kind: 'StatefulSet',
    short: ['sts'],
    cat: ['all'],
    sub: ['status', 'scale'],
  },
  { gv: 'apps/v1', resource: 'controllerrevisions', kind: 'ControllerRevision' },
  { gv: 'batch/v1', resource: 'jobs', kind: 'Job', cat: ['all'], sub: ['status'] },
  {
    gv: 'batch/v1',
    resource: 'cronjobs',
    kind: 'CronJob',
    short: ['cj'],
    cat: ['all'],
    sub: ['status'],
  },
  {
    gv: 'autoscaling/v2',
    resource: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    short: ['hpa'],
    cat: ['all'],
    sub: ['status'],
  },
  { gv: 'rbac.authorization.k8s.io/v1', resource: 'roles', kind: 'Role' },
  { gv: 'rbac.authorization.k8s.io/v1', resource: 'clusterroles', kind: 'ClusterRole', scope: 'c' },
  { gv: 'rbac.authorization.k8s.io/v1', resource: 'rolebindings', kind: 'RoleBinding' },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    resource: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    scope: 'c',
  },
  { gv: 'coordination.k8s.io/v1', resource: 'leases', kind: 'Lease' },
  {
    gv: 'apiextensions.k8s.io/v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    scope: 'c',
    short: ['crd', 'crds'],
    cat: ['api-extensions'],
    sub: ['status'],
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    resource: 'mutatingwebhookconfigurations',
    kind: 'MutatingWebhookConfiguration',
    scope: 'c',
    cat: ['api-extensions'],
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    resource: 'validatingwebhookconfigurations',
    kind: 'ValidatingWebhookConfiguration',
    scope: 'c',
    cat: ['api-extensions'],
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    resource: 'validatingadmissionpolicies',
    kind: 'ValidatingAdmissionPolicy',
    scope: 'c',
    cat: ['api-extensions'],
    sub: ['status'],
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    resource: 'validatingadmissionpolicybindings',
    kind: 'ValidatingAdmissionPolicyBinding',
    scope: 'c',
    cat: ['api-extensions'],
  },
  {
    gv: 'apiregistration.k8s.io/v1',
    resource: 'apiservices',
    kind: 'APIService',
    scope: 'c',
    cat: ['api-extensions'],
    sub: ['status'],
  },
  {
    gv: 'scheduling.k8s.io/v1',
    resource: 'priorityclasses',
    kind: 'PriorityClass',
    scope: 'c',
    short: ['pc'],
  },
  {
    gv: 'networking.k8s.io/v1',
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    short: ['netpol'],
  },
  {
    gv: 'networking.k8s.io/v1',
    resource: 'ingresses',
    kind: 'Ingress',
    short: ['ing'],
    sub: ['status'],
  },
  { gv: 'networking.k8s.io/v1', resource: 'ingressclasses', kind: 'IngressClass', scope: 'c' },
  {
    gv: 'policy/v1',
    resource: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    short: ['pdb'],
    sub: ['status'],
  },
  { gv: 'events.k8s.io/v1', resource: 'events', kind: 'Event', short: ['ev'] },
  { gv: 'discovery.k8s.io/v1', resource: 'endpointslices', kind: 'EndpointSlice' },
  {
    gv: 'storage.k8s.io/v1',
    resource: 'storageclasses',
    kind: 'StorageClass',
    scope: 'c',
    short: ['sc'],
  },
  { gv: 'storage.k8s.io/v1', resource: 'csidrivers', kind: 'CSIDriver', scope: 'c' },
  { gv: 'storage.k8s.io/v1', resource: 'csinodes', kind: 'CSINode', scope: 'c' },
  {
    gv: 'storage.k8s.io/v1',
    resource: 'volumeattachments',
    kind: 'VolumeAttachment',
    scope: 'c',
    sub: ['status'],
  },
  { gv: 'node.k8s.io/v1', resource: 'runtimeclasses', kind: 'RuntimeClass', scope: 'c' },
  {
    gv: 'certificates.k8s.io/v1',
    resource: 'certificatesigningrequests',
    kind: 'CertificateSigningRequest',
    scope: 'c',
    short: ['csr'],
    sub: ['status', 'approval'],
  },
  {
    gv: 'flowcontrol.apiserver.k8s.io/v1',
    resource: 'flowschemas',
    kind: 'FlowSchema',
    scope: 'c',
    sub: ['status'],
  },
  {
    gv: 'flowcontrol.apiserver.k8s.io/v1',
    resource: 'prioritylevelconfigurations',
    kind: 'PriorityLevelConfiguration',
    scope: 'c',
    sub: ['status'],
  },
];

function toResourceInfo(row: Row): ResourceInfo {
  const [group, version] = row.gv.includes('/') ? row.gv.split('/') : ['', row.gv];
  const subresources = row.sub ?? [];
  return Object.freeze({
    group: group ?? '',
    version: version ?? 'v1',
    resource: row.resource,
    kind: row.kind,
    listKind: `${row.kind}List`,
    singular: row.kind.toLowerCase(),
    namespaced: row.scope !== 'c',
    shortNames: row.short ?? [],
    categories: row.cat ?? [],
    verbs: row.verbs ?? ALL_VERBS,
    subresources,
    builtin: true,
    hasStatus: subresources.includes('status'),
  });
}

/** Every built-in resource, in discovery order. Frozen; shared by all clusters. */
export const BUILTIN_RESOURCES: readonly ResourceInfo[] = Object.freeze(rows.map(toResourceInfo));

/** The storage key of a resource: `group/resource` (versions of one resource share storage). */
export function storageKey(group: string, resource: string): string {
  return `${group}/${resource}`;
}

/** Namespaces every cluster starts with, as kube-apiserver creates them. */
export const INITIAL_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];
