// RBAC escalation prevention as kube's rbac policybased storage does it: a user may create or
// update a Role/ClusterRole only with rules they already hold (or with the `escalate` verb on
// it), and a binding only to a role whose rules they hold (or with `bind` on it); an
// aggregationRule needs full authority. Runs as an admission step before webhooks.
import type {
  AdmissionAttributes,
  AdmissionController,
  LabCluster,
} from '../apiserver/extension-points.js';
import { forbidden } from '../apiserver/status-errors.js';
import type { KubeObject } from '../apiserver/types.js';
import { escalationMessage } from './policy-compare.js';
import { SYSTEM_MASTERS } from './rbac-authorizer.js';
import type { RbacAuthorizer } from './rbac-authorizer.js';
import { RBAC_GVRS } from './rbac-authorizer.js';
import type { AuthzAttributes, PolicyRule, RoleRef } from './rbac-types.js';

const GROUP = 'rbac.authorization.k8s.io';
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

type User = AdmissionAttributes['user'];

function attrsFor(user: User, over: Partial<AuthzAttributes>): AuthzAttributes {
  const base = {
    isResourceRequest: true,
    apiGroup: GROUP,
    subresource: '',
    name: '',
    path: '',
    namespace: '',
  };
  return { ...base, verb: '', resource: '', username: user.username, groups: user.groups, ...over };
}

function rulesOf(obj: KubeObject | undefined): PolicyRule[] {
  return Array.isArray(obj?.rules) ? (obj.rules as PolicyRule[]) : [];
}

function isRbacWrite(a: AdmissionAttributes): boolean {
  const write = a.operation === 'CREATE' || a.operation === 'UPDATE';
  return write && a.info.apiGroup === GROUP && !a.info.subresource;
}

/** Refuses role and binding writes that would grant more than the writer holds. */
export class EscalationCheck implements AdmissionController {
  constructor(
    private readonly cluster: LabCluster,
    private readonly authorizer: RbacAuthorizer,
  ) {}

  mutate(a: AdmissionAttributes): Promise<{ warnings: string[] }> {
    try {
      this.check(a);
      return Promise.resolve({ warnings: [] });
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  validate(): Promise<{ warnings: string[] }> {
    return Promise.resolve({ warnings: [] });
  }

  private check(a: AdmissionAttributes): void {
    const obj = a.object;
    if (!obj || !isRbacWrite(a) || a.user.groups.includes(SYSTEM_MASTERS)) return;
    const resource = a.info.resource;
    if (resource === 'roles' || resource === 'clusterroles') this.checkRole(a, obj);
    if (resource === 'rolebindings' || resource === 'clusterrolebindings')
      this.checkBinding(a, obj);
  }

  private refuse(a: AdmissionAttributes, obj: KubeObject, message: string): never {
    throw forbidden({ group: GROUP, resource: a.info.resource }, obj.metadata.name ?? '', message);
  }

  private missing(a: AdmissionAttributes, namespace: string, wanted: PolicyRule[]): string {
    const { rules, errors } = this.authorizer.rulesFor(this.cluster, a.user, namespace);
    return escalationMessage(a.user, rules, wanted, errors);
  }

  private checkRole(a: AdmissionAttributes, obj: KubeObject): void {
    const namespace =
      a.info.resource === 'roles' ? (obj.metadata.namespace ?? a.info.namespace) : '';
    const escalate = attrsFor(a.user, {
      verb: 'escalate',
      resource: a.info.resource,
      name: obj.metadata.name ?? '',
      namespace,
    });
    if (this.authorizer.decide(this.cluster, escalate).allowed) return;
    const message = this.missing(a, namespace, rulesOf(obj));
    if (message) this.refuse(a, obj, message);
    const aggregated = !!obj.aggregationRule || !!a.oldObject?.aggregationRule;
    if (aggregated && this.missing(a, namespace, FULL_AUTHORITY)) {
      this.refuse(a, obj, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }

  private checkBinding(a: AdmissionAttributes, obj: KubeObject): void {
    const namespace =
      a.info.resource === 'rolebindings' ? (obj.metadata.namespace ?? a.info.namespace) : '';
    const ref = (obj.roleRef ?? {}) as RoleRef;
    const resource = ref.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
    const bind = attrsFor(a.user, {
      verb: 'bind',
      resource,
      name: ref.name,
      namespace,
      apiGroup: ref.apiGroup,
    });
    if (this.authorizer.decide(this.cluster, bind).allowed) return;
    const role = this.roleOf(ref, namespace);
    if (!role) this.refuse(a, obj, `${resource.slice(0, -1)}.${GROUP} "${ref.name}" not found`);
    const message = this.missing(a, namespace, rulesOf(role));
    if (message) this.refuse(a, obj, message);
  }

  private roleOf(ref: RoleRef, namespace: string): KubeObject | undefined {
    if (ref.kind === 'ClusterRole')
      return this.cluster.client.get(RBAC_GVRS.clusterRoles, '', ref.name);
    if (ref.kind === 'Role' && namespace)
      return this.cluster.client.get(RBAC_GVRS.roles, namespace, ref.name);
    return undefined;
  }
}
