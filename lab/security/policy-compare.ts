// Whether one set of RBAC rules covers another, as k8s.io/kubernetes pkg/registry/rbac/validation
// (Covers, BreakdownRule, ruleCovers, CompactRules) and rbacv1helpers.CompactString, used to stop
// a user from granting permissions they do not hold. Pure.
import type { PolicyRule } from './rbac-types.js';

const has = (set: string[] | undefined, x: string): boolean => (set ?? []).includes(x);
const hasAll = (set: string[] | undefined, xs: string[] | undefined): boolean =>
  (xs ?? []).every((x) => has(set, x));

function resourceTuples(rule: PolicyRule, group: string, resource: string): PolicyRule[] {
  const names = rule.resourceNames ?? [];
  return rule.verbs.flatMap((verb) => {
    const base = { apiGroups: [group], resources: [resource], verbs: [verb] };
    return names.length === 0 ? [base] : names.map((n) => ({ ...base, resourceNames: [n] }));
  });
}

/** Splits a rule into one rule per group × resource × verb (× name) and per URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) out.push(...resourceTuples(rule, group, resource));
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

function resourceCoversAll(owner: string[] | undefined, wanted: string[] | undefined): boolean {
  if (has(owner, '*') || hasAll(owner, wanted)) return true;
  return (wanted ?? []).every((path) => {
    if (has(owner, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && has(owner, `*/${path.slice(slash + 1)}`);
  });
}

function urlCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));
}

function namesCover(owner: PolicyRule, sub: PolicyRule): boolean {
  const ownerNames = owner.resourceNames ?? [];
  if ((sub.resourceNames ?? []).length === 0) return ownerNames.length === 0;
  return ownerNames.length === 0 || hasAll(ownerNames, sub.resourceNames);
}

/** kube's ruleCovers: whether `owner` grants everything the single-tuple rule `sub` does. */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const urls = (sub.nonResourceURLs ?? []).every((u) =>
    (owner.nonResourceURLs ?? []).some((o) => urlCovers(o, u)),
  );
  return (
    verbs &&
    groups &&
    resourceCoversAll(owner.resources, sub.resources) &&
    namesCover(owner, sub) &&
    urls
  );
}

/** kube's Covers: the uncovered single-tuple rules (empty when `owner` covers `wanted`). */
export function uncoveredRules(owner: PolicyRule[], wanted: PolicyRule[]): PolicyRule[] {
  return wanted.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

function isSimple(r: PolicyRule): boolean {
  const one = (xs: string[] | undefined): boolean => xs?.length === 1;
  return (
    one(r.apiGroups) && one(r.resources) && !r.resourceNames?.length && !r.nonResourceURLs?.length
  );
}

/** kube's CompactRules: single group/resource rules without names merged across verbs. */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const merged = new Map<string, PolicyRule>();
  const out: PolicyRule[] = [];
  for (const r of rules) {
    const key = isSimple(r) ? JSON.stringify([r.apiGroups, r.resources]) : undefined;
    const existing = key ? merged.get(key) : undefined;
    if (existing) {
      existing.verbs.push(...r.verbs.filter((v) => !existing.verbs.includes(v)));
      continue;
    }
    const copy = { ...r, verbs: [...r.verbs] };
    if (key) merged.set(key, copy);
    out.push(copy);
  }
  return out;
}

const goQuoted = (xs: string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(' ')}]`;

/** rbacv1helpers.CompactString: `{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}`. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoted(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoted(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoted(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoted(r.resourceNames)}`);
  if (r.verbs.length) parts.push(`Verbs:${goQuoted(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * kube's ConfirmNoEscalation message, or '' when the owner's rules cover `wanted`:
 * `user "u" (groups=["a" "b"]) is attempting to grant RBAC permissions not currently held:\n…`.
 */
export function escalationMessage(
  user: { username: string; groups: string[] },
  owner: PolicyRule[],
  wanted: PolicyRule[],
  resolutionErrors: string[] = [],
): string {
  const missing = uncoveredRules(owner, wanted);
  if (missing.length === 0) return '';
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.username)} (groups=${goQuoted(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (resolutionErrors.length) msg += `; resolution errors: [${resolutionErrors.join(' ')}]`;
  return msg;
}
