// kube-openapi's validators for compound values: arrays (items, minItems, maxItems,
// uniqueItems), objects (min/maxProperties, additionalProperties, properties, required) and the
// schema combinators allOf/anyOf/oneOf/not. Recursion goes through SchemaRun.validate. Pure.
import type { JSONSchemaProps } from '../types.js';
import { goJson, goQuote } from './go-values.js';
import type { SchemaRun } from './openapi-run.js';

function tooMany(run: SchemaRun, path: string, actual: number, max: number): void {
  const unit = max === 1 ? 'item' : 'items';
  run.errors.push({
    type: 'FieldValueTooMany',
    field: run.field(path),
    badValue: actual,
    detail: `must have at most ${max} ${unit}`,
  });
}

function hasDuplicates(items: unknown[]): boolean {
  const seen = new Set(items.map((x) => goJson(x)));
  return seen.size !== items.length;
}

/** schemaSliceValidator: items first, then minItems, maxItems and uniqueItems. */
export function validateArray(
  run: SchemaRun,
  v: unknown[],
  s: JSONSchemaProps,
  path: string,
): void {
  if (s.items) {
    const items = s.items;
    v.forEach((item, i) => run.validate(item, items, `${path}[${i}]`));
  }
  if (s.minItems !== undefined && v.length < s.minItems) {
    run.addInvalid(path, v.length, `${path} in body should have at least ${s.minItems} items`);
  }
  if (s.maxItems !== undefined && v.length > s.maxItems) tooMany(run, path, v.length, s.maxItems);
  if (s.uniqueItems && hasDuplicates(v)) {
    run.addInvalid(path, '', `${path} in body shouldn't contain duplicates`);
  }
}

function checkPropertyCount(run: SchemaRun, count: number, s: JSONSchemaProps, path: string): void {
  if (s.minProperties !== undefined && count < s.minProperties) {
    run.addInvalid(
      path,
      count,
      `${path} in body should have at least ${s.minProperties} properties`,
    );
  }
  if (s.maxProperties !== undefined && count > s.maxProperties) {
    tooMany(run, path, count, s.maxProperties);
  }
}

function checkAdditional(
  run: SchemaRun,
  v: Record<string, unknown>,
  s: JSONSchemaProps,
  path: string,
): void {
  const ap = s.additionalProperties;
  if (ap === undefined || ap === true) return;
  const extra = Object.keys(v).filter((k) => !s.properties || !Object.hasOwn(s.properties, k));
  for (const k of extra) {
    if (ap === false) run.addInvalid(path, k, `${path}.${k} in body is a forbidden property`);
    else run.validate(v[k], ap, `${path}.${k}`);
  }
}

/** objectValidator: property counts, additionalProperties, properties, then required. */
export function validateObject(
  run: SchemaRun,
  v: Record<string, unknown>,
  s: JSONSchemaProps,
  path: string,
): void {
  checkPropertyCount(run, Object.keys(v).length, s, path);
  checkAdditional(run, v, s, path);
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    if (Object.hasOwn(v, name)) run.validate(v[name], prop, path ? `${path}.${name}` : name);
  }
  for (const name of s.required ?? []) {
    if (!Object.hasOwn(v, name)) {
      run.errors.push({
        type: 'FieldValueRequired',
        field: run.field(`${path}.${name}`),
        detail: '',
      });
    }
  }
}

interface Branch {
  run: SchemaRun;
  valid: boolean;
}

function runBranches(
  run: SchemaRun,
  v: unknown,
  schemas: JSONSchemaProps[],
  path: string,
): Branch[] {
  return schemas.map((schema) => {
    const sub = run.fork();
    sub.validate(v, schema, path);
    return { run: sub, valid: sub.errors.length === 0 };
  });
}

/** The failing branch reported in detail (kube picks the best match; we take the fewest errors). */
function bestFailure(branches: Branch[]): Branch | undefined {
  return branches.reduce<Branch | undefined>(
    (best, b) => (!best || b.run.errors.length < best.run.errors.length ? b : best),
    undefined,
  );
}

function checkAnyOf(run: SchemaRun, v: unknown, s: JSONSchemaProps, path: string): void {
  if (!s.anyOf?.length) return;
  const branches = runBranches(run, v, s.anyOf, path);
  if (branches.some((b) => b.valid)) return;
  run.addPlain(`${goQuote(path)} must validate at least one schema (anyOf)`);
  run.errors.push(...(bestFailure(branches)?.run.errors ?? []));
}

function checkOneOf(run: SchemaRun, v: unknown, s: JSONSchemaProps, path: string): void {
  if (!s.oneOf?.length) return;
  const branches = runBranches(run, v, s.oneOf, path);
  const valid = branches.filter((b) => b.valid).length;
  if (valid === 1) return;
  const found = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
  run.addPlain(`${goQuote(path)} must validate one and only one schema (oneOf). ${found}`);
  if (valid === 0) run.errors.push(...(bestFailure(branches)?.run.errors ?? []));
}

function checkAllOf(run: SchemaRun, v: unknown, s: JSONSchemaProps, path: string): void {
  if (!s.allOf?.length) return;
  const branches = runBranches(run, v, s.allOf, path);
  for (const b of branches) run.errors.push(...b.run.errors);
  const valid = branches.filter((b) => b.valid).length;
  if (valid === branches.length) return;
  const none = valid === 0 ? '. None validated' : '';
  run.addPlain(`${goQuote(path)} must validate all the schemas (allOf)${none}`);
}

/** schemaPropsValidator: anyOf, oneOf, allOf, then not. */
export function validateSchemaProps(
  run: SchemaRun,
  v: unknown,
  s: JSONSchemaProps,
  path: string,
): void {
  checkAnyOf(run, v, s, path);
  checkOneOf(run, v, s, path);
  checkAllOf(run, v, s, path);
  if (s.not) {
    const sub = run.fork();
    sub.validate(v, s.not, path);
    if (sub.errors.length === 0)
      run.addPlain(`${goQuote(path)} must not validate the schema (not)`);
  }
}
