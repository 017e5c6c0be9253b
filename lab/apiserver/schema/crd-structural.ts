// The structural-schema rules apiextensions enforces on a CRD schema (ValidateStructural):
// a type everywhere (unless int-or-string or preserve-unknown-fields), items for arrays, no
// additionalProperties at the root, metadata restricted at the root and in embedded resources,
// and value validations (allOf/anyOf/oneOf/not) free of structural keywords. Sorted by message
// as kube sorts them. Pure.
import type { FieldError, JSONSchemaProps } from '../types.js';
import { forbidden, formatFieldError, invalid, required } from './field-errors.js';
import { childPath, subscriptPath } from './paths.js';

type Level = 'root' | 'item' | 'field';

const emptyTypeDetail: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

function prop(path: string, name: string): string {
  return subscriptPath(childPath(path, 'properties'), name);
}

function isIntOrStringAnyOf(anyOf: JSONSchemaProps[] | undefined): boolean {
  if (anyOf?.length !== 2) return false;
  const only = (s: JSONSchemaProps, t: string): boolean =>
    s.type === t && Object.keys(s).length === 1;
  return only(anyOf[0], 'integer') && only(anyOf[1], 'string');
}

/** Keywords a nested value validation (inside allOf/anyOf/oneOf/not) must not carry. */
const nestedForbidden: [string, string][] = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

function isSet(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined && v !== false && v !== '';
}

function nestedErrors(
  v: JSONSchemaProps | undefined,
  path: string,
  skipAnyOf: boolean,
): FieldError[] {
  if (!v) return [];
  const errs = valueValidationErrors(v, path, skipAnyOf);
  errs.push(...nestedErrors(v.items, childPath(path, 'items'), false));
  for (const [k, sub] of Object.entries(v.properties ?? {}))
    errs.push(...nestedErrors(sub, prop(path, k), false));
  for (const [key, detail] of nestedForbidden) {
    if (isSet(v[key])) errs.push(forbidden(childPath(path, key), detail));
  }
  if (v.properties && Object.hasOwn(v.properties, 'metadata')) {
    errs.push(forbidden(prop(path, 'metadata'), 'must not be specified in a nested context'));
  }
  return errs;
}

function valueValidationErrors(s: JSONSchemaProps, path: string, skipAnyOf: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf)
    s.anyOf?.forEach((v, i) =>
      errs.push(...nestedErrors(v, `${childPath(path, 'anyOf')}[${i}]`, false)),
    );
  s.allOf?.forEach((v, i) => {
    const skip = i === 0 && isIntOrStringAnyOf(v.anyOf);
    errs.push(...nestedErrors(v, `${childPath(path, 'allOf')}[${i}]`, skip));
  });
  s.oneOf?.forEach((v, i) =>
    errs.push(...nestedErrors(v, `${childPath(path, 'oneOf')}[${i}]`, false)),
  );
  errs.push(...nestedErrors(s.not, childPath(path, 'not'), false));
  if (s.pattern) errs.push(...patternErrors(s.pattern, path));
  return errs;
}

function patternErrors(pattern: string, path: string): FieldError[] {
  try {
    new RegExp(pattern, 'u');
    return [];
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [
      invalid(
        childPath(path, 'pattern'),
        pattern,
        `must be a valid regular expression, but isn't: ${why}`,
      ),
    ];
  }
}

function metadataErrors(
  meta: JSONSchemaProps,
  check: boolean,
  level: Level,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (check && meta.type !== 'object')
    errs.push(invalid(childPath(path, 'type'), meta.type ?? '', 'must be object'));
  if (level !== 'root') return errs;
  const rest = Object.keys(meta).filter(
    (k) => k !== 'type' && k !== 'default' && k !== 'properties',
  );
  const props = Object.keys(meta.properties ?? {});
  const onlyNames = props.every((p) => p === 'name' || p === 'generateName');
  if (rest.length > 0 || !onlyNames) {
    errs.push(
      forbidden(
        path,
        'must not specify anything other than name and generateName, but metadata is implicitly specified',
      ),
    );
  }
  return errs;
}

