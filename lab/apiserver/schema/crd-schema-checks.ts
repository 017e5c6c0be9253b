// The OpenAPI-schema checks apiextensions makes on each CRD schema node
// (ValidateCustomResourceDefinitionOpenAPISchema) and the validity of `default` values
// (defaulting.ValidateDefaults: pruned, and valid against their own schema). Pure.
import type { FieldError, JSONSchemaProps } from '../types.js';
import { validateCelRules } from './cel/rules.js';
import { forbidden, invalid, notSupported, required } from './field-errors.js';
import { validateOpenAPI } from './openapi-validate.js';
import { childPath, subscriptPath } from './paths.js';
import { pruneUnknownFields } from './prune.js';

const openapiTypes = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const metaFields = new Set(['apiVersion', 'kind', 'metadata']);
const unsupported: [string, string][] = [
  ['id', 'id is not supported'],
  ['additionalItems', 'additionalItems is not supported'],
  ['patternProperties', 'patternProperties is not supported'],
  ['definitions', 'definitions is not supported'],
  ['dependencies', 'dependencies is not supported'],
  ['$ref', '$ref is not supported'],
];

interface Walk {
  path: string;
  isRoot: boolean;
  insideMeta: boolean;
  /** Why defaults are forbidden here ('' = allowed). */
  noDefaults: string;
}

function prop(path: string, name: string): string {
  return subscriptPath(childPath(path, 'properties'), name);
}

type NodeCheck = (s: JSONSchemaProps, w: Walk, p: (k: string) => string) => FieldError[];

const nodeChecks: NodeCheck[] = [
  (s, _w, p) =>
    s.type && !openapiTypes.includes(s.type) ? [notSupported(p('type'), s.type, openapiTypes)] : [],
  (s, w, p) =>
    s.default !== undefined && w.noDefaults
      ? [forbidden(p('default'), `must not be set ${w.noDefaults}`)]
      : [],
  (s, _w, p) =>
    unsupported
      .filter(([key]) => s[key] !== undefined)
      .map(([key, detail]) => forbidden(p(key), detail)),
  (s, _w, p) =>
    s.type === 'null'
      ? [forbidden(p('type'), 'type cannot be set to null, use nullable as an alternative')]
      : [],
  (s, _w, p) =>
    Array.isArray(s.items)
      ? [forbidden(p('items'), 'items must be a schema object and not an array')]
      : [],
  (s, w, p) =>
    w.insideMeta && s['x-kubernetes-embedded-resource']
      ? [forbidden(p('x-kubernetes-embedded-resource'), 'must not be used inside of resource meta')]
      : [],
  (s, _w, p) =>
    s.uniqueItems
      ? [
          forbidden(
            p('uniqueItems'),
            'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
          ),
        ]
      : [],
  (s, _w, p) =>
    s.additionalProperties !== undefined &&
    s.additionalProperties !== true &&
    Object.keys(s.properties ?? {}).length > 0
      ? [
          forbidden(
            p('additionalProperties'),
            'additionalProperties and properties are mutual exclusive',
          ),
        ]
      : [],
  (s, _w, p) =>
    s['x-kubernetes-preserve-unknown-fields'] === false
      ? [invalid(p('x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined')]
      : [],
];

function nodeErrors(s: JSONSchemaProps, w: Walk): FieldError[] {
  const p = (k: string): string => childPath(w.path, k);
  return nodeChecks.flatMap((check) => check(s, w, p));
}

/** Required (no type) or Invalid (another type) for a keyword that needs a given type. */
function needsType(s: JSONSchemaProps, path: string, type: string, detail: string): FieldError[] {
  if (s.type === type) return [];
  const field = childPath(path, 'type');
  return [s.type ? invalid(field, s.type, detail) : required(field, detail)];
}

function mapTypeErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const mapType = s['x-kubernetes-map-type'];
  if (mapType === undefined) return [];
  const errs: FieldError[] = [];
  const detail = 'must be object if x-kubernetes-map-type is specified';
  if (s.type !== 'object') {
    errs.push(
      s.type
        ? invalid(childPath(path, 'type'), s.type, detail)
        : required(childPath(path, 'type'), detail),
    );
  }
  if (mapType !== 'atomic' && mapType !== 'granular') {
    errs.push(
      notSupported(childPath(path, 'x-kubernetes-map-type'), mapType, ['atomic', 'granular']),
    );
  }
  return errs;
}

function listTypeErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const listType = s['x-kubernetes-list-type'];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const errs: FieldError[] = [];
  if (listType !== undefined) {
    errs.push(
      ...needsType(s, path, 'array', 'must be array if x-kubernetes-list-type is specified'),
    );
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) {
    errs.push(
      notSupported(childPath(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']),
    );
  }
  if (keys.length > 0 && listType !== 'map') {
    const field = childPath(path, 'x-kubernetes-list-type');
    const detail = 'must be map if x-kubernetes-list-map-keys is non-empty';
    errs.push(listType === undefined ? required(field, detail) : invalid(field, listType, detail));
  }
  if (listType === 'map') errs.push(...mapListErrors(s, keys, path));
  return errs;
}

function mapListErrors(s: JSONSchemaProps, keys: string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (keys.length === 0) {
    errs.push(
      required(
        childPath(path, 'x-kubernetes-list-map-keys'),
        'must not be empty if x-kubernetes-list-type is map',
      ),
    );
  }
  const items = s.items;
  if (!items)
    return [
      ...errs,
      required(childPath(path, 'items'), 'must have a schema if x-kubernetes-list-type is map'),
    ];
  if (items.type !== 'object') {
    const detail = "must be object if parent array's x-kubernetes-list-type is map";
    return [
      ...errs,
      invalid(childPath(childPath(path, 'items'), 'type'), items.type ?? '', detail),
    ];
  }
  return [...errs, ...mapKeyErrors(items, keys, path)];
}

function mapKeyErrors(items: JSONSchemaProps, keys: string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const keysField = childPath(path, 'x-kubernetes-list-map-keys');
  keys.forEach((k, i) => {
    const keySchema = items.properties?.[k];
    if (!keySchema)
      errs.push(invalid(keysField, keys, 'entries must all be names of item properties'));
    const optional = !(items.required ?? []).includes(k) && keySchema?.default === undefined;
    if (keySchema && optional) {
      const field = childPath(prop(childPath(path, 'items'), k), 'default');
      errs.push(
        required(
          field,
          'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
        ),
      );
    }
    if (keys.indexOf(k) < i)
      errs.push(invalid(keysField, keys, 'must not contain duplicate entries'));
  });
  return errs;
}

const validationReasons = [
  'FieldValueDuplicate',
  'FieldValueForbidden',
  'FieldValueInvalid',
  'FieldValueRequired',
];

function ruleErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const rules = (s['x-kubernetes-validations'] ?? []) as {
    rule?: string;
    message?: string;
    reason?: string;
  }[];
  return rules.flatMap((r, i) => {
    const base = subscriptPath(childPath(path, 'x-kubernetes-validations'), i);
    const errs: FieldError[] = [];
    if (!r.rule?.trim()) errs.push(required(childPath(base, 'rule'), 'rule is not specified'));
    if (r.message !== undefined && r.message.trim() === '')
      errs.push(invalid(childPath(base, 'message'), r.message, 'must be non-empty if specified'));
    if (r.message && /[\n\r]/.test(r.message))
      errs.push(invalid(childPath(base, 'message'), r.message, 'must not contain line breaks'));
    if (r.reason !== undefined && !validationReasons.includes(r.reason)) {
      errs.push(notSupported(childPath(base, 'reason'), r.reason, validationReasons));
    }
    return errs;
  });
}

function propertyWalk(s: JSONSchemaProps, w: Walk, k: string): Walk {
  const meta = (w.isRoot || s['x-kubernetes-embedded-resource'] === true) && metaFields.has(k);
  return {
    path: prop(w.path, k),
    isRoot: false,
    insideMeta: w.insideMeta || meta,
    noDefaults: meta && w.isRoot ? `in top-level ${k}` : w.noDefaults,
  };
}

