// What kube-apiserver checks when a CustomResourceDefinition (apiextensions.k8s.io/v1) is
// created: name == plural.group, group, scope, names, versions (exactly one storage version),
// per-version schemas (structural, valid keywords, valid defaults), printer columns and
// subresources. Paths follow kube's internal version: a schema shared by all versions is
// reported under spec.validation, as kube-apiserver does. Pure; defaults via a separate call.
import { isDns1123Subdomain } from '../../../api/k8s-names.js';
import type { FieldError, JSONSchemaProps, KubeObject } from '../types.js';
import { validateSchemaDefaults, validateSchemaNodes } from './crd-schema-checks.js';
import { validateStructural } from './crd-structural.js';
import { namesErrors, versionNameErrors, versionsListErrors } from './crd-names.js';
import { forbidden, invalid, notSupported, required } from './field-errors.js';
import { goJson } from './go-values.js';
import { subscriptPath } from './paths.js';

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: { status?: unknown; scale?: Record<string, unknown> };
  additionalPrinterColumns?: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface CrdSpec {
  group?: string;
  scope?: string;
  names?: Record<string, unknown>;
  versions?: CrdVersion[];
  preserveUnknownFields?: boolean;
  conversion?: Record<string, unknown>;
}

function specOf(crd: KubeObject): CrdSpec {
  const spec: CrdSpec = crd.spec ?? {};
  return spec;
}

/** True when every version carries the same value (kube then lifts it to the top level). */
function identical(versions: CrdVersion[], pick: (v: CrdVersion) => unknown): boolean {
  const first = goJson(pick(versions[0]) ?? null);
  return versions.every((v) => goJson(pick(v) ?? null) === first);
}

function metadataErrors(crd: KubeObject, spec: CrdSpec): FieldError[] {
  const name = crd.metadata?.name;
  if (!name) return [required('metadata.name', 'name or generateName is required')];
  const msgs = isDns1123Subdomain(name);
  const plural = typeof spec.names?.plural === 'string' ? spec.names.plural : '';
  if (name !== `${plural}.${spec.group ?? ''}`) {
    msgs.push('must be spec.names.plural+"."+spec.group');
  }
  return msgs.map((m) => invalid('metadata.name', name, m));
}

function groupErrors(group: string | undefined): FieldError[] {
  if (!group) return [required('spec.group')];
  const errs = isDns1123Subdomain(group);
  if (errs.length > 0) return [invalid('spec.group', group, errs.join(','))];
  if (group.split('.').length < 2)
    return [invalid('spec.group', group, 'should be a domain with at least one dot')];
  return [];
}

function scopeErrors(scope: string | undefined): FieldError[] {
  if (!scope) return [required('spec.scope')];
  return ['Cluster', 'Namespaced'].includes(scope)
    ? []
    : [notSupported('spec.scope', scope, ['Cluster', 'Namespaced'])];
}

const allowedAtRoot = [
  'Description',
  'Type',
  'Format',
  'Title',
  'Maximum',
  'ExclusiveMaximum',
  'Minimum',
  'ExclusiveMinimum',
  'MaxLength',
  'MinLength',
  'Pattern',
  'MaxItems',
  'MinItems',
  'UniqueItems',
  'MultipleOf',
  'Required',
  'Items',
  'Properties',
  'ExternalDocs',
  'Example',
  'XPreserveUnknownFields',
  'XValidations',
];

