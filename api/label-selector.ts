// Label selectors in both of Kubernetes' forms: the string form of `?labelSelector=` and
// `kubectl -l` (`env=prod,tier in (a,b),!legacy`) and the structured `LabelSelector` of specs
// (`matchLabels` + `matchExpressions`). Both compile to one `Requirement[]` that `matches` tests.
// Pure; tests in label-selector.test.ts.
import type { FieldProblem } from './field-problem.js';
import { isQualifiedName, isValidLabelValue } from './k8s-names.js';

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values?: string[];
}

/** metav1.LabelSelector. An empty selector matches everything; a missing one, nothing. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type RequirementOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

/** One compiled requirement; a selector matches when all of its requirements do. */
export interface Requirement {
  key: string;
  operator: RequirementOperator;
  values: string[];
}

/** A selector string that does not parse; the message names the offending part. */
export class SelectorParseError extends Error {
  override readonly name = 'SelectorParseError';
}

const OPERATOR_TOKENS = ['!=', '==', '=', '>', '<'] as const;

/** Parses `?labelSelector=` syntax. Throws SelectorParseError with kube-style messages. */
export function parseSelectorString(selector: string): Requirement[] {
  const requirements: Requirement[] = [];
  for (const clause of splitClauses(selector)) {
    const requirement = parseClause(clause);
    validateRequirement(requirement);
    requirements.push(requirement);
  }
  return requirements;
}

/** Splits on commas outside parentheses, dropping empty clauses from surrounding spaces. */
function splitClauses(selector: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      clauses.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0)
    throw new SelectorParseError(
      `unable to parse requirement: unbalanced parentheses in "${selector}"`,
    );
  clauses.push(current.trim());
  if (selector.trim() === '') return [];
  for (const clause of clauses) {
    if (clause === '')
      throw new SelectorParseError(`found ',', expected: identifier in "${selector}"`);
  }
  return clauses;
}

function parseClause(clause: string): Requirement {
  if (clause.startsWith('!')) return { key: clause.slice(1).trim(), operator: '!', values: [] };
  const requirement = parseSetClause(clause) ?? parseOperatorClause(clause);
  if (requirement) return requirement;
  if (/^\S+$/.test(clause)) return { key: clause, operator: 'exists', values: [] };
  throw new SelectorParseError(`unable to parse requirement: "${clause}"`);
}

function parseSetClause(clause: string): Requirement | undefined {
  const setMatch = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(clause);
  if (!setMatch) return undefined;
  const values = (setMatch[3] ?? '').split(',').map((v) => v.trim());
  const nonEmpty = values.length === 1 && values[0] === '' ? [] : values;
  return { key: setMatch[1] ?? '', operator: setMatch[2] as 'in' | 'notin', values: nonEmpty };
}

const TOKEN_OPERATORS: Record<(typeof OPERATOR_TOKENS)[number], RequirementOperator> = {
  '!=': '!=',
  '==': '==',
  '=': '=',
  '>': 'gt',
  '<': 'lt',
};

function parseOperatorClause(clause: string): Requirement | undefined {
  for (const token of OPERATOR_TOKENS) {
    const at = clause.indexOf(token);
    if (at > 0) {
      const value = clause.slice(at + token.length).trim();
      return { key: clause.slice(0, at).trim(), operator: TOKEN_OPERATORS[token], values: [value] };
    }
  }
  return undefined;
}

function validateRequirement(req: Requirement): void {
  const keyErrors = isQualifiedName(req.key);
  if (keyErrors.length > 0) {
    throw new SelectorParseError(
      `unable to parse requirement: key: Invalid value: "${req.key}": ${keyErrors.join('; ')}`,
    );
  }
  const isSet = req.operator === 'in' || req.operator === 'notin';
  if (isSet && req.values.length === 0) {
    throw new SelectorParseError("for 'in', 'notin' operators, values set can't be empty");
  }
  if (req.operator === 'gt' || req.operator === 'lt') {
    if (!/^-?\d+$/.test(req.values[0] ?? '')) {
      throw new SelectorParseError(`for 'Gt', 'Lt' operators, the value must be an integer`);
    }
    return;
  }
  validateRequirementValues(req);
}

function validateRequirementValues(req: Requirement): void {
  for (const value of req.values) {
    const valueErrors = isValidLabelValue(value);
    if (valueErrors.length > 0) {
      throw new SelectorParseError(
        `unable to parse requirement: values[0][${req.key}]: Invalid value: "${value}": ${valueErrors.join('; ')}`,
      );
    }
  }
}

/** Compiles a structured selector; call validateLabelSelector first for field-level messages. */
export function labelSelectorToRequirements(selector: LabelSelector): Requirement[] {
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]) => ({ key, operator: '=', values: [value] }),
  );
  for (const expr of selector.matchExpressions ?? []) {
    requirements.push({
      key: expr.key,
      operator: toRequirementOperator(expr.operator),
      values: expr.values ?? [],
    });
  }
  return requirements;
}

function toRequirementOperator(op: LabelSelectorOperator): RequirementOperator {
  switch (op) {
    case 'In':
      return 'in';
    case 'NotIn':
      return 'notin';
    case 'Exists':
      return 'exists';
    case 'DoesNotExist':
      return '!';
  }
}

/** True when the labels satisfy every requirement (an empty list matches everything). */
export function matchesRequirements(
  labels: Readonly<Record<string, string>> | undefined,
  requirements: readonly Requirement[],
): boolean {
  return requirements.every((req) => matchesRequirement(labels ?? {}, req));
}

