// The `scale` subresource of built-in workloads (autoscaling/v1 Scale): GET reads
// spec.replicas, status.replicas and the selector; PUT and PATCH write spec.replicas of the
// parent through the normal update path (so generation and watches behave as for any write).
import { formatRequirements, labelSelectorToRequirements } from '../../api/label-selector.js';
import type { LabelSelector } from '../../api/label-selector.js';
import type { PatchKind } from './body-decode.js';
import { applyJsonPatch } from './patch/json-patch.js';
import { applyMergePatch } from './patch/merge-patch.js';
import { cloneJson } from './object-rules.js';
import { getObject } from './read-list.js';
import type { Scope } from './scope.js';
import { badRequest, conflict } from './status-errors.js';
import type { KubeObject } from './types.js';
import type { WriteResult } from './write-create.js';
import { commitUpdate } from './write-update.js';

interface Workload {
  spec?: { replicas?: number; selector?: LabelSelector };
  status?: { replicas?: number };
}

/** The Scale view of a workload. */
export function scaleOf(parent: KubeObject): KubeObject {
  const w = parent as KubeObject & Workload;
  const selector = w.spec?.selector
    ? formatRequirements(labelSelectorToRequirements(w.spec.selector))
    : '';
  const { name, namespace, uid, resourceVersion, creationTimestamp } = parent.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: w.spec?.replicas ?? 0 },
    status: { replicas: w.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** GET .../NAME/scale. */
export function getScale(scope: Scope): KubeObject {
  return scaleOf(getObject(scope.rt, scope.resource, scope.info.namespace, scope.info.name));
}

function replicasOf(scale: unknown): number {
  const replicas = (scale as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest('Scale.spec.replicas must be a non-negative integer');
  }
  return replicas;
}

async function writeReplicas(
  scope: Scope,
  parent: KubeObject,
  scale: unknown,
): Promise<WriteResult> {
  const rv = (scale as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
  if (rv && rv !== parent.metadata.resourceVersion) {
    throw conflict(
      { group: scope.resource.group, resource: scope.resource.resource },
      parent.metadata.name ?? '',
    );
  }
  const next = cloneJson(parent);
  next.spec = { ...(next.spec ?? {}), replicas: replicasOf(scale) };
  const result = await commitUpdate(scope, parent, next, { subresource: '' });
  return { object: scaleOf(result.object), code: 200 };
}

/** PUT .../NAME/scale. */
export async function updateScale(scope: Scope, body: unknown): Promise<WriteResult> {
  const parent = getObject(scope.rt, scope.resource, scope.info.namespace, scope.info.name);
  return writeReplicas(scope, parent, body);
}

/** PATCH .../NAME/scale (merge or JSON patch of the Scale object). */
export async function patchScale(
  scope: Scope,
  kind: PatchKind,
  patch: unknown,
): Promise<WriteResult> {
  const parent = getObject(scope.rt, scope.resource, scope.info.namespace, scope.info.name);
  const scale = scaleOf(parent);
  const patched = kind === 'json' ? applyJsonPatch(scale, patch) : applyMergePatch(scale, patch);
  return writeReplicas(scope, parent, patched);
}
