// Wire shapes of rbac.authorization.k8s.io/v1 objects as the RBAC authorizer reads them.
// Types only; objects come from the store untyped and are narrowed by rbac-index.ts.

/** `rbacv1.PolicyRule`. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** `rbacv1.Subject`: kind User, Group or ServiceAccount. */
export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

/** `rbacv1.RoleRef`. */
export interface RoleRef {
  apiGroup: string;
  /** `Role` or `ClusterRole`. */
  kind: string;
  name: string;
}

/** What an authorization decision is about (kube's authorizer.Attributes). */
export interface AuthzAttributes {
  username: string;
  groups: string[];
  isResourceRequest: boolean;
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Path relative to the cluster base, for non-resource requests. */
  path: string;
}
