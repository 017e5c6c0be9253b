// The RBAC policy of one cluster as an index: bindings by subject (user, group, service account),
// cluster-wide and per namespace, and role rules by name. Built from plain object lists (pure);
// the authorizer rebuilds it when a watched RBAC object changes. It must never read the store.
import type { KubeObject } from '../apiserver/types.js';
import { describeSubject, subjectMatches } from './rbac-rules.js';
import type { PolicyRule, RoleRef, Subject } from './rbac-types.js';

/** The four RBAC kinds of a cluster, as stored. */
export interface RbacSnapshot {
  roles: KubeObject[];
  clusterRoles: KubeObject[];
  roleBindings: KubeObject[];
  clusterRoleBindings: KubeObject[];
}

interface IndexedBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** '' for ClusterRoleBindings. */
  namespace: string;
  roleRef: RoleRef;
  subjects: Subject[];
}

/** One rule with where it came from, for `RBAC: allowed by …` reasons. */
export interface SourcedRules {
  /** e.g. `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`. */
  source: string;
  rules: PolicyRule[];
  /** Set when the role the binding names does not exist. */
  error?: string;
}

type SubjectIndex = Map<string, IndexedBinding[]>;

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function rulesOf(obj: KubeObject): PolicyRule[] {
  return asArray<PolicyRule>(obj.rules).map((r) => ({ ...r, verbs: asArray<string>(r.verbs) }));
}

function subjectKey(subject: Subject, bindingNamespace: string): string | undefined {
  if (subject.kind === 'ServiceAccount') {
    const ns = subject.namespace || bindingNamespace;
    return ns ? `sa:${ns}:${subject.name}` : undefined;
  }
  if (subject.kind === 'User' || subject.kind === 'Group') return `${subject.kind}:${subject.name}`;
  return undefined;
}

function toBinding(obj: KubeObject, kind: IndexedBinding['kind']): IndexedBinding {
  return {
    kind,
    name: obj.metadata.name ?? '',
    namespace: kind === 'RoleBinding' ? (obj.metadata.namespace ?? '') : '',
    roleRef: (obj.roleRef ?? { apiGroup: '', kind: '', name: '' }) as RoleRef,
    subjects: asArray<Subject>(obj.subjects),
  };
}

function addToIndex(index: SubjectIndex, binding: IndexedBinding): void {
  const keys = new Set<string>();
  for (const s of binding.subjects) {
    const key = subjectKey(s, binding.namespace);
    if (key) keys.add(key);
  }
  for (const key of keys) {
    const list = index.get(key);
    if (list) list.push(binding);
    else index.set(key, [binding]);
  }
}

function byName(a: KubeObject, b: KubeObject): number {
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** User keys to look up: the user, each group, and the service account the name denotes. */
function userKeys(user: { username: string; groups: string[] }): string[] {
  const keys = [`User:${user.username}`, ...user.groups.map((g) => `Group:${g}`)];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user.username);
  if (sa) keys.push(`sa:${sa[1]}:${sa[2]}`);
  return keys;
}

/** Immutable RBAC index; `sourcesFor` lists the rules that apply to a user in a namespace. */
export class RbacIndex {
  private readonly clusterRoles = new Map<string, PolicyRule[]>();
  private readonly roles = new Map<string, PolicyRule[]>();
  private readonly clusterBindings: SubjectIndex = new Map();
  private readonly namespaceBindings = new Map<string, SubjectIndex>();

  constructor(snapshot: RbacSnapshot) {
    for (const r of snapshot.clusterRoles) this.clusterRoles.set(r.metadata.name ?? '', rulesOf(r));
    for (const r of snapshot.roles) {
      this.roles.set(`${r.metadata.namespace ?? ''}/${r.metadata.name ?? ''}`, rulesOf(r));
    }
    for (const b of [...snapshot.clusterRoleBindings].sort(byName)) {
      addToIndex(this.clusterBindings, toBinding(b, 'ClusterRoleBinding'));
    }
    for (const b of [...snapshot.roleBindings].sort(byName)) {
      const binding = toBinding(b, 'RoleBinding');
      let index = this.namespaceBindings.get(binding.namespace);
      if (!index) {
        index = new Map<string, IndexedBinding[]>();
        this.namespaceBindings.set(binding.namespace, index);
      }
      addToIndex(index, binding);
    }
  }

  /**
   * Rules granted to the user: cluster role bindings first, then role bindings of `namespace`
   * (none when it is empty), in kube's visiting order, each with its source description.
   */
  sourcesFor(user: { username: string; groups: string[] }, namespace: string): SourcedRules[] {
    const keys = userKeys(user);
    const out = this.collect(this.clusterBindings, keys, user);
    const nsIndex = namespace ? this.namespaceBindings.get(namespace) : undefined;
    if (nsIndex) out.push(...this.collect(nsIndex, keys, user));
    return out;
  }

  private collect(
    index: SubjectIndex,
    keys: string[],
    user: { username: string; groups: string[] },
  ): SourcedRules[] {
    const seen = new Set<IndexedBinding>();
    for (const key of keys) for (const b of index.get(key) ?? []) seen.add(b);
    const ordered = [...seen].sort((a, b) => a.name.localeCompare(b.name));
    return ordered.map((b) => this.describe(b, user));
  }

  private describe(b: IndexedBinding, user: { username: string; groups: string[] }): SourcedRules {
    const subject = b.subjects.find((s) => subjectMatches(s, user, b.namespace)) ?? b.subjects[0];
    const who = b.kind === 'RoleBinding' ? `${b.name}/${b.namespace}` : b.name;
    const source = `${b.kind} "${who}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(subject, b.namespace)}`;
    const rules = this.roleRules(b);
    if (rules) return { source, rules };
    const what = b.roleRef.kind === 'ClusterRole' ? 'clusterrole' : 'role';
    return {
      source,
      rules: [],
      error: `${what}.rbac.authorization.k8s.io "${b.roleRef.name}" not found`,
    };
  }

  private roleRules(b: IndexedBinding): PolicyRule[] | undefined {
    if (b.roleRef.kind === 'ClusterRole') return this.clusterRoles.get(b.roleRef.name);
    if (b.roleRef.kind === 'Role' && b.namespace)
      return this.roles.get(`${b.namespace}/${b.roleRef.name}`);
    return undefined;
  }
}
