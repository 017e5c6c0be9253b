// Evaluates x-kubernetes-validations rules over an object like apiextensions' cel.Validator:
// every schema node with rules is checked against its value (`self`) and, for transition rules,
// the correlated old value (`oldSelf`: same map key, or same list-map keys). Rules this subset
// cannot parse or run are skipped. Produces FieldErrors worded as kube-apiserver's.
import type { FieldError, JSONSchemaProps } from '../../types.js';
import { duplicate, forbidden, invalid, required } from '../field-errors.js';
import { childPath } from '../paths.js';
import { CelError, evaluate } from './evaluate.js';
import { CelUnsupportedError, parseCel, usesOldSelf } from './parse.js';
import { celEquals, isMap } from './functions.js';

/** A validation rule as CRDs carry it (types.ts lists only rule/message/messageExpression). */
interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

const noOld = Symbol('no old value');

interface Node {
  schema: JSONSchemaProps;
  value: unknown;
  old: unknown;
  path: string;
}

function ruleText(r: ValidationRule): string {
  return r.message ? r.message.trim() : r.rule.trim();
}

function detailOf(r: ValidationRule, scope: Map<string, unknown>): string {
  if (r.messageExpression) {
    try {
      const msg = evaluate(parseCel(r.messageExpression), scope);
      if (typeof msg === 'string' && msg.trim() !== '') return msg;
    } catch {
      // kube falls back to the static message when messageExpression fails
    }
  }
  return r.message ? r.message.trim() : `failed rule: ${ruleText(r)}`;
}

function failure(n: Node, r: ValidationRule, detail: string): FieldError {
  const path = r.fieldPath ? childPath(n.path, r.fieldPath.replace(/^\./, '')) : n.path;
  const compound = Array.isArray(n.value) || isMap(n.value);
  const value = compound ? undefined : n.value;
  if (r.reason === 'FieldValueForbidden') return forbidden(path, detail);
  if (r.reason === 'FieldValueRequired') return required(path, detail);
  if (r.reason === 'FieldValueDuplicate') return duplicate(path, value);
  return { ...invalid(path, value, detail), badValue: value };
}

/** Evaluates the rule; true = passed or skipped, else the error (CelError) or false. */
function runRule(rule: string, scope: Map<string, unknown>): true | false | CelError {
  try {
    return evaluate(parseCel(rule), scope) === true;
  } catch (e) {
    if (e instanceof CelUnsupportedError) return true;
    if (e instanceof CelError) return e;
    throw e;
  }
}

function checkRule(n: Node, r: ValidationRule): FieldError | undefined {
  const transition = usesOldSelf(r.rule);
  if (transition && n.old === noOld && !r.optionalOldSelf) return undefined;
  const scope = new Map<string, unknown>([['self', n.value]]);
  if (transition) scope.set('oldSelf', n.old === noOld ? null : n.old);
  const outcome = runRule(r.rule, scope);
  if (outcome === true) return undefined;
  if (outcome instanceof CelError) {
    return invalid(
      n.path,
      n.schema.type ?? '',
      `${outcome.message} evaluating rule: ${ruleText(r)}`,
    );
  }
  return failure(n, r, detailOf(r, scope));
}

function rulesOf(s: JSONSchemaProps): ValidationRule[] {
  const rules: ValidationRule[] = s['x-kubernetes-validations'] ?? [];
  return rules;
}

function correlatedItem(s: JSONSchemaProps, oldList: unknown, item: unknown): unknown {
  const keys = s['x-kubernetes-list-map-keys'];
  if (s['x-kubernetes-list-type'] !== 'map' || !keys || !Array.isArray(oldList) || !isMap(item)) {
    return noOld;
  }
  const list: unknown[] = oldList;
  const match = list.find((o) => isMap(o) && keys.every((k) => celEquals(o[k], item[k])));
  return match === undefined ? noOld : match;
}

function oldField(old: unknown, key: string): unknown {
  return isMap(old) && Object.hasOwn(old, key) ? old[key] : noOld;
}

function itemNodes(n: Node, list: unknown[], items: JSONSchemaProps): Node[] {
  return list.map((x, i) => ({
    schema: items,
    value: x,
    old: correlatedItem(n.schema, n.old, x),
    path: `${n.path}[${i}]`,
  }));
}

function fieldNodes(n: Node, obj: Record<string, unknown>): Node[] {
  const s = n.schema;
  const out: Node[] = [];
  const ap = s.additionalProperties;
  const props = s.properties ?? {};
  const node = (schema: JSONSchemaProps, k: string, path: string): Node => ({
    schema,
    value: obj[k],
    old: oldField(n.old, k),
    path,
  });
  if (ap && typeof ap === 'object') {
    for (const k of Object.keys(obj)) out.push(node(ap, k, `${n.path}[${k}]`));
  }
  for (const k of Object.keys(obj).filter((key) => Object.hasOwn(props, key))) {
    out.push(node(props[k], k, childPath(n.path, k)));
  }
  return out;
}

function children(n: Node): Node[] {
  if (Array.isArray(n.value)) return n.schema.items ? itemNodes(n, n.value, n.schema.items) : [];
  return isMap(n.value) ? fieldNodes(n, n.value) : [];
}

function walk(n: Node, errors: FieldError[]): void {
  if (n.value === null || n.value === undefined) return;
  for (const r of rulesOf(n.schema)) {
    const err = checkRule(n, r);
    if (err) errors.push(err);
  }
  for (const s of n.schema.allOf ?? []) walk({ ...n, schema: s }, errors);
  for (const child of children(n)) walk(child, errors);
}

/** True when any node of the schema carries x-kubernetes-validations. */
export function hasValidationRules(s: JSONSchemaProps | undefined): boolean {
  if (!s) return false;
  if (rulesOf(s).length > 0) return true;
  const ap = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  const subs = [s.items, ap, ...Object.values(s.properties ?? {}), ...(s.allOf ?? [])];
  return subs.some(hasValidationRules);
}

/**
 * Runs every x-kubernetes-validations rule of `schema` over `value`. `oldValue` (updates only)
 * enables transition rules such as `self == oldSelf`; without it they are skipped.
 */
export function validateCelRules(
  value: unknown,
  schema: JSONSchemaProps,
  path = '',
  oldValue?: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  walk({ schema, value, old: oldValue === undefined ? noOld : oldValue, path }, errors);
  return errors;
}
