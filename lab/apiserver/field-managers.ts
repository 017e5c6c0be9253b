// Adapter between the write path and the patch developer's field-manager functions
// (lab/apiserver/patch/*): managedFields bookkeeping for create/update/patch, server-side
// apply with conflicts, and strategic merge patch of built-in kinds.
import { recordUpdate } from './patch/managed-fields.js';
import { serverSideApply } from './patch/server-side-apply.js';
import { applyStrategicMergePatch } from './patch/strategic-merge-patch.js';
import type { GroupVersionKind, KubeObject, ListTypeLookup } from './types.js';

/** Input of `recordUpdate` (see docs/lab-architecture.md). */
export interface RecordUpdateInput {
  live: KubeObject | undefined;
  updated: KubeObject;
  manager: string;
  now: string;
  subresource?: string;
  gvk: GroupVersionKind;
  listTypes?: ListTypeLookup;
}

/** Input of `serverSideApply`. */
export interface ApplyInput {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  now: string;
  subresource?: string;
  gvk: GroupVersionKind;
  listTypes?: ListTypeLookup;
}

/** managedFields of a create/update/patch (operation Update). */
export function recordManagedUpdate(input: RecordUpdateInput): KubeObject {
  return recordUpdate(input);
}

/** Server-side apply; throws ApplyConflictError (409) on conflicts unless forced. */
export function serverSideApplyObject(input: ApplyInput): KubeObject {
  return serverSideApply(input);
}

/** Strategic merge patch of a built-in object (merge keys from the Go types). */
export function strategicMergePatch(
  original: KubeObject,
  patch: Record<string, unknown>,
  gvk: GroupVersionKind,
): KubeObject {
  return applyStrategicMergePatch(original, patch, gvk);
}
