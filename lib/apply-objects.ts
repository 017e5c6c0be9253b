// Server-side apply of a set of objects to one cluster in a safe order (shared by the push
// deliverer and the pull agent): Namespaces, then CRDs waited to Established, then cluster-scoped
// and namespaced objects; missing namespaces are created first. Resources and scopes come from
// discovery. Errors name the object and keep the API's own reason. Tests: apply-objects.test.ts.
import { applyPhases, describeObject, namespacesToEnsure, orderByScope } from './apply-order.js';
import { KubeApiError, NotFoundError } from './kube-errors.js';
import type { KubeHttpClient } from './kube-http.js';
import type { KubeObject, ObjectRef } from './kube-client.js';
import { NAMESPACES, collectionPath, objectPath } from './resource-paths.js';
import type { ResourceType } from './resource-paths.js';
import { ResourceDiscovery } from './resource-discovery.js';

/** A cluster to apply to: its raw client and its discovery cache. */
export interface ApplyTarget {
  http: KubeHttpClient;
  discovery: ResourceDiscovery;
}

/** Builds an ApplyTarget (one discovery cache per client). */
export function createApplyTarget(http: KubeHttpClient): ApplyTarget {
  return { http, discovery: new ResourceDiscovery(http) };
}

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields another manager owns (SSA `force`). */
  force?: boolean;
  /** Server-side dry run: nothing is persisted, CRDs are not waited for. */
  dryRun?: boolean;
  /** Do not create the namespaces objects need. */
  skipNamespaceCreation?: boolean;
  /** How long to wait for a CRD to be Established (default 30 s). */
  crdTimeoutMs?: number;
  signal?: AbortSignal;
}

/** An object as applied (or deleted): its identity plus what the server returned. */
export interface AppliedRef extends ObjectRef {
  uid?: string;
  resourceVersion?: string;
}

/** A failed apply or delete; `reason` is the API's (Forbidden, Invalid …), `ref` the object. */
export class ApplyError extends Error {
  override readonly name = 'ApplyError';
  readonly reason: string;
  readonly code: number;
  constructor(
    readonly ref: ObjectRef,
    verb: 'apply' | 'delete' | 'read',
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`Failed to ${verb} ${describeObject(ref)}: ${why}`, { cause });
    this.reason = cause instanceof KubeApiError ? cause.reason : 'InternalError';
    this.code = cause instanceof KubeApiError ? cause.code : 0;
  }
}

/**
 * Applies `objects` in a safe order and returns what was applied, in apply order. Namespaced
 * objects without a namespace go to `default`. Stops at the first failure with an ApplyError.
 */
export async function applyObjects(
  target: ApplyTarget,
  objects: readonly KubeObject[],
  opts: ApplyOptions,
): Promise<AppliedRef[]> {
  const phases = applyPhases(objects);
  const applied: AppliedRef[] = [];
  for (const ns of phases.namespaces) applied.push(await applyOne(target, ns, opts));
  for (const crd of phases.crds) applied.push(await applyOne(target, crd, opts));
  if (!opts.dryRun) await waitEstablished(target, phases.crds, opts);
  const resolved = await placeObjects(target, phases.others);
  const ordered = orderByScope(
    resolved.map((p) => p.obj),
    resolved.map((p) => p.rt.namespaced),
  );
  if (!opts.skipNamespaceCreation && !opts.dryRun) {
    for (const ns of namespacesToEnsure(ordered, phases.namespaces))
      await ensureNamespace(target, ns, opts);
  }
  for (const obj of ordered) applied.push(await applyOne(target, obj, opts));
  return applied;
}

/** Resolves each object's resource and fixes its namespace to its scope. */
async function placeObjects(
  target: ApplyTarget,
  objects: readonly KubeObject[],
): Promise<Array<{ obj: KubeObject; rt: ResourceType }>> {
  const out: Array<{ obj: KubeObject; rt: ResourceType }> = [];
  for (const obj of objects) {
    const rt = await resolveFor(target, obj, 'apply');
    out.push({ obj: placed(obj, rt), rt });
  }
  return out;
}

