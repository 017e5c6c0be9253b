// The authorization.k8s.io review kinds (SelfSubjectAccessReview, SubjectAccessReview,
// LocalSubjectAccessReview, SelfSubjectRulesReview) as kube's REST handlers: each takes the posted
// object and returns it with `status` filled from the RBAC authorizer. Pure over the authorizer.
import type { LabCluster, UserInfo } from '../apiserver/extension-points.js';
import { badRequest, invalid } from '../apiserver/status-errors.js';
import type { FieldError, KubeObject } from '../apiserver/types.js';
import type { RbacAuthorizer } from './rbac-authorizer.js';
import type { AuthzAttributes, PolicyRule } from './rbac-types.js';

const GROUP = 'authorization.k8s.io';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface ReviewSpec {
  resourceAttributes?: ResourceAttributes | null;
  nonResourceAttributes?: { path?: string; verb?: string } | null;
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
  namespace?: string;
}

/** Dependencies of the review handlers. */
export interface ReviewDeps {
  cluster: LabCluster;
  authorizer: RbacAuthorizer;
}

function specOf(body: KubeObject): ReviewSpec {
  return body.spec ?? {};
}

function attributeErrors(spec: ReviewSpec): FieldError[] {
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.nonResourceAttributes',
        detail: 'cannot be specified in combination with resourceAttributes',
      },
    ];
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    return [
      {
        type: 'FieldValueInvalid',
        field: 'spec.resourceAttributes',
        detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      },
    ];
  }
  return [];
}

function toAttrs(user: { username: string; groups: string[] }, spec: ReviewSpec): AuthzAttributes {
  const base = { username: user.username, groups: user.groups };
  const n = spec.nonResourceAttributes;
  if (n) {
    const empty = { apiGroup: '', resource: '', subresource: '', namespace: '', name: '' };
    return { ...base, ...empty, isResourceRequest: false, verb: n.verb ?? '', path: n.path ?? '' };
  }
  const r: ResourceAttributes = spec.resourceAttributes ?? {};
  return {
    ...base,
    isResourceRequest: true,
    path: '',
    ...withDefaults(r),
  };
}

function withDefaults(
  r: ResourceAttributes,
): Omit<AuthzAttributes, 'username' | 'groups' | 'isResourceRequest' | 'path'> {
  const s = (v: string | undefined): string => v ?? '';
  return {
    verb: s(r.verb),
    apiGroup: s(r.group),
    resource: s(r.resource),
    subresource: s(r.subresource),
    namespace: s(r.namespace),
    name: s(r.name),
  };
}

function answer(body: KubeObject, kind: string, status: Record<string, unknown>): KubeObject {
  const metadata = { ...(body.metadata ?? {}), creationTimestamp: null as unknown as string };
  return { ...body, kind, apiVersion: `${GROUP}/v1`, metadata, status };
}

function decide(
  deps: ReviewDeps,
  user: { username: string; groups: string[] },
  body: KubeObject,
  kind: string,
): KubeObject {
  const spec = specOf(body);
  const errors = attributeErrors(spec);
  if (errors.length) throw invalid({ group: GROUP, kind }, '', errors);
  const decision = deps.authorizer.decide(deps.cluster, toAttrs(user, spec));
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return answer(body, kind, status);
}

/** `kubectl auth can-i VERB RESOURCE`: may the requesting user do this? */
export function selfSubjectAccessReview(
  deps: ReviewDeps,
  user: UserInfo,
  body: KubeObject,
): KubeObject {
  return decide(deps, user, body, 'SelfSubjectAccessReview');
}

function subjectOf(spec: ReviewSpec): { username: string; groups: string[] } {
  if (!spec.user && !(spec.groups ?? []).length) {
    throw invalid({ group: GROUP, kind: 'SubjectAccessReview' }, '', [
      {
        type: 'FieldValueInvalid',
        field: 'spec.user',
        badValue: '',
        detail: 'at least one of user or group must be specified',
      },
    ]);
  }
  return { username: spec.user ?? '', groups: spec.groups ?? [] };
}

/** May the user named in `spec` do this? (cluster-wide). */
export function subjectAccessReview(deps: ReviewDeps, body: KubeObject): KubeObject {
  return decide(deps, subjectOf(specOf(body)), body, 'SubjectAccessReview');
}

/** Like subjectAccessReview, limited to the namespace of the request path. */
export function localSubjectAccessReview(
  deps: ReviewDeps,
  namespace: string,
  body: KubeObject,
): KubeObject {
  const spec = specOf(body);
  const attrNs = spec.resourceAttributes?.namespace ?? '';
  if (spec.resourceAttributes && attrNs !== namespace) {
    throw invalid({ group: GROUP, kind: 'LocalSubjectAccessReview' }, '', [
      {
        type: 'FieldValueInvalid',
        field: 'spec.resourceAttributes.namespace',
        badValue: attrNs,
        detail: 'must match metadata.namespace',
      },
    ]);
  }
  return decide(
    deps,
    subjectOf(spec),
    { ...body, metadata: { ...(body.metadata ?? {}), namespace } },
    'LocalSubjectAccessReview',
  );
}

function resourceRule(r: PolicyRule): Record<string, unknown> {
  const out: Record<string, unknown> = { verbs: r.verbs };
  if (r.apiGroups?.length) out.apiGroups = r.apiGroups;
  out.resources = r.resources;
  if (r.resourceNames?.length) out.resourceNames = r.resourceNames;
  return out;
}

/** `kubectl auth can-i --list`: every rule that applies to the requesting user in a namespace. */
export function selfSubjectRulesReview(
  deps: ReviewDeps,
  user: UserInfo,
  body: KubeObject,
): KubeObject {
  const namespace = specOf(body).namespace ?? '';
  if (!namespace) throw badRequest('no namespace on request');
  const { rules, errors } = deps.authorizer.rulesFor(deps.cluster, user, namespace);
  const status: Record<string, unknown> = {
    resourceRules: rules.filter((r) => r.resources?.length).map(resourceRule),
    nonResourceRules: rules
      .filter((r) => r.nonResourceURLs?.length)
      .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
    incomplete: false,
  };
  if (errors.length) status.evaluationError = errors.join(', ');
  return answer(body, 'SelfSubjectRulesReview', status);
}
