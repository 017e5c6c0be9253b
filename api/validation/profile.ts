// Validation of ClusterProfile and Profile objects for create, update and delete: combines the
// per-concern validators (cluster selection, Helm charts, references, spec fields, dependencies)
// and the overlap warnings into one result. Shared by the webhook, the CLI and the controller.
// Pure; tests in profile.test.ts and fixtures.test.ts (test/fixtures/profiles).
import type { FieldProblem } from '../field-problem.js';
import { CLUSTER_PROFILE } from '../gvk.js';
import { validateClusterSelection } from './cluster-selection.js';
import { validateDependencies } from './dependencies.js';
import { isRecord, jsonEqual, problem } from './field-checks.js';
import { validateHelmCharts } from './helm-charts.js';
import { findReleaseOverlapWarnings } from './overlap-warnings.js';
import { validateReferences } from './policy-refs.js';
import type { ProfileScope } from './profile-scope.js';
import { CLUSTER_PROFILE_KIND, PROFILE_KIND, readProfileScope } from './profile-scope.js';
import type { ValidationContext, ValidationResult } from './result.js';
import { emptyResult, mergeResults } from './result.js';
import { validateSpecFields } from './spec-fields.js';

const PROFILE_API_VERSION = CLUSTER_PROFILE.apiVersion;
const PROFILE_KINDS: readonly string[] = [CLUSTER_PROFILE_KIND, PROFILE_KIND];

/**
 * Validates a ClusterProfile or Profile about to be created. Every problem found is listed in
 * `fieldErrors` (a denial); `warnings` carry risky-but-legal findings. Never throws.
 */
export function validateProfileCreate(obj: unknown, ctx: ValidationContext = {}): ValidationResult {
  if (!isRecord(obj)) return { warnings: [], fieldErrors: [problem('', obj, 'must be an object')] };
  const header = validateHeader(obj);
  if (header.length > 0) return { warnings: [], fieldErrors: header };
  const scope = readProfileScope(obj);
  const spec = obj.spec ?? {};
  if (!isRecord(spec))
    return { warnings: [], fieldErrors: [problem('spec', spec, 'must be an object')] };
  return mergeResults(validateSpec(spec, scope), validateDependencies(spec, scope, ctx.profiles), {
    warnings: [...selectionWarnings(spec), ...findReleaseOverlapWarnings(obj, ctx)],
    fieldErrors: [],
  });
}

/**
 * Validates an update. An object being deleted, or one whose spec did not change, is accepted
 * as stored (so finalizers can always be removed and labels edited on objects that predate a
 * rule); otherwise the new object is validated as on create.
 */
export function validateProfileUpdate(
  old: unknown,
  obj: unknown,
  ctx: ValidationContext = {},
): ValidationResult {
  if (isRecord(obj) && isRecord(obj.metadata) && obj.metadata.deletionTimestamp)
    return emptyResult();
  if (isRecord(old) && isRecord(obj) && jsonEqual(old.spec, obj.spec)) {
    return { warnings: [], fieldErrors: validateHeader(obj) };
  }
  return validateProfileCreate(obj, ctx);
}

/** Deletion is always allowed; it warns when other stored profiles depend on this one. */
export function validateProfileDelete(obj: unknown, ctx: ValidationContext = {}): ValidationResult {
  const scope = readProfileScope(obj);
  const dependents = (ctx.profiles ?? [])
    .filter((p) => sameNamespaceKind(readProfileScope(p), scope))
    .filter(
      (p) =>
        isRecord(p.spec) &&
        Array.isArray(p.spec.dependsOn) &&
        p.spec.dependsOn.includes(scope.name),
    )
    .map((p) => readProfileScope(p).name);
  return {
    warnings: dependents.map(
      (name) =>
        `${scope.kind} "${name}" depends on this profile: its add-ons stay blocked until the dependency is removed`,
    ),
    fieldErrors: [],
  };
}

function sameNamespaceKind(a: ProfileScope, b: ProfileScope): boolean {
  return a.kind === b.kind && a.namespace === b.namespace;
}

function validateHeader(obj: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!PROFILE_KINDS.includes(obj.kind as string)) {
    problems.push(problem('kind', obj.kind, 'must be ClusterProfile or Profile'));
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== PROFILE_API_VERSION) {
    problems.push(problem('apiVersion', obj.apiVersion, `must be ${PROFILE_API_VERSION}`));
  }
  const meta = obj.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '') {
    if (!isRecord(meta) || meta.generateName === undefined) {
      problems.push(problem('metadata.name', undefined, 'required value'));
    }
  }
  return problems;
}

function validateSpec(spec: Record<string, unknown>, scope: ProfileScope): ValidationResult {
  const warnings: string[] = [];
  const fieldErrors = [
    ...validateClusterSelection(spec, scope),
    ...validateSpecFields(spec),
    ...validateHelmCharts(spec.helmCharts, scope, warnings),
    ...validateReferences(spec, scope),
  ];
  return { warnings, fieldErrors };
}

function selectionWarnings(spec: Record<string, unknown>): string[] {
  const selects = ['clusterSelector', 'clusterRefs', 'setRefs'].some((key) =>
    hasContent(spec[key]),
  );
  if (selects) return [];
  return ['spec: no clusterSelector, clusterRefs or setRefs: this profile selects no cluster'];
}

function hasContent(value: unknown, depth = 0): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value) && depth < 2)
    return Object.values(value).some((v) => hasContent(v, depth + 1));
  return typeof value === 'string' && value !== '';
}
