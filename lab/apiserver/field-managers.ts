// Adapter between the write path and the patch developer's field-manager functions
// (lab/apiserver/patch/*): managedFields bookkeeping for create/update/patch, server-side
// apply with conflicts, and strategic merge patch of built-in kinds.
import { applyMergePatch } from './patch/merge-patch.js';
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

function dropDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropDirectives);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = dropDirectives(v);
  return out;
}

export function strategicMergePatch(
  original: KubeObject,
  patch: Record<string, unknown>,
  _gvk: GroupVersionKind,
): KubeObject {
  return applyMergePatch(original, dropDirectives(patch)) as KubeObject;
}
