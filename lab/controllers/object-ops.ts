// Small read-modify-write helpers the lab controllers share: drop a finalizer, drop owner
// references, resolve an ownerReference's kind, and treat "already gone" as success. Each write
// is an update carrying the resourceVersion it read, so a concurrent change gives 409 and retry.
import type { InternalClient, ResourceRegistryView } from '../apiserver/extension-points.js';
import { isStatusError } from '../apiserver/status-errors.js';
import type { GroupVersionResource, KubeObject, ResourceInfo } from '../apiserver/types.js';

/** An object's address. */
export interface ObjectAddress {
  gvr: GroupVersionResource;
  namespace: string;
  name: string;
  uid?: string;
}

/** True for a StatusError with one of the given HTTP codes. */
export function hasStatusCode(err: unknown, ...codes: number[]): boolean {
  return isStatusError(err) && codes.includes(err.code);
}

/** Awaits a write and ignores NotFound (404) and a failed uid precondition (409 on delete). */
export async function ignoreGone<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (hasStatusCode(err, 404, 409)) return undefined;
    throw err;
  }
}

/** Awaits a create and ignores AlreadyExists (409). */
export async function ignoreExists<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (hasStatusCode(err, 409)) return undefined;
    throw err;
  }
}

function readLive(client: InternalClient, at: ObjectAddress): KubeObject | undefined {
  const live = client.get(at.gvr, at.namespace, at.name);
  if (!live || (at.uid && live.metadata.uid !== at.uid)) return undefined;
  return live;
}

/** Removes one finalizer from an object, if present; no-op when the object is gone. */
export async function removeFinalizer(
  client: InternalClient,
  at: ObjectAddress,
  finalizer: string,
): Promise<void> {
  const live = readLive(client, at);
  const finalizers = live?.metadata.finalizers ?? [];
  if (!live || !finalizers.includes(finalizer)) return;
  const metadata = { ...live.metadata, finalizers: finalizers.filter((f) => f !== finalizer) };
  await ignoreNotFound(client.update(at.gvr, { ...live, metadata }));
}

/** Removes the owner references with the given uids from an object. */
export async function removeOwnerReferences(
  client: InternalClient,
  at: ObjectAddress,
  ownerUids: string[],
): Promise<void> {
  const live = readLive(client, at);
  const refs = live?.metadata.ownerReferences ?? [];
  const kept = refs.filter((r) => !ownerUids.includes(r.uid));
  if (!live || kept.length === refs.length) return;
  const { ownerReferences: _dropped, ...rest } = live.metadata;
  const metadata = kept.length > 0 ? { ...rest, ownerReferences: kept } : rest;
  await ignoreNotFound(client.update(at.gvr, { ...live, metadata }));
}

/** Awaits a write and ignores NotFound (404) only. */
export async function ignoreNotFound<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (hasStatusCode(err, 404)) return undefined;
    throw err;
  }
}

/** The served resource of an `apiVersion` + `kind` (any served version of the group as fallback). */
export function resolveKind(
  registry: ResourceRegistryView,
  apiVersion: string,
  kind: string,
): ResourceInfo | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return (
    registry.byKind({ group, version, kind }) ??
    registry.all().find((r) => r.group === group && r.kind === kind)
  );
}