function matchesRequirement(labels: Readonly<Record<string, string>>, req: Requirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return has && req.values.includes(value ?? '');
    case 'notin':
    case '!=':
      return !has || !req.values.includes(value ?? '');
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt':
      return has && compareInteger(value ?? '', req.operator, Number(req.values[0]));
  }
}

function compareInteger(value: string, operator: 'gt' | 'lt', bound: number): boolean {
  if (!/^-?\d+$/.test(value)) return false;
  return operator === 'gt' ? Number(value) > bound : Number(value) < bound;
}

/** Matches a structured selector; `undefined` selects nothing, `{}` selects everything. */
export function matchesLabelSelector(
  labels: Readonly<Record<string, string>> | undefined,
  selector: LabelSelector | undefined,
): boolean {
  if (!selector) return false;
  return matchesRequirements(labels, labelSelectorToRequirements(selector));
}

const SET_OPERATORS: readonly string[] = ['In', 'NotIn'];
const EXISTENCE_OPERATORS: readonly string[] = ['Exists', 'DoesNotExist'];

/** Field-level checks of a structured selector, as metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(selector: unknown, path: string): FieldProblem[] {
  if (selector === undefined || selector === null) return [];
  if (typeof selector !== 'object' || Array.isArray(selector)) {
    return [
      {
        path,
        value: selector,
        reason: 'must be an object with matchLabels and/or matchExpressions',
      },
    ];
  }
  const sel = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  return [
    ...validateMatchLabels(sel.matchLabels, `${path}.matchLabels`),
    ...validateMatchExpressions(sel.matchExpressions, `${path}.matchExpressions`),
  ];
}

function validateMatchLabels(matchLabels: unknown, path: string): FieldProblem[] {
  if (matchLabels === undefined || matchLabels === null) return [];
  if (typeof matchLabels !== 'object' || Array.isArray(matchLabels)) {
    return [{ path, value: matchLabels, reason: 'must be a map of label keys to values' }];
  }
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(matchLabels as Record<string, unknown>)) {
    for (const reason of isQualifiedName(key)) problems.push({ path, value: key, reason });
    if (typeof value !== 'string') {
      problems.push({ path: `${path}.${key}`, value, reason: 'must be a string' });
      continue;
    }
    for (const reason of isValidLabelValue(value))
      problems.push({ path: `${path}.${key}`, value, reason });
  }
  return problems;
}

function validateMatchExpressions(exprs: unknown, path: string): FieldProblem[] {
  if (exprs === undefined || exprs === null) return [];
  if (!Array.isArray(exprs)) return [{ path, value: exprs, reason: 'must be a list' }];
  return exprs.flatMap((expr, i) => validateExpression(expr, `${path}[${i}]`));
}

function validateExpression(expr: unknown, path: string): FieldProblem[] {
  if (typeof expr !== 'object' || expr === null) {
    return [{ path, value: expr, reason: 'must be an object' }];
  }
  const { key, operator, values } = expr as { key?: unknown; operator?: unknown; values?: unknown };
  return [
    ...validateExpressionKey(key, `${path}.key`),
    ...validateExpressionOperator(operator, values, path),
    ...validateExpressionValues(values, `${path}.values`),
  ];
}

function validateExpressionKey(key: unknown, path: string): FieldProblem[] {
  if (typeof key !== 'string') return [{ path, value: key, reason: 'required' }];
  return isQualifiedName(key).map((reason) => ({ path, value: key, reason }));
}

function validateExpressionOperator(
  operator: unknown,
  values: unknown,
  path: string,
): FieldProblem[] {
  const count = Array.isArray(values) ? values.length : 0;
  const op = typeof operator === 'string' ? operator : '';
  if (SET_OPERATORS.includes(op)) {
    if (count > 0) return [];
    const reason = "must be specified when `operator` is 'In' or 'NotIn'";
    return [{ path: `${path}.values`, value: values, reason }];
  }
  if (EXISTENCE_OPERATORS.includes(op)) {
    if (count === 0) return [];
    const reason = "may not be specified when `operator` is 'Exists' or 'DoesNotExist'";
    return [{ path: `${path}.values`, value: values, reason }];
  }
  return [{ path: `${path}.operator`, value: operator, reason: 'not a valid selector operator' }];
}

function validateExpressionValues(values: unknown, path: string): FieldProblem[] {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) return [{ path, value: values, reason: 'must be a list of strings' }];
  return values.flatMap((v, j) => {
    const errs = typeof v === 'string' ? isValidLabelValue(v) : ['must be a string'];
    return errs.map((reason) => ({ path: `${path}[${j}]`, value: v as unknown, reason }));
  });
}

/** The string form of a structured selector, as `metav1.FormatLabelSelector` prints it. */
export function formatRequirements(requirements: readonly Requirement[]): string {
  return requirements.map(formatRequirement).join(',');
}

function formatRequirement(req: Requirement): string {
  switch (req.operator) {
    case 'in':
    case 'notin':
      return `${req.key} ${req.operator} (${req.values.join(',')})`;
    case 'exists':
      return req.key;
    case '!':
      return `!${req.key}`;
    case 'gt':
      return `${req.key}>${req.values[0] ?? ''}`;
    case 'lt':
      return `${req.key}<${req.values[0] ?? ''}`;
    default:
      return `${req.key}${req.operator}${req.values[0] ?? ''}`;
  }
}
