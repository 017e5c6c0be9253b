// Built-in Table columns of the remaining groups a Sveltos user meets (RBAC bindings, Leases,
// webhook configurations, PriorityClasses, Ingresses, NetworkPolicies, PodDisruptionBudgets),
// plus kube's default convertor (NAME, CREATED AT) used for Roles, CRDs and anything without a
// printer. Pure.
import type { KubeObject } from '../types.js';
import type { BuiltinColumn } from './cells.js';
import {
  ageColumn,
  column,
  formatLabelSelector,
  get,
  list,
  nameColumn,
  wide,
  str,
} from './cells.js';
import { doc } from './descriptions.js';

function subjects(o: KubeObject, kind: string): string {
  return list(o.subjects)
    .filter((s) => get(s, 'kind') === kind)
    .map((s) =>
      kind === 'ServiceAccount'
        ? `${str(get(s, 'namespace'))}/${str(get(s, 'name'))}`
        : str(get(s, 'name')),
    )
    .join(', ');
}

function bindingColumns(roleDoc: string, what: string): BuiltinColumn[] {
  return [
    nameColumn(),
    column(
      'Role',
      'string',
      doc(roleDoc),
      (o) => `${str(get(o, 'roleRef', 'kind'))}/${str(get(o, 'roleRef', 'name'))}`,
    ),
    ageColumn(),
    wide(column('Users', 'string', `Users in the ${what}`, (o) => subjects(o, 'User'))),
    wide(column('Groups', 'string', `Groups in the ${what}`, (o) => subjects(o, 'Group'))),
    wide(
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, (o) =>
        subjects(o, 'ServiceAccount'),
      ),
    ),
  ];
}

export const roleBindingColumns = bindingColumns('RoleBinding.roleRef', 'roleBinding');
export const clusterRoleBindingColumns = bindingColumns(
  'ClusterRoleBinding.roleRef',
  'clusterRoleBinding',
);

export const leaseColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Holder', 'string', doc('LeaseSpec.holderIdentity'), (o) =>
    str(get(o, 'spec', 'holderIdentity')),
  ),
  ageColumn(),
];

export const webhookConfigurationColumns: BuiltinColumn[] = [
  nameColumn(),
  column(
    'Webhooks',
    'integer',
    'Webhooks indicates the number of webhooks registered in this configuration',
    (o) => list(o.webhooks).length,
  ),
  ageColumn(),
];

export const priorityClassColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Value', 'integer', doc('PriorityClass.value'), (o) =>
    typeof o.value === 'number' ? o.value : 0,
  ),
  column(
    'Global-Default',
    'boolean',
    doc('PriorityClass.globalDefault'),
    (o) => o.globalDefault === true,
  ),
  ageColumn(),
  wide(
    column('PreemptionPolicy', 'string', doc('PriorityClass.preemptionPolicy'), (o) =>
      str(o.preemptionPolicy),
    ),
  ),
];

function ingressHosts(o: KubeObject): string {
  const rules = list(get(o, 'spec', 'rules'));
  const hosts = rules.map((r) => str(get(r, 'host'))).filter((h) => h !== '');
  if (hosts.length === 0) return '*';
  const shown = hosts.slice(0, 3).join(',');
  return rules.length > 3 && hosts.length >= 3 ? `${shown} + ${rules.length - 3} more...` : shown;
}

function ingressAddress(o: KubeObject): string {
  const addrs = list(get(o, 'status', 'loadBalancer', 'ingress')).map(
    (i) => str(get(i, 'ip')) || str(get(i, 'hostname')),
  );
  const r = [...new Set(addrs.filter((a) => a !== ''))].sort().join(',');
  return r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

export const ingressColumns: BuiltinColumn[] = [
  nameColumn(),
  column(
    'Class',
    'string',
    'The name of the IngressClass resource that should be used for additional configuration',
    (o) => str(get(o, 'spec', 'ingressClassName'), '<none>'),
  ),
  column(
    'Hosts',
    'string',
    'Hosts that incoming requests are matched against before the ingress rule',
    ingressHosts,
  ),
  column(
    'Address',
    'string',
    'Address is a list containing ingress points for the load-balancer',
    ingressAddress,
  ),
  column('Ports', 'string', 'Ports of TLS configurations that open', (o) =>
    list(get(o, 'spec', 'tls')).length > 0 ? '80, 443' : '80',
  ),
  ageColumn(),
];

function ingressClassParameters(o: KubeObject): string {
  const p = get(o, 'spec', 'parameters');
  if (!p) return '<none>';
  const group = str(get(p, 'apiGroup'));
  return `${str(get(p, 'kind'))}${group ? `.${group}` : ''}/${str(get(p, 'name'))}`;
}

export const ingressClassColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Controller', 'string', 'Controller that is responsible for handling this class', (o) =>
    str(get(o, 'spec', 'controller')),
  ),
  column(
    'Parameters',
    'string',
    'A reference to a resource with additional parameters',
    ingressClassParameters,
  ),
  ageColumn(),
];

export const networkPolicyColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Pod-Selector', 'string', doc('NetworkPolicySpec.podSelector'), (o) =>
    formatLabelSelector(get(o, 'spec', 'podSelector') ?? {}),
  ),
  ageColumn(),
];

function intOrString(v: unknown): string {
  return typeof v === 'number' || typeof v === 'string' ? String(v) : 'N/A';
}

export const podDisruptionBudgetColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Min Available', 'string', 'The minimum number of pods that must be available.', (o) =>
    intOrString(get(o, 'spec', 'minAvailable')),
  ),
  column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.', (o) =>
    intOrString(get(o, 'spec', 'maxUnavailable')),
  ),
  column(
    'Allowed Disruptions',
    'integer',
    'Calculated number of pods that may be disrupted at this time.',
    (o) => {
      const n = get(o, 'status', 'disruptionsAllowed');
      return typeof n === 'number' ? n : 0;
    },
  ),
  ageColumn(),
];

/** kube's defaultTableConvertor: NAME and CREATED AT (an RFC 3339 date kubectl turns into text). */
export function defaultTableColumns(): BuiltinColumn[] {
  const created: BuiltinColumn = {
    ...column('Created At', 'date', doc('ObjectMeta.creationTimestamp'), (o) => createdAt(o)),
    jsonPath: '.metadata.creationTimestamp',
  };
  return [nameColumn(), created];
}

function createdAt(o: KubeObject): string {
  const t = o.metadata.creationTimestamp;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  // Go formats the zero time for objects without a creationTimestamp
  return Number.isNaN(ms) ? '0001-01-01T00:00:00Z' : `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