function typeErrors(s: JSONSchemaProps, level: Level, path: string): FieldError[] {
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (embedded && s.type !== 'object') {
    const detail = 'must be object if x-kubernetes-embedded-resource is true';
    return [
      s.type
        ? invalid(childPath(path, 'type'), s.type, detail)
        : required(childPath(path, 'type'), detail),
    ];
  }
  const untyped =
    !s.type && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields'];
  if (untyped) return [required(childPath(path, 'type'), emptyTypeDetail[level])];
  return [];
}

function extensionErrors(s: JSONSchemaProps, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (s['x-kubernetes-int-or-string'] && s['x-kubernetes-preserve-unknown-fields']) {
    errs.push(
      invalid(
        childPath(path, 'x-kubernetes-preserve-unknown-fields'),
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  if (s['x-kubernetes-int-or-string'] && s['x-kubernetes-embedded-resource']) {
    errs.push(
      invalid(
        childPath(path, 'x-kubernetes-embedded-resource'),
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  return errs;
}

function embeddedErrors(s: JSONSchemaProps, path: string): FieldError[] {
  if (!s['x-kubernetes-embedded-resource']) return [];
  const errs: FieldError[] = [];
  if (s.additionalProperties !== undefined) {
    errs.push(
      forbidden(
        childPath(path, 'additionalProperties'),
        'must not be used if x-kubernetes-embedded-resource is set',
      ),
    );
  }
  const empty = Object.keys(s.properties ?? {}).length === 0;
  if (!s['x-kubernetes-preserve-unknown-fields'] && empty) {
    errs.push(
      required(
        childPath(path, 'properties'),
        'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
      ),
    );
  }
  return errs;
}

function typeMetaErrors(s: JSONSchemaProps, path: string): FieldError[] {
  return ['kind', 'apiVersion'].flatMap((field) => {
    const p = s.properties?.[field];
    if (!p || p.type === 'string') return [];
    return [invalid(childPath(prop(path, field), 'type'), p.type ?? '', 'must be string')];
  });
}

function rootAndEmbeddedErrors(s: JSONSchemaProps, level: Level, path: string): FieldError[] {
  const check = level === 'root' || s['x-kubernetes-embedded-resource'] === true;
  const errs = embeddedErrors(s, path);
  if (level === 'root' && s.type && s.type !== 'object') {
    errs.push(invalid(childPath(path, 'type'), s.type, 'must be object at the root'));
  }
  if (check) errs.push(...typeMetaErrors(s, path));
  const meta = s.properties?.metadata;
  if (meta) errs.push(...metadataErrors(meta, check, level, prop(path, 'metadata')));
  return errs;
}

function invariants(s: JSONSchemaProps | undefined, level: Level, path: string): FieldError[] {
  if (!s) return [];
  const errs: FieldError[] = [];
  if (s.type === 'array' && !s.items)
    errs.push(required(childPath(path, 'items'), 'must be specified'));
  errs.push(...invariants(s.items, 'item', childPath(path, 'items')));
  for (const [k, sub] of Object.entries(s.properties ?? {}))
    errs.push(...invariants(sub, 'field', prop(path, k)));
  const ap = s.additionalProperties;
  if (ap !== undefined && level === 'root')
    errs.push(forbidden(childPath(path, 'additionalProperties'), 'must not be used at the root'));
  if (typeof ap === 'object')
    errs.push(...invariants(ap, 'field', childPath(path, 'additionalProperties')));
  errs.push(...extensionErrors(s, path));
  errs.push(...valueValidationErrors(s, path, isIntOrStringAnyOf(s.anyOf)));
  errs.push(...typeErrors(s, level, path));
  errs.push(...rootAndEmbeddedErrors(s, level, path));
  return errs;
}

/** Checks the root schema of a CRD version is structural; errors sorted by message like kube. */
export function validateStructural(schema: JSONSchemaProps, path: string): FieldError[] {
  const errs = invariants(schema, 'root', path);
  return errs
    .map((e) => [formatFieldError(e), e] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => e);
}
