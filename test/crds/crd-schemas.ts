// Test support for the CRD suites: loads the shipped CRDs from manifests/crds and YAML fixtures,
// and validates objects against a CRD's openAPIV3Schema with ajv, reporting problems with
// kubectl-style field paths. `closed` validation also rejects fields the schema does not
// declare, i.e. fields a real API server would prune.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadAll } from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FieldProblem } from '../../api/field-problem.js';
import type { CustomResourceDefinition } from '../../api/schemas/build-crd.js';
import type { Schema } from '../../api/schemas/schema.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CRD_DIR = join(ROOT, 'manifests', 'crds');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** Every CRD file in manifests/crds, parsed, by file name. */
export function loadCrdFiles(): Map<string, unknown[]> {
  const files = readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml'));
  return new Map(files.map((f) => [f, loadAll(readFileSync(join(CRD_DIR, f), 'utf8'))]));
}

let crdsByKind: Map<string, CustomResourceDefinition> | undefined;

/** The shipped CRDs by kind (read once per test file; treat as read-only). */
export function loadCrdsByKind(): Map<string, CustomResourceDefinition> {
  if (crdsByKind) return crdsByKind;
  crdsByKind = new Map();
  for (const docs of loadCrdFiles().values()) {
    const crd = docs[0] as CustomResourceDefinition;
    crdsByKind.set(crd.spec.names.kind, crd);
  }
  return crdsByKind;
}

/** The v1beta1 openAPIV3Schema of a kind as shipped. */
export function shippedSchema(kind: string): Schema {
  const crd = loadCrdsByKind().get(kind);
  if (!crd) throw new Error(`No CRD for kind ${kind} in ${CRD_DIR}`);
  const version = crd.spec.versions.find((v) => v.name === 'v1beta1');
  if (!version) throw new Error(`CRD ${crd.metadata.name} does not serve v1beta1`);
  return version.schema.openAPIV3Schema;
}

/** One object of a fixture file. */
export interface Fixture {
  file: string;
  index: number;
  object: Record<string, unknown>;
}

/** Every YAML document in `dir` (relative to test/fixtures), as fresh objects. */
export function loadFixtures(dir: string): Fixture[] {
  const full = join(FIXTURES, dir);
  return readdirSync(full)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      loadAll(readFileSync(join(full, file), 'utf8'))
        .filter((doc) => doc !== null && doc !== undefined)
        .map((doc, index) => ({ file: `${dir}/${file}`, index, object: doc as Fixture['object'] })),
    );
}

/** Adds `additionalProperties: false` wherever the schema lists properties: pruning made strict. */
export function closeSchema(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => [name, closeSchema(child)]),
    );
    if (!schema['x-kubernetes-preserve-unknown-fields']) {
      (out as Record<string, unknown>).additionalProperties = false;
    }
  }
  if (schema.items) out.items = closeSchema(schema.items);
  if (schema.additionalProperties)
    out.additionalProperties = closeSchema(schema.additionalProperties);
  return out;
}

const K8S_KEYWORDS = [
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-map-type',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
];

/** An ajv instance in strict mode that knows the x-kubernetes-* annotations and k8s formats. */
export function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormatsModule.default(ajv);
  for (const keyword of K8S_KEYWORDS) ajv.addKeyword({ keyword });
  return ajv;
}

const shippedValidators = new Map<string, ValidateFunction>();

/** The compiled validator of a shipped kind's schema, compiled once per test file. */
export function shippedValidator(kind: string, closed = false): ValidateFunction {
  const key = `${kind}/${closed ? 'closed' : 'open'}`;
  let validate = shippedValidators.get(key);
  if (!validate) {
    validate = compile(shippedSchema(kind), closed);
    shippedValidators.set(key, validate);
  }
  return validate;
}

/** Compiles `schema`, closed (unknown fields rejected) or open (as the API server validates). */
export function compile(schema: Schema, closed = false): ValidateFunction {
  return newAjv().compile(closed ? closeSchema(schema) : schema);
}

/** `/spec/helmCharts/0/chartVersion` → `spec.helmCharts[0].chartVersion`. */
export function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (child !== undefined) parts.push(child);
  return parts
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => {
      if (/^\d+$/.test(part)) return `${path}[${part}]`;
      return path === '' ? part : `${path}.${part}`;
    }, '');
}

function toProblem(error: ErrorObject, object: unknown): FieldProblem {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    return {
      path: fieldPath(error.instancePath, missing),
      value: undefined,
      reason: 'Required value',
    };
  }
  if (error.keyword === 'additionalProperties') {
    const field = String(params.additionalProperty);
    return {
      path: fieldPath(error.instancePath, field),
      value: undefined,
      reason: 'field not declared in schema',
    };
  }
  const value = valueAt(object, error.instancePath);
  if (error.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
    return {
      path: fieldPath(error.instancePath),
      value,
      reason: `Unsupported value: supported values: ${allowed}`,
    };
  }
  return { path: fieldPath(error.instancePath), value, reason: error.message ?? error.keyword };
}

function valueAt(object: unknown, instancePath: string): unknown {
  let current = object;
  for (const part of instancePath.split('/').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return current;
}

/** Problems of `object` against `validate`; ajv's anyOf branch noise is dropped. */
export function problems(validate: ValidateFunction, object: unknown): FieldProblem[] {
  if (validate(object)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf')
    .map((e) => toProblem(e, object));
}

/**
 * Fields of `value` the schema does not declare, i.e. what kube-apiserver would prune, as
 * kubectl-style paths. Root `metadata` is ObjectMeta and never pruned by the schema.
 */
export function undeclaredFields(schema: Schema, value: unknown, path = ''): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.flatMap((v, i) => undeclaredFields(items, v, `${path}[${i}]`)) : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (path === '' && key === 'metadata') return [];
    const declared = schema.properties ? schema.properties[key] : schema.additionalProperties;
    return declared ? undeclaredFields(declared, child, childPath) : [childPath];
  });
}
