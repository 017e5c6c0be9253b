// Which profile is being validated (kind, name, namespace) and the one rule that depends on it:
// a namespaced Profile may only reference clusters and objects of its own namespace, while a
// ClusterProfile may reach any namespace. Pure; tests in profile.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { isRecord, isUnset, problem } from './field-checks.js';

export const CLUSTER_PROFILE_KIND = 'ClusterProfile';
export const PROFILE_KIND = 'Profile';

/** The identity of the profile under validation. `namespace` is '' for a ClusterProfile. */
export interface ProfileScope {
  kind: typeof CLUSTER_PROFILE_KIND | typeof PROFILE_KIND;
  name: string;
  namespace: string;
}

/** Reads kind/name/namespace of a profile object; unknown kinds read as ClusterProfile. */
export function readProfileScope(obj: unknown): ProfileScope {
  const record = isRecord(obj) ? obj : {};
  const meta = isRecord(record.metadata) ? record.metadata : {};
  const kind = record.kind === PROFILE_KIND ? PROFILE_KIND : CLUSTER_PROFILE_KIND;
  return {
    kind,
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: kind === PROFILE_KIND && typeof meta.namespace === 'string' ? meta.namespace : '',
  };
}

/** Node key of a profile in the dependency graph: ClusterProfiles by name, Profiles by ns/name. */
export function profileKey(scope: Pick<ProfileScope, 'kind' | 'name' | 'namespace'>): string {
  if (scope.kind === PROFILE_KIND) return `${PROFILE_KIND}/${scope.namespace}/${scope.name}`;
  return `${CLUSTER_PROFILE_KIND}/${scope.name}`;
}

/** Human name of a profile, e.g. `ClusterProfile "kyverno"` or `Profile "team-a/kyverno"`. */
export function describeProfile(scope: ProfileScope): string {
  if (scope.kind === PROFILE_KIND) return `Profile "${scope.namespace}/${scope.name}"`;
  return `ClusterProfile "${scope.name}"`;
}

/**
 * For a Profile, a referenced namespace must be empty (meaning its own) or its own namespace.
 * ClusterProfiles may name any namespace.
 */
export function checkOwnNamespace(
  value: unknown,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  if (scope.kind !== PROFILE_KIND || isUnset(value) || value === '') return [];
  if (value === scope.namespace) return [];
  return [
    problem(
      path,
      value,
      `a Profile may only reference its own namespace "${scope.namespace}" (leave it empty)`,
    ),
  ];
}
