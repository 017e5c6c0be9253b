// kube-apiserver's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy): the
// user-facing ClusterRoles (cluster-admin, admin, edit, view and their system:aggregate-to-*
// parts), the discovery and self-review roles, and their ClusterRoleBindings. Data only.
import type { KubeObject } from '../apiserver/types.js';
import type { PolicyRule } from './rbac-types.js';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const READ_WRITE = [...READ, ...WRITE];

// Resources and URLs are written space-separated to keep the tables readable.
const rule = (verbs: string[], apiGroups: string[], resources: string): PolicyRule => ({
  verbs,
  apiGroups,
  resources: resources.split(' '),
});
const urls = (verbs: string[], nonResourceURLs: string): PolicyRule => ({
  verbs,
  nonResourceURLs: nonResourceURLs.split(' '),
});

const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

const viewRules: PolicyRule[] = [
  rule(
    READ,
    [''],
    'pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status endpoints persistentvolumeclaims persistentvolumeclaims/status configmaps',
  ),
  rule(
    READ,
    [''],
    'limitranges resourcequotas bindings events pods/status resourcequotas/status namespaces/status replicationcontrollers/status pods/log',
  ),
  rule(READ, [''], 'namespaces'),
  rule(READ, ['discovery.k8s.io'], 'endpointslices'),
  rule(
    READ,
    ['apps'],
    'controllerrevisions statefulsets statefulsets/status statefulsets/scale daemonsets daemonsets/status deployments deployments/status deployments/scale replicasets replicasets/status replicasets/scale',
  ),
  rule(READ, ['autoscaling'], 'horizontalpodautoscalers horizontalpodautoscalers/status'),
  rule(READ, ['batch'], 'jobs cronjobs cronjobs/status jobs/status'),
  rule(
    READ,
    ['extensions'],
    'daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status replicasets replicasets/scale replicasets/status replicationcontrollers/scale networkpolicies',
  ),
  rule(READ, ['policy'], 'poddisruptionbudgets poddisruptionbudgets/status'),
  rule(READ, ['networking.k8s.io'], 'networkpolicies ingresses ingresses/status'),
];

const editRules: PolicyRule[] = [
  rule(READ, [''], 'pods/attach pods/proxy pods/exec pods/portforward secrets services/proxy'),
  rule(['impersonate'], [''], 'serviceaccounts'),
  rule(WRITE, [''], 'pods pods/attach pods/proxy pods/exec pods/portforward'),
  rule(['create'], [''], 'pods/eviction'),
  rule(
    WRITE,
    [''],
    'replicationcontrollers replicationcontrollers/scale serviceaccounts services services/proxy persistentvolumeclaims configmaps secrets events',
  ),
  rule(['create'], [''], 'serviceaccounts/token'),
  rule(
    WRITE,
    ['apps'],
    'statefulsets statefulsets/scale daemonsets deployments deployments/scale deployments/rollback replicasets replicasets/scale',
  ),
  rule(WRITE, ['autoscaling'], 'horizontalpodautoscalers'),
  rule(WRITE, ['batch'], 'jobs cronjobs'),
  rule(
    WRITE,
    ['extensions'],
    'daemonsets deployments deployments/scale deployments/rollback ingresses replicasets replicasets/scale replicationcontrollers/scale networkpolicies',
  ),
  rule(WRITE, ['policy'], 'poddisruptionbudgets'),
  rule(WRITE, ['networking.k8s.io'], 'networkpolicies ingresses'),
  rule(READ_WRITE, ['coordination.k8s.io'], 'leases'),
];

const adminRules: PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], 'localsubjectaccessreviews'),
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], 'roles rolebindings'),
];

function meta(name: string, labels: Record<string, string> = {}): KubeObject['metadata'] {
  return {
    name,
    labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
    annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  };
}

function clusterRole(
  name: string,
  rules: PolicyRule[],
  labels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(name, labels),
    rules,
  };
}

function aggregated(name: string, target: string, labels?: Record<string, string>): KubeObject {
  return {
    ...clusterRole(name, [], labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${AGG}${target}`]: 'true' } }] },
  };
}

/** The bootstrap ClusterRoles, in the order kube creates them. */
export function defaultClusterRoles(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], '*'), urls(['*'], '*')]),
    clusterRole('system:discovery', [
      urls(
        ['get'],
        '/livez /readyz /healthz /version /version/ /openapi /openapi/* /api /api/* /apis /apis/*',
      ),
    ]),
    clusterRole('system:monitoring', [
      urls(['get'], '/metrics /metrics/slis /livez /readyz /healthz /livez/* /readyz/* /healthz/*'),
    ]),
    clusterRole('system:basic-user', [
      rule(
        ['create'],
        ['authorization.k8s.io'],
        'selfsubjectaccessreviews selfsubjectrulesreviews',
      ),
      rule(['create'], ['authentication.k8s.io'], 'selfsubjectreviews'),
    ]),
    clusterRole('system:public-info-viewer', [
      urls(['get'], '/livez /readyz /healthz /version /version/'),
    ]),
    clusterRole('system:service-account-issuer-discovery', [
      urls(
        ['get'],
        '/.well-known/openid-configuration /.well-known/openid-configuration/ /openid/v1/jwks /openid/v1/jwks/',
      ),
    ]),
    clusterRole('system:auth-delegator', [
      rule(['create'], ['authentication.k8s.io'], 'tokenreviews'),
      rule(['create'], ['authorization.k8s.io'], 'subjectaccessreviews'),
    ]),
    aggregated('admin', 'admin'),
    aggregated('edit', 'edit', { [`${AGG}admin`]: 'true' }),
    aggregated('view', 'view', { [`${AGG}edit`]: 'true' }),
    clusterRole('system:aggregate-to-admin', adminRules, { [`${AGG}admin`]: 'true' }),
    clusterRole('system:aggregate-to-edit', editRules, { [`${AGG}edit`]: 'true' }),
    clusterRole('system:aggregate-to-view', viewRules, { [`${AGG}view`]: 'true' }),
  ];
}

function binding(name: string, groups: string[], role = name): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: groups.map((g) => ({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: g,
    })),
  };
}

/** The bootstrap ClusterRoleBindings. */
export function defaultClusterRoleBindings(): KubeObject[] {
  return [
    binding('cluster-admin', ['system:masters']),
    binding('system:discovery', ['system:authenticated']),
    binding('system:monitoring', ['system:monitoring']),
    binding('system:basic-user', ['system:authenticated']),
    binding('system:public-info-viewer', ['system:authenticated', 'system:unauthenticated']),
    binding('system:service-account-issuer-discovery', ['system:serviceaccounts']),
  ];
}
