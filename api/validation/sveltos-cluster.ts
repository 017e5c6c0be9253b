// Validation of SveltosCluster objects for create, update and delete: kubeconfig reference,
// token renewal, active window, health checks, and `spec.pullMode` (immutable once created:
// a cluster cannot switch between push and pull). Pure; tests in sveltos-cluster.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { SVELTOS_CLUSTER } from '../gvk.js';
import {
  checkDuration,
  checkIntegerRange,
  checkNamespaceName,
  checkObjectName,
  checkOptionalBoolean,
  checkRequiredString,
  isRecord,
  isUnset,
  problem,
  readList,
  readRecord,
} from './field-checks.js';
import type { ValidationResult } from './result.js';
import { emptyResult } from './result.js';

const SVELTOS_CLUSTER_API_VERSION = SVELTOS_CLUSTER.apiVersion;
const SVELTOS_CLUSTER_KIND = SVELTOS_CLUSTER.kind;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const CRON_FIELD = /^[\d*,/\-A-Za-z?LW#]+$/;
const INT32_MAX = 2_147_483_647;

/** Validates a SveltosCluster about to be created. Never throws. */
export function validateSveltosClusterCreate(obj: unknown): ValidationResult {
  if (!isRecord(obj)) return { warnings: [], fieldErrors: [problem('', obj, 'must be an object')] };
  const header = validateHeader(obj);
  const spec = obj.spec ?? {};
  if (!isRecord(spec)) {
    return { warnings: [], fieldErrors: [...header, problem('spec', spec, 'must be an object')] };
  }
  return { warnings: clusterWarnings(spec), fieldErrors: [...header, ...validateSpec(spec)] };
}

/**
 * Validates an update: `spec.pullMode` may not change; the rest is validated as on create
 * unless the object is being deleted (finalizers must always be removable).
 */
export function validateSveltosClusterUpdate(old: unknown, obj: unknown): ValidationResult {
  if (isRecord(obj) && isRecord(obj.metadata) && obj.metadata.deletionTimestamp)
    return emptyResult();
  const result = validateSveltosClusterCreate(obj);
  const before = readPullMode(old);
  const after = readPullMode(obj);
  if (before !== after) {
    result.fieldErrors.push(
      problem(
        'spec.pullMode',
        after,
        'field is immutable: a cluster cannot switch between push and pull mode; deregister and register it again',
      ),
    );
  }
  return result;
}

/** Deleting a cluster is always allowed. */
export function validateSveltosClusterDelete(_obj: unknown): ValidationResult {
  return emptyResult();
}

/** `spec.pullMode` as a boolean (absent means push mode). */
export function readPullMode(obj: unknown): boolean {
  return isRecord(obj) && isRecord(obj.spec) && obj.spec.pullMode === true;
}

function validateHeader(obj: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (obj.kind !== SVELTOS_CLUSTER_KIND) {
    problems.push(problem('kind', obj.kind, `must be ${SVELTOS_CLUSTER_KIND}`));
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== SVELTOS_CLUSTER_API_VERSION) {
    problems.push(problem('apiVersion', obj.apiVersion, `must be ${SVELTOS_CLUSTER_API_VERSION}`));
  }
  return problems;
}

function validateSpec(spec: Record<string, unknown>): FieldProblem[] {
  return [
    ...validateOptionalName(spec.kubeconfigName, 'spec.kubeconfigName'),
    ...validateSecretKey(spec.kubeconfigKeyName, 'spec.kubeconfigKeyName'),
    ...checkOptionalBoolean(spec.paused, 'spec.paused'),
    ...checkOptionalBoolean(spec.pullMode, 'spec.pullMode'),
    ...checkIntegerRange(spec.consecutiveFailureThreshold, 'spec.consecutiveFailureThreshold', {
      min: 1,
      max: INT32_MAX,
    }),
    ...validateTokenRenewal(spec.tokenRequestRenewalOption, 'spec.tokenRequestRenewalOption'),
    ...validateActiveWindow(spec.activeWindow, 'spec.activeWindow'),
    ...validateChecks(spec.readinessChecks, 'spec.readinessChecks'),
    ...validateChecks(spec.livenessChecks, 'spec.livenessChecks'),
  ];
}

function validateOptionalName(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || value === '') return [];
  return checkObjectName(value, path);
}

function validateSecretKey(value: unknown, path: string): FieldProblem[] {
  if (isUnset(value) || value === '') return [];
  if (typeof value === 'string' && value.length <= 253 && SECRET_KEY.test(value)) return [];
  return [
    problem(
      path,
      value,
      "a valid Secret key must consist of alphanumeric characters, '-', '_' or '.'",
    ),
  ];
}

function validateTokenRenewal(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const option = readRecord(value, path, problems);
  if (option === undefined) return problems;
  const interval = `${path}.renewTokenRequestInterval`;
  problems.push(
    ...checkRequiredString(option.renewTokenRequestInterval, interval),
    ...checkDuration(option.renewTokenRequestInterval, interval),
    ...checkDuration(option.tokenDuration, `${path}.tokenDuration`),
    ...validateOptionalName(option.saName, `${path}.saName`),
    ...checkNamespaceName(option.saNamespace, `${path}.saNamespace`),
    ...validateSecretKey(option.kubeconfigKeyName, `${path}.kubeconfigKeyName`),
  );
  return problems;
}

function validateActiveWindow(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const window = readRecord(value, path, problems);
  if (window === undefined) return problems;
  return [...validateCron(window.from, `${path}.from`), ...validateCron(window.to, `${path}.to`)];
}

/** A standard 5-field cron expression or a descriptor such as `@daily`. */
function validateCron(value: unknown, path: string): FieldProblem[] {
  const missing = checkRequiredString(value, path);
  if (missing.length > 0) return missing;
  const text = (value as string).trim();
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly|every \S+)$/.test(text)) return [];
  const fields = text.split(/\s+/);
  if (fields.length === 5 && fields.every((f) => CRON_FIELD.test(f))) return [];
  return [problem(path, value, 'not a valid cron expression (5 fields, e.g. "0 20 * * 1-5")')];
}

function validateChecks(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<unknown>();
  readList(value, path, problems).forEach((check, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(check)) {
      problems.push(problem(at, check, 'must be an object'));
      return;
    }
    problems.push(
      ...checkRequiredString(check.name, `${at}.name`),
      ...checkRequiredString(check.condition, `${at}.condition`),
    );
    if (seen.has(check.name)) problems.push(problem(`${at}.name`, check.name, 'duplicate value'));
    seen.add(check.name);
  });
  return problems;
}

function clusterWarnings(spec: Record<string, unknown>): string[] {
  if (spec.pullMode !== true) return [];
  const ignored = ['kubeconfigName', 'kubeconfigKeyName', 'tokenRequestRenewalOption'].filter(
    (key) => !isUnset(spec[key]),
  );
  return ignored.map(
    (key) =>
      `spec.${key}: ignored in pull mode (the cluster's agent connects to the management cluster)`,
  );
}