/** A copy with the namespace its scope wants: `default` when namespaced and unset, none otherwise. */
function placed(obj: KubeObject, rt: ResourceType): KubeObject {
  const copy = structuredClone(obj);
  if (rt.namespaced) copy.metadata.namespace = copy.metadata.namespace || 'default';
  else delete copy.metadata.namespace;
  return copy;
}

/**
 * Copies of `objects` with the namespace their scope wants (`default` for namespaced objects
 * without one, none for cluster-scoped ones), as applyObjects will write them. Kinds the
 * cluster does not serve yet (a CRD in the same set) are left as they are.
 */
export async function normaliseNamespaces(
  target: ApplyTarget,
  objects: readonly KubeObject[],
): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const obj of objects) {
    try {
      out.push(placed(obj, await target.discovery.resolve(obj.apiVersion, obj.kind)));
    } catch (err) {
      if ((err as KubeApiError).reason !== 'ResourceTypeNotFound')
        throw new ApplyError(toRef(obj), 'apply', err);
      out.push(obj);
    }
  }
  return out;
}

async function resolveFor(
  target: ApplyTarget,
  ref: ObjectRef | KubeObject,
  verb: 'apply' | 'delete',
): Promise<ResourceType> {
  try {
    return await target.discovery.resolve(ref.apiVersion, ref.kind);
  } catch (err) {
    throw new ApplyError(toRef(ref), verb, err);
  }
}

async function applyOne(
  target: ApplyTarget,
  original: KubeObject,
  opts: ApplyOptions,
): Promise<AppliedRef> {
  const rt = await resolveFor(target, original, 'apply');
  const obj = placed(original, rt);
  const ref = toRef(obj);
  try {
    const result = await target.http.request<KubeObject>({
      method: 'PATCH',
      path: objectPath(rt, obj.metadata.name, obj.metadata.namespace),
      query: {
        fieldManager: opts.fieldManager,
        force: opts.force ? 'true' : undefined,
        dryRun: opts.dryRun ? 'All' : undefined,
      },
      body: obj,
      contentType: 'application/apply-patch+yaml',
      signal: opts.signal,
      op: { verb: 'patch', kind: obj.kind, name: ref.name, namespace: ref.namespace },
    });
    return { ...ref, uid: result?.metadata.uid, resourceVersion: result?.metadata.resourceVersion };
  } catch (err) {
    throw new ApplyError(ref, 'apply', err);
  }
}

/** Creates a namespace unless it exists; a 403 on the read is left to the object's own apply. */
async function ensureNamespace(
  target: ApplyTarget,
  name: string,
  opts: ApplyOptions,
): Promise<void> {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name };
  try {
    await target.http.request({
      method: 'GET',
      path: objectPath(NAMESPACES, name),
      signal: opts.signal,
    });
    return;
  } catch (err) {
    if (!(err instanceof NotFoundError)) return;
  }
  try {
    await target.http.request({
      method: 'POST',
      path: collectionPath(NAMESPACES),
      query: { fieldManager: opts.fieldManager },
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      signal: opts.signal,
      op: { verb: 'create', kind: 'Namespace', name },
    });
  } catch (err) {
    if ((err as KubeApiError).reason !== 'AlreadyExists') throw new ApplyError(ref, 'apply', err);
  }
}

const CRDS: ResourceType = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  namespaced: false,
};

interface CrdStatus {
  spec?: { group?: string; versions?: Array<{ name: string }> };
  status?: { conditions?: Array<{ type: string; status: string }> };
}

/** Polls each CRD until Established, then forgets the discovery of its group/versions. */
async function waitEstablished(
  target: ApplyTarget,
  crds: readonly KubeObject[],
  opts: ApplyOptions,
): Promise<void> {
  for (const crd of crds) {
    const deadline = Date.now() + (opts.crdTimeoutMs ?? 30_000);
    let current = await readCrd(target, crd, opts);
    while (!isEstablished(current)) {
      if (Date.now() > deadline) {
        throw new ApplyError(
          toRef(crd),
          'apply',
          new Error('not Established in time; its objects cannot be applied'),
        );
      }
      await new Promise((r) => setTimeout(r, 100));
      current = await readCrd(target, crd, opts);
    }
    const group = current.spec?.group ?? '';
    for (const v of current.spec?.versions ?? []) target.discovery.invalidate(`${group}/${v.name}`);
  }
}

