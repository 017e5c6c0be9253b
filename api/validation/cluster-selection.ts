// Checks of how a profile selects clusters: `clusterSelector` (a metav1.LabelSelector),
// `clusterRefs` (object references to SveltosCluster or CAPI Cluster) and `setRefs` (names of
// ClusterSets/Sets). Pure; tests in cluster-selection.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { validateLabelSelector } from '../label-selector.js';
import {
  checkEnum,
  checkNamespaceName,
  checkObjectName,
  checkRequiredString,
  isRecord,
  isUnset,
  problem,
  readList,
} from './field-checks.js';
import type { ProfileScope } from './profile-scope.js';
import { CLUSTER_PROFILE_KIND, checkOwnNamespace } from './profile-scope.js';

/** Cluster kinds a clusterRef may name, with the API group each must live in. */
export const CLUSTER_REF_GROUPS: Readonly<Record<string, string>> = {
  SveltosCluster: 'lib.projectsveltos.io',
  Cluster: 'cluster.x-k8s.io',
};

/** Validates `clusterSelector`, `clusterRefs` and `setRefs` of a profile spec. */
export function validateClusterSelection(
  spec: Record<string, unknown>,
  scope: ProfileScope,
): FieldProblem[] {
  return [
    ...validateClusterSelector(spec.clusterSelector),
    ...validateClusterRefs(spec.clusterRefs, scope),
    ...validateSetRefs(spec.setRefs),
  ];
}

function validateClusterSelector(selector: unknown): FieldProblem[] {
  if (typeof selector === 'string') {
    // v1alpha1 took `env=prod`; v1beta1 wants the structured form.
    return [
      problem(
        'spec.clusterSelector',
        selector,
        'must be a label selector object (matchLabels/matchExpressions), not a string',
      ),
    ];
  }
  return validateLabelSelector(selector, 'spec.clusterSelector');
}

function validateClusterRefs(value: unknown, scope: ProfileScope): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refs = readList(value, 'spec.clusterRefs', problems);
  const seen = new Map<string, number>();
  refs.forEach((ref, i) => {
    const path = `spec.clusterRefs[${i}]`;
    problems.push(...validateClusterRef(ref, path, scope));
    if (!isRecord(ref)) return;
    const key = JSON.stringify([ref.kind, ref.namespace ?? '', ref.name]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(problem(path, ref.name, `duplicate value: same as spec.clusterRefs[${first}]`));
    } else seen.set(key, i);
  });
  return problems;
}

function validateClusterRef(ref: unknown, path: string, scope: ProfileScope): FieldProblem[] {
  if (!isRecord(ref)) return [problem(path, ref, 'must be an object reference')];
  return [
    ...checkRequiredString(ref.kind, `${path}.kind`),
    ...checkEnum(ref.kind, `${path}.kind`, Object.keys(CLUSTER_REF_GROUPS)),
    ...checkClusterRefApiVersion(ref.kind, ref.apiVersion, `${path}.apiVersion`),
    ...checkObjectName(ref.name, `${path}.name`),
    ...checkClusterRefNamespace(ref.namespace, `${path}.namespace`, scope),
  ];
}

function checkClusterRefApiVersion(
  kind: unknown,
  apiVersion: unknown,
  path: string,
): FieldProblem[] {
  if (isUnset(apiVersion) || apiVersion === '') return [];
  const group = typeof kind === 'string' ? CLUSTER_REF_GROUPS[kind] : undefined;
  if (group === undefined) return [];
  if (typeof apiVersion === 'string' && apiVersion.startsWith(`${group}/`)) return [];
  return [problem(path, apiVersion, `must be in API group ${group} for kind ${String(kind)}`)];
}

function checkClusterRefNamespace(
  namespace: unknown,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  if (scope.kind === CLUSTER_PROFILE_KIND) {
    // A cluster is namespaced: a ClusterProfile has no namespace of its own to default to.
    const missing = checkRequiredString(namespace, path);
    return missing.length > 0 ? missing : checkNamespaceName(namespace, path);
  }
  return checkOwnNamespace(namespace, path, scope);
}

function validateSetRefs(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refs = readList(value, 'spec.setRefs', problems);
  const seen = new Set<unknown>();
  refs.forEach((name, i) => {
    const path = `spec.setRefs[${i}]`;
    problems.push(...checkObjectName(name, path));
    if (seen.has(name)) problems.push(problem(path, name, 'duplicate value'));
    seen.add(name);
  });
  return problems;
}
