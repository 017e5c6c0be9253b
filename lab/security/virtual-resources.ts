// The create-only resources security serves through the core's VirtualResource extension point:
// the serviceaccounts/token subresource and the authentication/authorization review kinds.
// Each entry only routes to a handler module; no logic lives here.
import type { VirtualResource } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import {
  localSubjectAccessReview,
  selfSubjectAccessReview,
  selfSubjectRulesReview,
  subjectAccessReview,
} from './access-reviews.js';
import { selfSubjectReview, tokenReview } from './authentication-reviews.js';
import type { SecurityContext } from './context.js';
import type { RbacAuthorizer } from './rbac-authorizer.js';
import { createTokenRequest } from './token-request.js';

type Create = VirtualResource['create'];

function vr(group: string, resource: string, kind: string, create: Create): VirtualResource {
  return { group, version: 'v1', resource, kind, namespaced: false, create };
}

type Req = Parameters<Create>[0];

/** Adapts a synchronous handler; its throw becomes a rejection. */
function sync(fn: (r: Req) => KubeObject): Create {
  return (r) => {
    try {
      return Promise.resolve(fn(r));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
}

/** The virtual resources of one cluster's security plug-ins. */
export function securityVirtualResources(
  ctx: SecurityContext,
  authorizer: RbacAuthorizer,
): VirtualResource[] {
  const deps = { cluster: ctx.cluster, authorizer };
  const authn = 'authentication.k8s.io';
  const authz = 'authorization.k8s.io';
  const namespaced = { namespaced: true };
  return [
    {
      ...vr(
        '',
        'serviceaccounts',
        'TokenRequest',
        sync((r) => createTokenRequest(ctx, r.info.namespace, r.info.name, r.body)),
      ),
      ...namespaced,
      subresource: 'token',
    },
    vr(
      authn,
      'tokenreviews',
      'TokenReview',
      sync((r) => tokenReview(ctx, r.body)),
    ),
    vr(
      authn,
      'selfsubjectreviews',
      'SelfSubjectReview',
      sync((r) => selfSubjectReview(r.user, r.body)),
    ),
    vr(
      authz,
      'selfsubjectaccessreviews',
      'SelfSubjectAccessReview',
      sync((r) => selfSubjectAccessReview(deps, r.user, r.body)),
    ),
    vr(
      authz,
      'selfsubjectrulesreviews',
      'SelfSubjectRulesReview',
      sync((r) => selfSubjectRulesReview(deps, r.user, r.body)),
    ),
    vr(
      authz,
      'subjectaccessreviews',
      'SubjectAccessReview',
      sync((r) => subjectAccessReview(deps, r.body)),
    ),
    {
      ...vr(
        authz,
        'localsubjectaccessreviews',
        'LocalSubjectAccessReview',
        sync((r) => localSubjectAccessReview(deps, r.info.namespace, r.body)),
      ),
      ...namespaced,
    },
  ];
}
