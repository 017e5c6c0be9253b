// Checks of the scalar and small structured fields of a profile spec: syncMode,
// stopMatchingBehavior, tier, maxUpdate, booleans, extraLabels/extraAnnotations, validateHealths
// and patches. Pure; tests in spec-fields.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { isQualifiedName, isValidLabelValue } from '../k8s-names.js';
import {
  checkEnum,
  checkIntegerRange,
  checkOptionalBoolean,
  checkRequiredString,
  isRecord,
  isUnset,
  problem,
  readList,
  readRecord,
} from './field-checks.js';

export const SYNC_MODES = [
  'OneTime',
  'Continuous',
  'ContinuousWithDriftDetection',
  'DryRun',
] as const;
export const STOP_MATCHING_BEHAVIORS = ['WithdrawPolicies', 'LeavePolicies'] as const;
export const FEATURE_IDS = ['Resources', 'Helm', 'Kustomize'] as const;
const INT32_MAX = 2_147_483_647;
const BOOLEAN_FIELDS = ['continueOnConflict', 'continueOnError', 'reloader'] as const;

/** Validates the scalar fields and small maps of a profile spec. */
export function validateSpecFields(spec: Record<string, unknown>): FieldProblem[] {
  return [
    ...checkEnum(spec.syncMode, 'spec.syncMode', SYNC_MODES),
    ...checkEnum(spec.stopMatchingBehavior, 'spec.stopMatchingBehavior', STOP_MATCHING_BEHAVIORS),
    ...checkIntegerRange(spec.tier, 'spec.tier', { min: 1, max: INT32_MAX }),
    ...checkIntegerRange(spec.maxConsecutiveFailures, 'spec.maxConsecutiveFailures', {
      min: 1,
      max: INT32_MAX,
    }),
    ...validateMaxUpdate(spec.maxUpdate, 'spec.maxUpdate'),
    ...BOOLEAN_FIELDS.flatMap((f) => checkOptionalBoolean(spec[f], `spec.${f}`)),
    ...validateLabelMap(spec.extraLabels, 'spec.extraLabels', true),
    ...validateLabelMap(spec.extraAnnotations, 'spec.extraAnnotations', false),
    ...validateHealthChecks(spec.validateHealths),
    ...validatePatches(spec.patches),
  ];
}

const PERCENT = /^(\d{1,3})%$/;

/**
 * maxUpdate is an integer ≥ 1 or a percentage from 1% to 100% (how many matching clusters are
 * updated at once); 0 would stall every update, so it is refused.
 */
export function validateMaxUpdate(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || isValidMaxUpdate(value)) return [];
  return [problem(path, value, 'must be a positive integer or a percentage from 1% to 100%')];
}

function isValidMaxUpdate(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= INT32_MAX;
  if (typeof value !== 'string') return false;
  const percent = PERCENT.exec(value);
  if (percent) return Number(percent[1]) >= 1 && Number(percent[1]) <= 100;
  return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= INT32_MAX;
}

function validateLabelMap(value: unknown, path: string, checkValues: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const map = readRecord(value, path, problems);
  for (const [key, entry] of Object.entries(map ?? {})) {
    problems.push(...isQualifiedName(key).map((reason) => problem(path, key, reason)));
    if (typeof entry !== 'string') {
      problems.push(problem(`${path}.${key}`, entry, 'must be a string'));
      continue;
    }
    if (!checkValues) continue;
    problems.push(...isValidLabelValue(entry).map((r) => problem(`${path}.${key}`, entry, r)));
  }
  return problems;
}

function validateHealthChecks(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<unknown>();
  readList(value, 'spec.validateHealths', problems).forEach((check, i) => {
    const path = `spec.validateHealths[${i}]`;
    if (!isRecord(check)) {
      problems.push(problem(path, check, 'must be an object'));
      return;
    }
    problems.push(
      ...checkRequiredString(check.name, `${path}.name`),
      ...checkRequiredString(check.featureID, `${path}.featureID`),
      ...checkEnum(check.featureID, `${path}.featureID`, FEATURE_IDS),
      ...checkRequiredString(check.kind, `${path}.kind`),
    );
    if (seen.has(check.name)) problems.push(problem(`${path}.name`, check.name, 'duplicate value'));
    seen.add(check.name);
  });
  return problems;
}

function validatePatches(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  readList(value, 'spec.patches', problems).forEach((patch, i) => {
    const path = `spec.patches[${i}]`;
    if (!isRecord(patch)) problems.push(problem(path, patch, 'must be an object'));
    else problems.push(...checkRequiredString(patch.patch, `${path}.patch`));
  });
  return problems;
}
