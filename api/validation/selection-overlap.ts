// Decides whether two profiles may select a common cluster. With known clusters
// (`ctx.clusters`) the answer is exact; without, it is a conservative guess that only says "no"
// when the selections provably exclude each other. Pure; tests in overlap-warnings.test.ts.
import type { LabelSelector } from '../label-selector.js';
import { matchesLabelSelector, validateLabelSelector } from '../label-selector.js';
import { isRecord } from './field-checks.js';
import type { ProfileScope } from './profile-scope.js';
import { PROFILE_KIND, readProfileScope } from './profile-scope.js';
import type { ClusterLike, ObjectLike } from './result.js';

/** How one profile selects clusters, read leniently from its spec. */
export interface Selection {
  scope: ProfileScope;
  selector: LabelSelector | undefined;
  refs: string[];
  usesSets: boolean;
}

/** Reads the selection of a profile; an invalid selector reads as "none". */
export function readSelection(obj: ObjectLike): Selection {
  const scope = readProfileScope(obj);
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const rawSelector = spec.clusterSelector;
  const selectorOk =
    isRecord(rawSelector) &&
    validateLabelSelector(rawSelector, 'spec.clusterSelector').length === 0;
  const refs = Array.isArray(spec.clusterRefs) ? (spec.clusterRefs as unknown[]) : [];
  return {
    scope,
    selector: selectorOk && !isEmptySelector(rawSelector) ? rawSelector : undefined,
    refs: refs.filter(isRecord).map((r) => refKey(r.namespace ?? scope.namespace, r.name)),
    usesSets: Array.isArray(spec.setRefs) && spec.setRefs.length > 0,
  };
}

function refKey(namespace: unknown, name: unknown): string {
  return `${typeof namespace === 'string' ? namespace : ''}/${typeof name === 'string' ? name : ''}`;
}

// Sveltos treats an empty clusterSelector as selecting no cluster.
function isEmptySelector(selector: Record<string, unknown>): boolean {
  const labels = isRecord(selector.matchLabels) ? Object.keys(selector.matchLabels) : [];
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return labels.length === 0 && exprs.length === 0;
}

function selectsAnything(s: Selection): boolean {
  return s.selector !== undefined || s.refs.length > 0 || s.usesSets;
}

/** True when some cluster may be selected by both profiles. */
export function selectionsMayOverlap(
  a: Selection,
  b: Selection,
  clusters: readonly ClusterLike[] | undefined,
): boolean {
  if (!selectsAnything(a) || !selectsAnything(b)) return false;
  if (!namespacesCompatible(a.scope, b.scope)) return false;
  if (a.usesSets || b.usesSets) return true;
  if (clusters !== undefined) return clusters.some((c) => selects(a, c) && selects(b, c));
  if (a.refs.some((r) => b.refs.includes(r))) return true;
  if (a.selector === undefined || b.selector === undefined) return refsMayMatch(a, b);
  return !selectorsExclude(a.selector, b.selector);
}

// Two Profiles only ever select clusters in their own namespaces.
function namespacesCompatible(a: ProfileScope, b: ProfileScope): boolean {
  if (a.kind !== PROFILE_KIND || b.kind !== PROFILE_KIND) return true;
  return a.namespace === b.namespace;
}

function selects(s: Selection, cluster: ClusterLike): boolean {
  if (s.scope.kind === PROFILE_KIND && cluster.namespace !== s.scope.namespace) return false;
  if (s.refs.includes(refKey(cluster.namespace, cluster.name))) return true;
  return matchesLabelSelector(cluster.labels, s.selector);
}

// Without cluster labels, a selector may match any referenced cluster.
function refsMayMatch(a: Selection, b: Selection): boolean {
  return a.selector !== undefined || b.selector !== undefined;
}

/** True when no label set can satisfy both selectors (conflicting equalities or sets). */
export function selectorsExclude(a: LabelSelector, b: LabelSelector): boolean {
  const allowedA = allowedValues(a);
  const allowedB = allowedValues(b);
  for (const [key, values] of allowedA) {
    const other = allowedB.get(key);
    if (other !== undefined && !values.some((v) => other.includes(v))) return true;
  }
  return requiresAbsent(a, b) || requiresAbsent(b, a);
}

/** Keys pinned to a finite set of values (matchLabels and `In`). */
function allowedValues(selector: LabelSelector): Map<string, string[]> {
  const allowed = new Map<string, string[]>();
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) allowed.set(key, [value]);
  for (const expr of selector.matchExpressions ?? []) {
    if (expr.operator !== 'In') continue;
    const previous = allowed.get(expr.key);
    const values = expr.values ?? [];
    allowed.set(expr.key, previous ? previous.filter((v) => values.includes(v)) : values);
  }
  return allowed;
}

function requiresAbsent(a: LabelSelector, b: LabelSelector): boolean {
  const absent = (a.matchExpressions ?? []).filter((e) => e.operator === 'DoesNotExist');
  const present = allowedValues(b);
  const exists = new Set(
    (b.matchExpressions ?? []).filter((e) => e.operator === 'Exists').map((e) => e.key),
  );
  return absent.some((e) => present.has(e.key) || exists.has(e.key));
}
