// Which built-in printer columns kube-apiserver serves for each group/resource, and which
// built-ins fall back to its default convertor (NAME, CREATED AT). Pure lookups.
import {
  cronJobColumns,
  controllerRevisionColumns,
  daemonSetColumns,
  deploymentColumns,
  jobColumns,
  replicaSetColumns,
  statefulSetColumns,
} from './builtin-apps.js';
import {
  configMapColumns,
  endpointsColumns,
  eventColumns,
  namespaceColumns,
  resourceQuotaColumns,
  secretColumns,
  serviceAccountColumns,
  serviceColumns,
} from './builtin-core.js';
import {
  clusterRoleBindingColumns,
  defaultTableColumns,
  ingressClassColumns,
  ingressColumns,
  leaseColumns,
  networkPolicyColumns,
  podDisruptionBudgetColumns,
  priorityClassColumns,
  roleBindingColumns,
  webhookConfigurationColumns,
} from './builtin-other.js';
import { podColumns } from './builtin-pods.js';
import type { BuiltinColumn } from './cells.js';

/** `group/resource` ('' group for core) → the columns printers.go defines. */
const printers: Record<string, BuiltinColumn[]> = {
  '/namespaces': namespaceColumns,
  '/configmaps': configMapColumns,
  '/secrets': secretColumns,
  '/serviceaccounts': serviceAccountColumns,
  '/services': serviceColumns,
  '/pods': podColumns,
  '/events': eventColumns,
  'events.k8s.io/events': eventColumns,
  '/endpoints': endpointsColumns,
  '/resourcequotas': resourceQuotaColumns,
  'apps/deployments': deploymentColumns,
  'apps/replicasets': replicaSetColumns,
  'apps/daemonsets': daemonSetColumns,
  'apps/statefulsets': statefulSetColumns,
  'apps/controllerrevisions': controllerRevisionColumns,
  'batch/jobs': jobColumns,
  'batch/cronjobs': cronJobColumns,
  'rbac.authorization.k8s.io/rolebindings': roleBindingColumns,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingColumns,
  'coordination.k8s.io/leases': leaseColumns,
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': webhookConfigurationColumns,
  'admissionregistration.k8s.io/validatingwebhookconfigurations': webhookConfigurationColumns,
  'scheduling.k8s.io/priorityclasses': priorityClassColumns,
  'networking.k8s.io/ingresses': ingressColumns,
  'networking.k8s.io/ingressclasses': ingressClassColumns,
  'networking.k8s.io/networkpolicies': networkPolicyColumns,
  'policy/poddisruptionbudgets': podDisruptionBudgetColumns,
};

/** Built-ins served through kube's default table convertor. */
const defaultConvertor = new Set([
  'rbac.authorization.k8s.io/roles',
  'rbac.authorization.k8s.io/clusterroles',
  'apiextensions.k8s.io/customresourcedefinitions',
  'apiregistration.k8s.io/apiservices',
]);

/** The built-in columns for a group/resource, or undefined when unknown. */
export function builtinColumnsFor(group: string, resource: string): BuiltinColumn[] | undefined {
  const key = `${group}/${resource}`;
  if (Object.hasOwn(printers, key)) return printers[key];
  return defaultConvertor.has(key) ? defaultTableColumns() : undefined;
}
