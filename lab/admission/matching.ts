// Which webhooks a request reaches, as k8s.io/apiserver's webhook rules matcher, namespace and
// object matchers and ShouldCallHook: rules (operation, group, version, resource/subresource,
// scope), namespaceSelector, objectSelector, and matchPolicy Equivalent. Pure functions.
import { matchesLabelSelector } from '../../api/label-selector.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { GroupVersionKind, GroupVersionResource, KubeObject } from '../apiserver/types.js';
import type { Webhook, WebhookRule } from './webhook-config.js';

/** What the matchers look at (a subset of kube's admission.Attributes). */
export interface MatchAttributes {
  operation: string;
  resource: GroupVersionResource;
  subresource: string;
  /** The namespace of the request; for the Namespace object itself its own name. */
  namespace: string;
  object?: KubeObject;
  oldObject?: KubeObject;
}

/** A webhook to call, with the resource and kind it is called for (they differ under Equivalent). */
export interface Invocation {
  webhook: Webhook;
  resource: GroupVersionResource;
  kind: GroupVersionKind;
}

const isNamespaceResource = (r: GroupVersionResource): boolean =>
  r.group === '' && r.resource === 'namespaces';

const exactOrWildcard = (items: string[], value: string): boolean =>
  items.some((i) => i === '*' || i === value);

function scopeMatches(rule: WebhookRule, a: MatchAttributes): boolean {
  if (rule.scope === 'Namespaced') return !isNamespaceResource(a.resource) && a.namespace !== '';
  if (rule.scope === 'Cluster') return isNamespaceResource(a.resource) || a.namespace === '';
  return true;
}

function resourceMatches(rule: WebhookRule, resource: string, subresource: string): boolean {
  return rule.resources.some((r) => {
    const [res, sub = ''] = r.split(/\/(.*)/s);
    return (res === '*' || res === resource) && (sub === '*' || sub === subresource);
  });
}

/** kube's rules.Matcher.Matches. */
export function ruleMatches(rule: WebhookRule, a: MatchAttributes): boolean {
  return (
    scopeMatches(rule, a) &&
    exactOrWildcard(rule.operations, a.operation) &&
    exactOrWildcard(rule.apiGroups, a.resource.group) &&
    exactOrWildcard(rule.apiVersions, a.resource.version) &&
    resourceMatches(rule, a.resource.resource, a.subresource)
  );
}

const isEmptySelector = (s: LabelSelector): boolean =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

/** Whether a request needs the namespace's labels at all (cluster-scoped non-Namespace: no). */
export function needsNamespaceLabels(w: Webhook, a: MatchAttributes): boolean {
  if (isEmptySelector(w.namespaceSelector)) return false;
  return a.namespace !== '' || isNamespaceResource(a.resource);
}

/**
 * kube's namespace matcher: cluster-scoped objects other than Namespaces always match; a
 * Namespace being created or updated is judged by its own labels; otherwise `nsLabels`.
 */
export function namespaceMatches(
  w: Webhook,
  a: MatchAttributes,
  nsLabels: Record<string, string> | undefined,
): boolean {
  if (!needsNamespaceLabels(w, a)) return true;
  const ownLabels =
    isNamespaceResource(a.resource) &&
    !a.subresource &&
    (a.operation === 'CREATE' || a.operation === 'UPDATE');
  const labels = ownLabels ? a.object?.metadata.labels : nsLabels;
  return matchesLabelSelector(labels ?? {}, w.namespaceSelector);
}

/** kube's object matcher: the new or the old object's labels match. */
export function objectMatches(w: Webhook, a: MatchAttributes): boolean {
  if (isEmptySelector(w.objectSelector)) return true;
  return [a.object, a.oldObject].some(
    (o) => !!o && matchesLabelSelector(o.metadata.labels ?? {}, w.objectSelector),
  );
}

/** Other served versions of the same group/resource, for matchPolicy Equivalent. */
export type EquivalentsFn = (
  r: GroupVersionResource,
) => { resource: GroupVersionResource; kind: GroupVersionKind }[];

/**
 * The invocation of `w` for the request, or undefined when its rules do not match (selectors
 * are checked by the caller). Under Equivalent, earlier rules win over later ones.
 */
export function invocationFor(
  w: Webhook,
  a: MatchAttributes,
  kind: GroupVersionKind,
  equivalents: EquivalentsFn,
): Invocation | undefined {
  if (w.rules.some((r) => ruleMatches(r, a))) return { webhook: w, resource: a.resource, kind };
  if (w.matchPolicy !== 'Equivalent') return undefined;
  const others = equivalents(a.resource).filter((e) => e.resource.version !== a.resource.version);
  for (const rule of w.rules) {
    const hit = others.find((e) => ruleMatches(rule, { ...a, resource: e.resource }));
    if (hit) return { webhook: w, resource: hit.resource, kind: hit.kind };
  }
  return undefined;
}

/** kube exempts the admission configuration kinds themselves from webhooks. */
export function isExemptKind(kind: GroupVersionKind): boolean {
  return (
    kind.group === 'admissionregistration.k8s.io' &&
    /^(Validating|Mutating)WebhookConfiguration$|^ValidatingAdmissionPolicy(Binding)?$/.test(
      kind.kind,
    )
  );
}
