// Checks of `spec.dependsOn`: names well formed, never the profile itself, no duplicates, and
// no dependency cycle with the profiles already stored (`ctx.profiles`). A ClusterProfile depends
// on ClusterProfiles; a Profile on Profiles of its own namespace. Pure; tests in dependencies.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { checkObjectName, isRecord, problem, readList } from './field-checks.js';
import type { ProfileScope } from './profile-scope.js';
import { PROFILE_KIND, profileKey, readProfileScope } from './profile-scope.js';
import type { ObjectLike, ValidationResult } from './result.js';

/** Bounds the cycle search (one graph walk per dependency). */
export const MAX_DEPENDENCIES = 100;

/** Validates `spec.dependsOn`; cycles need `profiles`, missing dependencies only warn. */
export function validateDependencies(
  spec: Record<string, unknown>,
  scope: ProfileScope,
  profiles: readonly ObjectLike[] | undefined,
): ValidationResult {
  const fieldErrors: FieldProblem[] = [];
  const names = readList(spec.dependsOn, 'spec.dependsOn', fieldErrors);
  if (names.length > MAX_DEPENDENCIES) {
    const reason = `must have at most ${MAX_DEPENDENCIES} items, has ${names.length}`;
    return { warnings: [], fieldErrors: [problem('spec.dependsOn', undefined, reason)] };
  }
  const seen = new Set<unknown>();
  names.forEach((name, i) => {
    const path = `spec.dependsOn[${i}]`;
    fieldErrors.push(...checkObjectName(name, path));
    if (name === scope.name)
      fieldErrors.push(problem(path, name, 'a profile cannot depend on itself'));
    if (seen.has(name)) fieldErrors.push(problem(path, name, 'duplicate value'));
    seen.add(name);
  });
  if (profiles === undefined) return { warnings: [], fieldErrors };
  const valid = names.filter((n): n is string => typeof n === 'string' && n !== scope.name);
  const graph = buildGraph(profiles, scope, valid);
  return {
    warnings: missingDependencyWarnings(valid, scope, graph),
    fieldErrors: [...fieldErrors, ...findCycles(names, scope, graph)],
  };
}

type DependencyGraph = Map<string, string[]>;

function dependencyKey(scope: ProfileScope, name: string): string {
  return profileKey({ kind: scope.kind, namespace: scope.namespace, name });
}

/** Edges from every stored profile, with this profile's edges replaced by its new dependsOn. */
function buildGraph(
  profiles: readonly ObjectLike[],
  self: ProfileScope,
  selfDependsOn: readonly string[],
): DependencyGraph {
  const graph: DependencyGraph = new Map();
  for (const obj of profiles) {
    const scope = readProfileScope(obj);
    if (scope.name === '') continue;
    graph.set(
      profileKey(scope),
      readDependsOn(obj).map((n) => dependencyKey(scope, n)),
    );
  }
  graph.set(
    profileKey(self),
    selfDependsOn.map((n) => dependencyKey(self, n)),
  );
  return graph;
}

function readDependsOn(obj: ObjectLike): string[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const list = Array.isArray(spec.dependsOn) ? (spec.dependsOn as unknown[]) : [];
  return list.filter((n): n is string => typeof n === 'string');
}

function findCycles(
  names: readonly unknown[],
  self: ProfileScope,
  graph: DependencyGraph,
): FieldProblem[] {
  const selfKey = profileKey(self);
  const problems: FieldProblem[] = [];
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name === self.name) return;
    const path = findPath(dependencyKey(self, name), selfKey, graph);
    if (path === undefined) return;
    const cycle = [selfKey, ...path].map(displayKey).join(' -> ');
    problems.push(
      problem(`spec.dependsOn[${i}]`, name, `would close a dependency cycle: ${cycle}`),
    );
  });
  return problems;
}

/** Breadth-first search for the shortest path from `from` to `to` (both included). */
function findPath(from: string, to: string, graph: DependencyGraph): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [from];
  const visited = new Set([from]);
  while (queue.length > 0) {
    const node = queue.shift() as string;
    if (node === to) return unwind(previous, from, to);
    for (const next of graph.get(node) ?? []) {
      if (visited.has(next)) continue;
      visited.add(next);
      previous.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

function unwind(previous: Map<string, string>, from: string, to: string): string[] {
  const path = [to];
  let node = to;
  while (node !== from) {
    node = previous.get(node) as string;
    path.unshift(node);
  }
  return path;
}

function displayKey(key: string): string {
  return key.split('/').slice(1).join('/');
}

function missingDependencyWarnings(
  names: readonly string[],
  scope: ProfileScope,
  graph: DependencyGraph,
): string[] {
  const kind = scope.kind === PROFILE_KIND ? 'Profile' : 'ClusterProfile';
  return names
    .filter((name) => !graph.has(dependencyKey(scope, name)))
    .map(
      (name) =>
        `spec.dependsOn: ${kind} "${name}" does not exist yet; this profile's add-ons wait until it does`,
    );
}
