// Pure rules kube-apiserver's generic registry applies to every object: type meta checks,
// namespace placement, generateName, system fields on create and update, generation bumps on
// spec changes, and deep equality. No storage and no HTTP here.
import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest } from './status-errors.js';
import type { GroupVersionKind, KubeObject, ObjectMeta, ResourceInfo } from './types.js';

/** `apps/v1` or `v1`. */
export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function gvkOf(r: ResourceInfo): GroupVersionKind {
  return { group: r.group, version: r.version, kind: r.kind };
}

/** Deep clone of a JSON value. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function objectsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}

function isComposite(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** Structural equality of JSON values (key order ignored, undefined members ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isComposite(a) || !isComposite(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  return objectsEqual(a as Record<string, unknown>, b as Record<string, unknown>);
}

/**
 * Checks apiVersion/kind of a request body against the endpoint and fills them when absent
 * (typed clients send bodies without them). Throws 400 like kube on a mismatch.
 */
export function checkTypeMeta(r: ResourceInfo, obj: KubeObject): void {
  const expected = apiVersionOf(r);
  if (obj.apiVersion && obj.apiVersion !== expected && !sameGroup(obj.apiVersion, r.group)) {
    throw badRequest(
      `the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind && obj.kind !== r.kind) {
    throw badRequest(
      `the kind in the data (${obj.kind}) does not match the expected kind (${r.kind})`,
    );
  }
  obj.apiVersion = expected;
  obj.kind = r.kind;
}

/** Another served version of the same group is converted (CRDs use conversion None). */
function sameGroup(apiVersion: string, group: string): boolean {
  const slash = apiVersion.indexOf('/');
  return group !== '' && slash > 0 && apiVersion.slice(0, slash) === group;
}

/** Places the object in the request's namespace; 400 when the body names another one. */
export function placeInNamespace(r: ResourceInfo, obj: KubeObject, namespace: string): void {
  if (!r.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  const own = obj.metadata.namespace;
  if (own && namespace && own !== namespace) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  obj.metadata.namespace = namespace || own;
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` + 5 random characters, the prefix cut to 58 characters like kube. */
export function generatedName(prefix: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const b of bytes) suffix += NAME_ALPHABET[b % NAME_ALPHABET.length];
  return prefix.slice(0, 58) + suffix;
}

function dropEmpty(meta: ObjectMeta): void {
  for (const k of [
    'labels',
    'annotations',
    'finalizers',
    'ownerReferences',
    'managedFields',
  ] as const) {
    const v = meta[k];
    if (v !== undefined && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0))
      delete meta[k];
  }
  for (const k of Object.keys(meta)) if (meta[k] === null) delete meta[k];
}

const GENERATION_GROUPS = new Set([
  'apps',
  'batch',
  'networking.k8s.io',
  'policy',
  'autoscaling',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'flowcontrol.apiserver.k8s.io',
]);

/** Whether kube keeps `metadata.generation` for a resource (custom resources always do). */
export function tracksGeneration(r: ResourceInfo): boolean {
  return !r.builtin || GENERATION_GROUPS.has(r.group) || r.resource === 'replicationcontrollers';
}

/** System fields of a new object (resourceVersion is set by the store). */
export function prepareForCreate(r: ResourceInfo, obj: KubeObject, now: string): void {
  const meta = obj.metadata;
  if (!meta.name && meta.generateName) meta.name = generatedName(meta.generateName);
  meta.uid = randomUUID();
  meta.creationTimestamp = now;
  if (tracksGeneration(r)) meta.generation = 1;
  else delete meta.generation;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  dropEmpty(meta);
  if (r.hasStatus) delete obj.status;
}

/** The part of an object whose change bumps `generation`: all but metadata (and status). */
function specPart(r: ResourceInfo, obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status, apiVersion: _a, kind: _k, ...rest } = obj;
  return r.hasStatus ? rest : { ...rest, status };
}

/**
 * System fields of an update: keeps uid, creationTimestamp, deletion marks and generation from
 * the stored object; bumps generation when the spec changed. `status` is kept from the stored
 * object for resources with a status subresource (main-resource writes ignore status).
 */
export function prepareForUpdate(r: ResourceInfo, obj: KubeObject, old: KubeObject): void {
  const meta = obj.metadata;
  const oldMeta = old.metadata;
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  meta.name = oldMeta.name;
  if (oldMeta.namespace) meta.namespace = oldMeta.namespace;
  meta.deletionTimestamp = oldMeta.deletionTimestamp;
  meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
  if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
  delete meta.generateName;
  if (oldMeta.generateName) meta.generateName = oldMeta.generateName;
  delete meta.selfLink;
  if (r.hasStatus) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (tracksGeneration(r)) {
    const changed = !deepEqual(specPart(r, obj), specPart(r, old));
    meta.generation = (oldMeta.generation ?? 1) + (changed ? 1 : 0);
  } else {
    delete meta.generation;
  }
  dropEmpty(meta);
}

/** A status write changes only `status`: everything else comes from the stored object. */
export function prepareForStatusUpdate(obj: KubeObject, old: KubeObject): KubeObject {
  const next: KubeObject = { ...old, metadata: { ...old.metadata } };
  if (obj.status === undefined) delete next.status;
  else next.status = obj.status;
  if (obj.metadata.managedFields) next.metadata.managedFields = obj.metadata.managedFields;
  return next;
}

/** True when two versions of an object differ in anything but resourceVersion and field-manager times. */
export function meaningfullyChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => {
    const { resourceVersion: _rv, managedFields, ...meta } = o.metadata;
    const fields = (managedFields ?? []).map(({ time: _t, ...rest }) => rest);
    return { ...o, metadata: { ...meta, managedFields: fields } };
  };
  return !deepEqual(strip(a), strip(b));
}
