// Checks kube-apiserver makes on x-kubernetes-embedded-resource values after schema
// validation (schema/objectmeta.Validate): apiVersion and kind present, strings, well formed,
// and a metadata.name usable as a path segment. Pure.
import type { FieldError, JSONSchemaProps } from '../types.js';
import { invalid, required } from './field-errors.js';
import { childPath, subscriptPath } from './paths.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const dns1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** IsDNS1035Label's messages. */
export function dns1035LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!dns1035.test(value)) {
    errs.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errs;
}

function checkApiVersion(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string') return [invalid(path, v, 'must be a string')];
  if (v === '') return [invalid(path, v, 'must not be empty')];
  if (v.split('/').length > 2) return [invalid(path, v, `unexpected GroupVersion string: ${v}`)];
  return [];
}

function checkKind(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string') return [invalid(path, v, 'must be a string')];
  if (v === '') return [invalid(path, v, 'must not be empty')];
  const errs = dns1035LabelErrors(v.toLowerCase());
  if (errs.length === 0) return [];
  return [invalid(path, v, `may have mixed case, but should otherwise match: ${errs.join(',')}`)];
}

/** ValidateObjectMeta's path-segment name rules (the ones embedded objects use). */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

function checkMetadata(v: unknown, path: string): FieldError[] {
  if (!isObject(v)) return [invalid(path, v, 'must be an object')];
  const name = v.name;
  if (typeof name !== 'string' || name === '') return [];
  return pathSegmentErrors(name).map((msg) => invalid(childPath(path, 'name'), name, msg));
}

function validateEmbedded(x: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Object.hasOwn(x, 'apiVersion')) errs.push(required(childPath(path, 'apiVersion')));
  if (!Object.hasOwn(x, 'kind')) errs.push(required(childPath(path, 'kind')));
  for (const [k, v] of Object.entries(x)) {
    if (k === 'apiVersion') errs.push(...checkApiVersion(v, childPath(path, k)));
    if (k === 'kind') errs.push(...checkKind(v, childPath(path, k)));
    if (k === 'metadata') errs.push(...checkMetadata(v, childPath(path, k)));
  }
  return errs;
}

function fieldSchema(s: JSONSchemaProps, k: string): [JSONSchemaProps | undefined, boolean] {
  if (s.properties && Object.hasOwn(s.properties, k)) return [s.properties[k], false];
  const ap = s.additionalProperties;
  return [typeof ap === 'object' ? ap : undefined, true];
}

function walk(x: unknown, s: JSONSchemaProps | undefined, path: string): FieldError[] {
  if (!s) return [];
  if (Array.isArray(x)) return x.flatMap((v, i) => walk(v, s.items, subscriptPath(path, i)));
  if (!isObject(x)) return [];
  const errs = s['x-kubernetes-embedded-resource'] ? validateEmbedded(x, path) : [];
  for (const [k, v] of Object.entries(x)) {
    const [sub, isKey] = fieldSchema(s, k);
    errs.push(...walk(v, sub, isKey ? subscriptPath(path, k) : childPath(path, k)));
  }
  return errs;
}

/** Validates every embedded resource in `obj` (kube passes the root as not embedded). */
export function validateEmbeddedResources(
  obj: unknown,
  schema: JSONSchemaProps,
  path = '',
): FieldError[] {
  return walk(obj, schema, path);
}
