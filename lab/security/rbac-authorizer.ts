// The RBAC authorizer of one cluster (kube's privileged-group authorizer + RBAC, in that order).
// It keeps an RbacIndex that watches of the four RBAC kinds mark stale, and rebuilds it lazily,
// so a burst of requests costs one index lookup each. It never writes to the store.
import type {
  Authorizer,
  ClusterController,
  LabCluster,
  RequestInfo,
  UserInfo,
} from '../apiserver/extension-points.js';
import type { GroupVersionResource } from '../apiserver/types.js';
import { aggregateMessages } from '../apiserver/status-errors.js';
import { RbacIndex } from './rbac-index.js';
import type { SourcedRules } from './rbac-index.js';
import { ruleAllows } from './rbac-rules.js';
import type { AuthzAttributes, PolicyRule } from './rbac-types.js';

/** The group whose members may do anything (kube's user.SystemPrivilegedGroup). */
export const SYSTEM_MASTERS = 'system:masters';

const rbac = (resource: string): GroupVersionResource => ({
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  resource,
});

/** The four RBAC resources, in the order of RbacSnapshot's fields. */
export const RBAC_GVRS = {
  roles: rbac('roles'),
  clusterRoles: rbac('clusterroles'),
  roleBindings: rbac('rolebindings'),
  clusterRoleBindings: rbac('clusterrolebindings'),
} as const;

/** An authorization decision with kube's reason text (`RBAC: allowed by …` or errors). */
export interface Decision {
  allowed: boolean;
  reason: string;
}

/** kube puts a Namespace object's own name in RequestInfo.namespace (`/api/v1/namespaces/NAME`). */
function namespaceOf(info: RequestInfo): string {
  const isNamespaceObject =
    info.isResourceRequest && info.apiGroup === '' && info.resource === 'namespaces';
  return isNamespaceObject && !info.namespace ? info.name : info.namespace;
}

/** Builds authorizer attributes from a request and its user. */
export function toAttributes(user: UserInfo, info: RequestInfo): AuthzAttributes {
  return {
    username: user.username,
    groups: user.groups,
    isResourceRequest: info.isResourceRequest,
    verb: info.verb,
    apiGroup: info.apiGroup,
    resource: info.resource,
    subresource: info.subresource,
    namespace: namespaceOf(info),
    name: info.name,
    path: info.path,
  };
}

/** Decides with an index: superuser, then the first rule that allows, else the RBAC errors. */
export function decide(index: RbacIndex, attrs: AuthzAttributes): Decision {
  if (attrs.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
  const errors: string[] = [];
  for (const source of index.sourcesFor(attrs, attrs.namespace)) {
    if (source.error) errors.push(source.error);
    if (source.rules.some((rule) => ruleAllows(attrs, rule))) {
      return { allowed: true, reason: `RBAC: allowed by ${source.source}` };
    }
  }
  return { allowed: false, reason: errors.length ? `RBAC: ${aggregateMessages(errors)}` : '' };
}

/** RBAC for one cluster; start() begins the watches that keep its index current. */
export class RbacAuthorizer implements Authorizer, ClusterController {
  private index: RbacIndex | undefined;
  private stops: (() => void)[] = [];
  private cluster: LabCluster | undefined;

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    const invalidate = (): void => {
      this.index = undefined;
    };
    for (const gvr of Object.values(RBAC_GVRS)) {
      this.stops.push(cluster.client.watch(gvr, {}, invalidate));
    }
  }

  stop(): Promise<void> {
    for (const stop of this.stops) stop();
    this.stops = [];
    return Promise.resolve();
  }

  authorize(user: UserInfo, info: RequestInfo, cluster: LabCluster): Promise<Decision> {
    return Promise.resolve(decide(this.indexFor(cluster), toAttributes(user, info)));
  }

  /** Sync decision for access reviews. */
  decide(cluster: LabCluster, attrs: AuthzAttributes): Decision {
    return decide(this.indexFor(cluster), attrs);
  }

  /** Every rule that applies to the user in the namespace (SelfSubjectRulesReview). */
  rulesFor(
    cluster: LabCluster,
    user: { username: string; groups: string[] },
    namespace: string,
  ): { rules: PolicyRule[]; errors: string[] } {
    const sources: SourcedRules[] = this.indexFor(cluster).sourcesFor(user, namespace);
    return {
      rules: sources.flatMap((s) => s.rules),
      errors: sources.flatMap((s) => (s.error ? [s.error] : [])),
    };
  }

  private indexFor(cluster: LabCluster): RbacIndex {
    // Without watches (not started, or another cluster) the index cannot be trusted: rebuild.
    if (this.index && this.cluster === cluster) return this.index;
    const index = new RbacIndex({
      roles: cluster.client.list(RBAC_GVRS.roles).items,
      clusterRoles: cluster.client.list(RBAC_GVRS.clusterRoles).items,
      roleBindings: cluster.client.list(RBAC_GVRS.roleBindings).items,
      clusterRoleBindings: cluster.client.list(RBAC_GVRS.clusterRoleBindings).items,
    });
    if (this.cluster === cluster) this.index = index;
    return index;
  }
}
