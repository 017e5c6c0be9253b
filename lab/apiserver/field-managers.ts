// Adapter between the write path and the patch developer's field-manager functions
// (lab/apiserver/patch/*): managedFields bookkeeping for create/update/patch, server-side
// apply with conflicts, and strategic merge patch of built-in kinds.
import { applyMergePatch } from './patch/merge-patch.js';
import { applyStrategicMergePatch } from './patch/strategic-merge-patch.js';
import type { GroupVersionKind, KubeObject } from './types.js';

/** Input of `recordUpdate` (see docs/lab-architecture.md). */
export interface RecordUpdateInput {
  live: KubeObject | undefined;
  updated: KubeObject;
  manager: string;
  now: string;
  subresource?: string;
  gvk: GroupVersionKind;
}

/** Input of `serverSideApply`. */
export interface ApplyInput extends RecordUpdateInput {
  force: boolean;
}

// PENDING(patch): replaced by imports from ./patch/* once they land.
export function recordManagedUpdate(input: RecordUpdateInput): KubeObject {
  return input.updated;
}

export function serverSideApplyObject(input: ApplyInput): KubeObject {
  const base = input.live ?? { metadata: {} };
  return applyMergePatch(base, input.updated) as KubeObject;
}

/** Strategic merge patch of a built-in object (merge keys from the Go types). */
export function strategicMergePatch(
  original: KubeObject,
  patch: Record<string, unknown>,
  gvk: GroupVersionKind,
): KubeObject {
  return applyStrategicMergePatch(original, patch, gvk);
}
