// CRD name and version-list checks of kube's apiextensions validation: spec.names (required
// fields, DNS-1035 forms, kind != listKind, shortNames, categories) and spec.versions (version
// names, unique names, exactly one storage version, spec.version = versions[0].name). Pure.
import type { FieldError } from '../types.js';
import { dns1035LabelErrors } from './embedded.js';
import { invalid, required } from './field-errors.js';
import { goJson } from './go-values.js';

interface NamedVersion {
  name?: string;
  storage?: boolean;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The DNS-1035 error of one version name, reported inside kube's per-version loop. */
export function versionNameErrors(v: NamedVersion, i: number): FieldError[] {
  const errs = dns1035LabelErrors(str(v.name));
  return errs.length > 0 ? [invalid(`spec.versions[${i}].name`, str(v.name), errs.join(','))] : [];
}

/** The list-level version checks that follow the loop. */
export function versionsListErrors(versions: NamedVersion[]): FieldError[] {
  const errs: FieldError[] = [];
  const shown = JSON.parse(goJson(versions)) as unknown;
  const names = versions.map((v) => str(v.name));
  if (new Set(names).size !== names.length) {
    errs.push(invalid('spec.versions', shown, 'must contain unique version names'));
  }
  if (versions.filter((v) => v.storage === true).length !== 1) {
    errs.push(
      invalid('spec.versions', shown, 'must have exactly one version marked as storage version'),
    );
  }
  const first = names[0] ?? '';
  const firstErrs = dns1035LabelErrors(first);
  if (first !== '' && firstErrs.length > 0)
    errs.push(invalid('spec.version', first, firstErrs.join(',')));
  return errs;
}

function labelError(field: string, value: string): FieldError[] {
  const errs = dns1035LabelErrors(value);
  return errs.length > 0 ? [invalid(field, value, errs.join(','))] : [];
}

function optionalLabelError(field: string, value: string): FieldError[] {
  return value === '' ? [] : labelError(field, value);
}

function kindError(field: string, value: string): FieldError[] {
  const errs = dns1035LabelErrors(value.toLowerCase());
  if (value === '' || errs.length === 0) return [];
  return [
    invalid(field, value, `may have mixed case, but should otherwise match: ${errs.join(',')}`),
  ];
}

function listOf(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str) : [];
}

/** spec.names: required fields first, then their forms (ValidateCustomResourceDefinitionNames). */
export function namesErrors(names: Record<string, unknown>): FieldError[] {
  const [plural, singular, kind, listKind] = ['plural', 'singular', 'kind', 'listKind'].map((k) =>
    str(names[k]),
  );
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries({ plural, singular, kind, listKind })) {
    if (v === '') errs.push(required(`spec.names.${k}`));
  }
  errs.push(
    ...optionalLabelError('spec.names.plural', plural),
    ...optionalLabelError('spec.names.singular', singular),
  );
  errs.push(...kindError('spec.names.kind', kind), ...kindError('spec.names.listKind', listKind));
  listOf(names.shortNames).forEach((s, i) =>
    errs.push(...labelError(`spec.names.shortNames[${i}]`, s)),
  );
  if (kind !== '' && kind === listKind) {
    errs.push(invalid('spec.names.listKind', listKind, 'kind and listKind may not be the same'));
  }
  listOf(names.categories).forEach((c, i) =>
    errs.push(...labelError(`spec.names.categories[${i}]`, c)),
  );
  return errs;
}