function combinatorWalks(s: JSONSchemaProps, w: Walk): [JSONSchemaProps, Walk][] {
  const at = (path: string): Walk => ({ ...w, isRoot: false, path });
  const out: [JSONSchemaProps, Walk][] = [];
  if (s.not) out.push([s.not, at(childPath(w.path, 'not'))]);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    s[key]?.forEach((sub, i) => out.push([sub, at(subscriptPath(childPath(w.path, key), i))]));
  }
  return out;
}

function childWalks(s: JSONSchemaProps, w: Walk): [JSONSchemaProps, Walk][] {
  const out: [JSONSchemaProps, Walk][] = [];
  const ap = s.additionalProperties;
  if (typeof ap === 'object') {
    const noDefaults = w.insideMeta
      ? 'inside additionalProperties applying to object metadata'
      : w.noDefaults;
    out.push([
      ap,
      { ...w, isRoot: false, path: childPath(w.path, 'additionalProperties'), noDefaults },
    ]);
  }
  for (const [k, sub] of Object.entries(s.properties ?? {})) out.push([sub, propertyWalk(s, w, k)]);
  out.push(...combinatorWalks(s, w));
  if (s.items && !Array.isArray(s.items))
    out.push([s.items, { ...w, isRoot: false, path: childPath(w.path, 'items') }]);
  return out;
}

function openAPISchemaErrors(s: JSONSchemaProps, w: Walk): FieldError[] {
  const errs = nodeErrors(s, w);
  for (const [sub, sw] of childWalks(s, w)) errs.push(...openAPISchemaErrors(sub, sw));
  errs.push(...mapTypeErrors(s, w.path), ...listTypeErrors(s, w.path), ...ruleErrors(s, w.path));
  return errs;
}

/** ValidateCustomResourceDefinitionOpenAPISchema for a root schema at `path`. */
export function validateSchemaNodes(schema: JSONSchemaProps, path: string): FieldError[] {
  return openAPISchemaErrors(schema, { path, isRoot: true, insideMeta: false, noDefaults: '' });
}

function defaultErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const field = childPath(path, 'default');
  const errs: FieldError[] = [];
  const pruned = structuredClone(s.default);
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const unknown = pruneUnknownFields(
    pruned,
    embedded ? s : { ...s, 'x-kubernetes-embedded-resource': false },
  );
  if (unknown.length > 0) errs.push(invalid(field, s.default, 'must not have unknown fields'));
  const schemaErrs = validateOpenAPI(s.default, s, '', field).errors;
  if (schemaErrs.length > 0) return [...errs, ...schemaErrs];
  return [...errs, ...validateCelRules(s.default, s, field, s.default)];
}

function defaultedChildren(
  s: JSONSchemaProps,
  path: string,
  isRoot: boolean,
): [JSONSchemaProps, string][] {
  const out: [JSONSchemaProps, string][] = [];
  if (s.items) out.push([s.items, childPath(path, 'items')]);
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  for (const [k, sub] of Object.entries(s.properties ?? {})) {
    if (!((isRoot || embedded) && metaFields.has(k))) out.push([sub, prop(path, k)]);
  }
  const ap = s.additionalProperties;
  if (typeof ap === 'object') out.push([ap, childPath(path, 'additionalProperties')]);
  return out;
}

/** defaulting.ValidateDefaults: every `default` outside resource metadata must be valid. */
export function validateSchemaDefaults(
  s: JSONSchemaProps | undefined,
  path: string,
  isRoot = true,
): FieldError[] {
  if (!s) return [];
  const errs = s.default !== undefined ? defaultErrors(s, path) : [];
  for (const [sub, subPath] of defaultedChildren(s, path, isRoot)) {
    errs.push(...validateSchemaDefaults(sub, subPath, false));
  }
  return errs;
}