function goFieldName(key: string): string {
  if (key.startsWith('x-kubernetes-')) {
    return 'X' + key.slice(13).replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
  }
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function statusRootErrors(schema: JSONSchemaProps, path: string): FieldError[] {
  if (schema.type !== undefined && schema.type !== 'object') {
    return [
      invalid(
        `${path}.type`,
        schema.type,
        'only "object" is allowed as the type at the root of the schema if the status subresource is enabled',
      ),
    ];
  }
  const offending = Object.keys(schema).find(
    (k) => schema[k] !== undefined && k !== 'type' && !allowedAtRoot.includes(goFieldName(k)),
  );
  if (!offending) return [];
  return [
    invalid(
      path,
      schema,
      `only [${allowedAtRoot.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`,
    ),
  ];
}

/** validateCustomResourceDefinitionValidation for one schema at `path` (…validation or …schema). */
function schemaErrors(
  schema: JSONSchemaProps | undefined,
  path: string,
  statusEnabled: boolean,
): FieldError[] {
  if (!schema) return [];
  const root = `${path}.openAPIV3Schema`;
  const errs = statusEnabled ? statusRootErrors(schema, root) : [];
  if (schema.nullable)
    errs.push(forbidden(`${root}.nullable`, 'nullable cannot be true at the root'));
  const structural = validateStructural(schema, root);
  errs.push(...(structural.length > 0 ? structural : validateSchemaDefaults(schema, root)));
  errs.push(...validateSchemaNodes(schema, root));
  return errs;
}

const columnTypes = ['boolean', 'date', 'integer', 'number', 'string'];
const columnFormats = [
  'byte',
  'date',
  'date-time',
  'double',
  'float',
  'int32',
  'int64',
  'password',
];

function columnErrors(col: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { name, type, format, jsonPath } = col as Record<string, string | undefined>;
  if (!name) errs.push(required(`${path}.name`));
  const typeDetail = `must be one of ${columnTypes.join(',')}`;
  if (!type) errs.push(required(`${path}.type`, typeDetail));
  else if (!columnTypes.includes(type)) errs.push(invalid(`${path}.type`, type, typeDetail));
  if (format && !columnFormats.includes(format))
    errs.push(invalid(`${path}.format`, format, `must be one of ${columnFormats.join(',')}`));
  if (!jsonPath) errs.push(required(`${path}.JSONPath`));
  else if (!jsonPath.startsWith('.'))
    errs.push(invalid(`${path}.JSONPath`, jsonPath, 'must be a simple json path starting with .'));
  return errs;
}

function scaleErrors(scale: Record<string, unknown> | undefined, path: string): FieldError[] {
  if (!scale) return [];
  const errs: FieldError[] = [];
  const checks: [string, string, string][] = [
    ['specReplicasPath', '.spec.', 'should be a json path under .spec'],
    ['statusReplicasPath', '.status.', 'should be a json path under .status'],
  ];
  for (const [key, prefix, detail] of checks) {
    const v = scale[key];
    if (typeof v !== 'string' || v === '') errs.push(required(`${path}.scale.${key}`));
    else if (!v.startsWith(prefix)) errs.push(invalid(`${path}.scale.${key}`, v, detail));
  }
  return errs;
}

/** Checks of one version's own fields (schema, subresources, columns) unless lifted to the top. */
function versionErrors(v: CrdVersion, i: number, lifted: Lifted): FieldError[] {
  const path = subscriptPath('spec.versions', i);
  const errs: FieldError[] = [];
  const statusEnabled = v.subresources?.status !== undefined;
  if (!lifted.schema)
    errs.push(...schemaErrors(v.schema?.openAPIV3Schema, `${path}.schema`, statusEnabled));
  if (!lifted.subresources)
    errs.push(...scaleErrors(v.subresources?.scale, `${path}.subresources`));
  if (!lifted.columns) {
    (v.additionalPrinterColumns ?? []).forEach((c, j) =>
      errs.push(...columnErrors(c, `${path}.additionalPrinterColumns[${j}]`)),
    );
  }
  return errs;
}

interface Lifted {
  schema: boolean;
  subresources: boolean;
  columns: boolean;
}

function liftedErrors(versions: CrdVersion[], lifted: Lifted): FieldError[] {
  const first = versions[0];
  const statusEnabled = first.subresources?.status !== undefined;
  const errs = lifted.schema
    ? schemaErrors(first.schema?.openAPIV3Schema, 'spec.validation', statusEnabled)
    : [];
  if (lifted.subresources)
    errs.push(...scaleErrors(first.subresources?.scale, 'spec.subresources'));
  if (lifted.columns) {
    (first.additionalPrinterColumns ?? []).forEach((c, j) =>
      errs.push(...columnErrors(c, `spec.additionalPrinterColumns[${j}]`)),
    );
  }
  return errs;
}

function requiredSchemas(versions: CrdVersion[]): FieldError[] {
  return versions.flatMap((v, i) =>
    v.schema?.openAPIV3Schema ? [] : [required(`spec.versions[${i}].schema.openAPIV3Schema`)],
  );
}

function liftedFields(versions: CrdVersion[]): Lifted {
  if (versions.length === 0) return { schema: false, subresources: false, columns: false };
  return {
    schema: identical(versions, (v) => v.schema),
    subresources: identical(versions, (v) => v.subresources),
    columns: identical(versions, (v) => v.additionalPrinterColumns),
  };
}

/**
 * Validates a CRD as kube-apiserver does on create and returns its field errors (empty when
 * valid). Apply `applyCustomResourceDefinitionDefaults` first, as kube defaults before it
 * validates (singular and listKind are then never missing).
 */
export function validateCustomResourceDefinition(crd: KubeObject): FieldError[] {
  const spec = specOf(crd);
  const versions = spec.versions ?? [];
  const lifted = liftedFields(versions);
  const errs = metadataErrors(crd, spec);
  errs.push(...groupErrors(spec.group), ...scopeErrors(spec.scope), ...requiredSchemas(versions));
  versions.forEach((v, i) => errs.push(...versionNameErrors(v, i), ...versionErrors(v, i, lifted)));
  errs.push(...versionsListErrors(versions), ...namesErrors(spec.names ?? {}));
  if (versions.length > 0) errs.push(...liftedErrors(versions, lifted));
  if (spec.preserveUnknownFields === true) {
    const detail =
      'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead';
    errs.push(invalid('spec.preserveUnknownFields', true, detail));
  }
  return errs;
}

/** kube's v1 defaulting of a CRD (names.singular, names.listKind, conversion), in place. */
export function applyCustomResourceDefinitionDefaults(crd: KubeObject): void {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const names = spec.names ?? {};
  const kind = typeof names.kind === 'string' ? names.kind : '';
  if (!names.singular && kind) names.singular = kind.toLowerCase();
  if (!names.listKind && kind) names.listKind = `${kind}List`;
  spec.conversion ??= { strategy: 'None' };
}
