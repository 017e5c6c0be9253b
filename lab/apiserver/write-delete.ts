// DELETE and DELETE-collection with kube's semantics: preconditions, propagation policy
// finalizers (`foregroundDeletion`, `orphan`), graceful marking with deletionTimestamp while
// finalizers remain, namespaces going Terminating, CRDs taking their objects with them.
// The garbage collector and namespace controller (runtime developer) finish the job.
import { admitDelete } from './admission-chain.js';
import { isNamespaceResource, readyToRemove, removeObject } from './lifecycle.js';
import { apiVersionOf } from './object-rules.js';
import type { Scope } from './scope.js';
import { keyOf, nowTimestamp } from './scope.js';
import { badRequest, conflict, notFound } from './status-errors.js';
import type { KubeObject } from './types.js';
import type { WriteResult } from './write-create.js';

/** `metav1.DeleteOptions` as far as the lab uses it. */
export interface DeleteOptions {
  propagationPolicy?: string;
  orphanDependents?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

const POLICIES = new Set(['Foreground', 'Background', 'Orphan']);

function policyFinalizer(opts: DeleteOptions): string | undefined {
  const policy = opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : undefined);
  if (policy !== undefined && !POLICIES.has(policy)) {
    throw badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  if (policy === 'Foreground') return 'foregroundDeletion';
  if (policy === 'Orphan') return 'orphan';
  return undefined;
}

function checkPreconditions(scope: Scope, old: KubeObject, opts: DeleteOptions): void {
  const gr = { group: scope.resource.group, resource: scope.resource.resource };
  const name = old.metadata.name ?? '';
  const { uid, resourceVersion } = opts.preconditions ?? {};
  if (uid && uid !== old.metadata.uid) {
    throw conflict(
      gr,
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid ?? ''}`,
    );
  }
  if (resourceVersion && resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(
      gr,
      name,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion ?? ''}`,
    );
  }
}

/** The deletion-marked version of an object (kube bumps generation when marking). */
function markedForDeletion(
  scope: Scope,
  old: KubeObject,
  finalizer: string | undefined,
): KubeObject {
  const finalizers = [...(old.metadata.finalizers ?? [])];
  if (finalizer && !finalizers.includes(finalizer)) finalizers.push(finalizer);
  const next: KubeObject = {
    ...old,
    metadata: {
      ...old.metadata,
      deletionTimestamp: nowTimestamp(),
      deletionGracePeriodSeconds: 0,
    },
  };
  if (old.metadata.generation !== undefined) next.metadata.generation = old.metadata.generation + 1;
  if (finalizers.length > 0) next.metadata.finalizers = finalizers;
  if (isNamespaceResource(scope.resource))
    next.status = { ...(old.status ?? {}), phase: 'Terminating' };
  return next;
}

/** The body kube returns for an immediate deletion of a built-in object. */
function successStatus(scope: Scope, obj: KubeObject): KubeObject {
  const details: Record<string, unknown> = {
    name: obj.metadata.name,
    kind: scope.resource.resource,
    uid: obj.metadata.uid,
  };
  if (scope.resource.group) details.group = scope.resource.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/**
 * Deletes one object. Returns 200 with the removed object (Status Success for built-ins), or
 * 202 with the object marked for deletion while finalizers remain.
 */
export async function deleteObject(scope: Scope, opts: DeleteOptions): Promise<WriteResult> {
  const r = scope.resource;
  const { name, namespace } = scope.info;
  const old = scope.rt.store.get(keyOf(r), namespace || undefined, name);
  if (!old) throw notFound({ group: r.group, resource: r.resource }, name);
  checkPreconditions(scope, old, opts);
  const finalizer = old.metadata.deletionTimestamp ? undefined : policyFinalizer(opts);
  await admitDelete(scope, old, { kind: 'DeleteOptions', apiVersion: 'meta.k8s.io/v1', ...opts });
  const pending =
    (old.metadata.finalizers ?? []).length > 0 || finalizer !== undefined || isNamespaceResource(r);
  if (pending) return markPending(scope, old, finalizer);
  return removeNow(scope, old);
}

function markPending(scope: Scope, old: KubeObject, finalizer: string | undefined): WriteResult {
  const r = scope.resource;
  if (old.metadata.deletionTimestamp) return { object: old, code: 202 };
  const next = markedForDeletion(scope, old, finalizer);
  if (readyToRemove(r, next)) return removeNow(scope, next);
  if (scope.opts.dryRun) return { object: next, code: 202 };
  const stored = scope.rt.store.put(keyOf(r), next);
  scope.rt.afterWrite();
  return { object: stored, code: 202 };
}

function removeNow(scope: Scope, obj: KubeObject): WriteResult {
  const r = scope.resource;
  if (scope.opts.dryRun) return { object: r.builtin ? successStatus(scope, obj) : obj, code: 200 };
  const gone = removeObject(scope.rt, r, obj);
  return { object: r.builtin ? successStatus(scope, gone) : gone, code: 200 };
}

/** Deletes every object a list would return; answers the list of what was deleted or marked. */
export async function deleteCollection(
  scope: Scope,
  objects: KubeObject[],
  opts: DeleteOptions,
): Promise<WriteResult> {
  const items: KubeObject[] = [];
  for (const obj of objects) {
    const info = {
      ...scope.info,
      name: obj.metadata.name ?? '',
      namespace: obj.metadata.namespace ?? '',
      verb: 'delete',
    };
    try {
      const result = await deleteObject({ ...scope, info }, opts);
      items.push(result.object.kind === 'Status' ? obj : result.object);
    } catch (e) {
      // Deleted concurrently: kube's deletecollection ignores NotFound.
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
  const r = scope.resource;
  return {
    object: {
      apiVersion: apiVersionOf(r),
      kind: r.listKind,
      metadata: { resourceVersion: String(scope.rt.store.currentRv()) },
      items,
    },
    code: 200,
  };
}
