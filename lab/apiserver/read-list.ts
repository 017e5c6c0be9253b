// Reads: get one object, list with label and field selectors, limit/continue pagination and
// the list's resourceVersion, served in the requested version (CRDs convert with strategy None,
// so only apiVersion changes). Shared by HTTP handlers, watches and the in-process client.
import { matchesFieldSelector, parseFieldSelector } from '../../api/field-selector.js';
import type { FieldRequirement } from '../../api/field-selector.js';
import { matchesRequirements, parseSelectorString } from '../../api/label-selector.js';
import type { Requirement } from '../../api/label-selector.js';
import { apiVersionOf } from './object-rules.js';
import type { ClusterRuntime } from './scope.js';
import { keyOf } from './scope.js';
import { badRequest, notFound } from './status-errors.js';
import type { KubeObject, ResourceInfo } from './types.js';

/** A compiled label + field selector. */
export interface ObjectFilter {
  labels: Requirement[];
  fields: FieldRequirement[];
}

/** Parses `labelSelector` and `fieldSelector`; 400 with kube's wording when malformed. */
export function compileFilter(
  labelSelector?: string | null,
  fieldSelector?: string | null,
): ObjectFilter {
  try {
    return {
      labels: labelSelector ? parseSelectorString(labelSelector) : [],
      fields: fieldSelector ? parseFieldSelector(fieldSelector) : [],
    };
  } catch (e) {
    throw badRequest((e as Error).message);
  }
}

/** The value of a dotted field path (`metadata.name`, `status.phase`, `type`) as a string. */
export function fieldValue(obj: KubeObject, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return undefined;
  return typeof cur === 'string' ? cur : JSON.stringify(cur);
}

/** True when an object passes the filter. */
export function matchesFilter(obj: KubeObject, filter: ObjectFilter): boolean {
  if (filter.labels.length > 0 && !matchesRequirements(obj.metadata.labels, filter.labels))
    return false;
  return (
    filter.fields.length === 0 || matchesFieldSelector(filter.fields, (f) => fieldValue(obj, f))
  );
}

function matchesOptional(o: KubeObject, filter: ObjectFilter | undefined): boolean {
  return !filter || matchesFilter(o, filter);
}

/** The object as served by resource `r` (its apiVersion), without copying when unchanged. */
export function asServed(r: ResourceInfo, obj: KubeObject): KubeObject {
  const apiVersion = apiVersionOf(r);
  return obj.apiVersion === apiVersion && obj.kind === r.kind
    ? obj
    : { ...obj, apiVersion, kind: r.kind };
}

/** GET of one object; 404 NotFound when absent. */
export function getObject(
  rt: ClusterRuntime,
  r: ResourceInfo,
  namespace: string,
  name: string,
): KubeObject {
  const obj = rt.store.get(keyOf(r), namespace || undefined, name);
  if (!obj) throw notFound({ group: r.group, resource: r.resource }, name);
  return asServed(r, obj);
}

export interface ListQuery {
  namespace?: string;
  filter?: ObjectFilter;
  limit?: number;
  continueToken?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueState {
  rv: string;
  /** `namespace/name` of the last item returned. */
  after: string;
}

function decodeContinue(token: string): ContinueState {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueState;
    if (typeof state.after === 'string' && typeof state.rv === 'string') return state;
  } catch {
    // fall through to the kube error
  }
  throw badRequest('continue key is not valid: illegal base64 data');
}

const itemKey = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

/**
 * Lists objects sorted by namespace/name. With `limit`, returns a page and a continue token;
 * continuing serves the objects after the last key (kube serves a snapshot at the first
 * page's resourceVersion; the lab serves current data but reports that resourceVersion).
 */
export function listObjects(rt: ClusterRuntime, r: ResourceInfo, q: ListQuery): ListResult {
  const all = rt.store.list(keyOf(r), q.namespace || undefined);
  const state = q.continueToken ? decodeContinue(q.continueToken) : undefined;
  const resourceVersion = state?.rv ?? String(rt.store.currentRv());
  const selected = all.filter(
    (o) => (!state || itemKey(o) > state.after) && matchesOptional(o, q.filter),
  );
  const limit = (q.limit ?? 0) > 0 ? (q.limit as number) : selected.length;
  const items = selected.slice(0, limit).map((o) => asServed(r, o));
  const remaining = selected.length - items.length;
  const last = items[items.length - 1];
  if (remaining === 0 || !last) return { items, resourceVersion };
  const token = Buffer.from(JSON.stringify({ rv: resourceVersion, after: itemKey(last) })).toString(
    'base64url',
  );
  return { items, resourceVersion, continueToken: token, remainingItemCount: remaining };
}

/** The JSON body of a list response. */
export function listBody(
  r: ResourceInfo,
  result: ListResult,
): { apiVersion: string; kind: string; metadata: Record<string, unknown>; items: KubeObject[] } {
  const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continueToken) {
    metadata.continue = result.continueToken;
    metadata.remainingItemCount = result.remainingItemCount;
  }
  return { apiVersion: apiVersionOf(r), kind: r.listKind, metadata, items: result.items };
}