async function readCrd(
  target: ApplyTarget,
  crd: KubeObject,
  opts: ApplyOptions,
): Promise<CrdStatus> {
  try {
    return await target.http.request<CrdStatus>({
      method: 'GET',
      path: objectPath(CRDS, crd.metadata.name),
      signal: opts.signal,
    });
  } catch (err) {
    throw new ApplyError(toRef(crd), 'apply', err);
  }
}

function isEstablished(crd: CrdStatus): boolean {
  return (crd.status?.conditions ?? []).some(
    (c) => c.type === 'Established' && c.status === 'True',
  );
}

/**
 * Deletes objects (background propagation) in reverse apply order; already-absent objects
 * count as deleted. Returns the refs deleted or absent. Throws ApplyError on the first failure.
 */
export async function deleteObjects(
  target: ApplyTarget,
  refs: readonly ObjectRef[],
  opts: { signal?: AbortSignal } = {},
): Promise<ObjectRef[]> {
  const done: ObjectRef[] = [];
  for (const ref of [...refs].reverse()) {
    const rt = await resolveOrSkip(target, ref, 'delete');
    if (rt) await deleteOne(target, rt, ref, opts.signal);
    done.push(ref);
  }
  return done;
}

/** A kind the cluster no longer serves has nothing left to delete. */
async function resolveOrSkip(
  target: ApplyTarget,
  ref: ObjectRef,
  verb: 'delete' | 'read',
): Promise<ResourceType | undefined> {
  try {
    return await target.discovery.resolve(ref.apiVersion, ref.kind);
  } catch (err) {
    if ((err as KubeApiError).reason === 'ResourceTypeNotFound') return undefined;
    throw new ApplyError(ref, verb, err);
  }
}

async function deleteOne(
  target: ApplyTarget,
  rt: ResourceType,
  ref: ObjectRef,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await target.http.request({
      method: 'DELETE',
      path: objectPath(rt, ref.name, rt.namespaced ? ref.namespace || 'default' : undefined),
      body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
      signal,
      op: { verb: 'delete', kind: ref.kind, name: ref.name, namespace: ref.namespace },
    });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw new ApplyError(ref, 'delete', err);
  }
}

/**
 * Reads one object (a namespaced one without namespace from `default`); undefined when it, or
 * its kind, does not exist. Other failures are ApplyErrors naming the object.
 */
export async function getObject(
  target: ApplyTarget,
  ref: ObjectRef,
): Promise<KubeObject | undefined> {
  const rt = await resolveOrSkip(target, ref, 'read');
  if (!rt) return undefined;
  try {
    return await target.http.request<KubeObject>({
      method: 'GET',
      path: objectPath(rt, ref.name, rt.namespaced ? ref.namespace || 'default' : undefined),
      op: { verb: 'get', kind: ref.kind, name: ref.name, namespace: ref.namespace },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw new ApplyError(ref, 'read', err);
  }
}

/**
 * Lists objects of one kind across all namespaces (or cluster-wide) matching a label selector;
 * a kind the cluster does not serve has none.
 */
export async function listObjects(
  target: ApplyTarget,
  ref: { apiVersion: string; kind: string },
  labelSelector: string,
): Promise<KubeObject[]> {
  let rt: ResourceType;
  try {
    rt = await target.discovery.resolve(ref.apiVersion, ref.kind);
  } catch (err) {
    if ((err as KubeApiError).reason === 'ResourceTypeNotFound') return [];
    throw err;
  }
  const list = await target.http.request<{ items?: KubeObject[] }>({
    method: 'GET',
    path: collectionPath(rt),
    query: { labelSelector },
    op: { verb: 'list', kind: ref.kind },
  });
  return (list?.items ?? []).map((item) => ({
    ...item,
    apiVersion: ref.apiVersion,
    kind: ref.kind,
  }));
}

function toRef(obj: ObjectRef | KubeObject): ObjectRef {
  if ('metadata' in obj) {
    return {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
    };
  }
  return obj;
}
