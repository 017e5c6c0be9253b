// The mutation of SveltosCluster objects: stamps the system labels users must not forge — the
// Kubernetes version (from `status.version`) and pull mode (from `spec.pullMode`) — overwriting
// any value a user wrote and leaving every other label alone. Returns RFC 6902 operations
// against the object as received. Pure; tests in sveltos-cluster-mutation.test.ts.
import semver from 'semver';
import { isValidLabelValue } from '../k8s-names.js';
import { K8S_VERSION_LABEL, PULL_MODE_LABEL } from '../labels.js';
import { isRecord } from './field-checks.js';
import { readPullMode } from './sveltos-cluster.js';

/** One RFC 6902 operation (the subset the mutation emits). */
export type JsonPatchOperation =
  { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

/**
 * The label value for a probed Kubernetes version: `vMAJOR.MINOR.PATCH` (build metadata such
 * as `+k3s1` is not allowed in label values), or undefined when unknown.
 */
export function k8sVersionLabelValue(version: unknown): string | undefined {
  if (typeof version !== 'string' || version === '') return undefined;
  const parsed = semver.coerce(version);
  if (parsed === null) return isValidLabelValue(version).length === 0 ? version : undefined;
  return `v${parsed.major}.${parsed.minor}.${parsed.patch}`;
}

/**
 * The system labels a SveltosCluster must carry. Version: from `status.version`; when unknown,
 * the value already stored (`old`) is kept, otherwise the label is absent. Pull mode: `"true"`
 * or `"false"` from `spec.pullMode`.
 */
export function desiredSystemLabels(
  obj: unknown,
  old?: unknown,
): Record<string, string | undefined> {
  const status = isRecord(obj) && isRecord(obj.status) ? obj.status : {};
  const stored = readLabels(old)[K8S_VERSION_LABEL];
  const version =
    k8sVersionLabelValue(status.version) ?? (typeof stored === 'string' ? stored : undefined);
  return {
    [K8S_VERSION_LABEL]: version,
    [PULL_MODE_LABEL]: readPullMode(obj) ? 'true' : 'false',
  };
}

/**
 * JSON patch that stamps the system labels on `obj` (pass the stored object as `old` on update).
 * Empty when the labels are already right. Never throws; a non-object yields no patch.
 */
export function mutateSveltosCluster(obj: unknown, old?: unknown): JsonPatchOperation[] {
  if (!isRecord(obj)) return [];
  const labels = readLabels(obj);
  const desired = desiredSystemLabels(obj, old);
  if (!isRecord(obj.metadata)) {
    return [{ op: 'add', path: '/metadata', value: { labels: definedOnly(desired) } }];
  }
  if (!isRecord(obj.metadata.labels)) {
    return [{ op: 'add', path: '/metadata/labels', value: definedOnly(desired) }];
  }
  const ops: JsonPatchOperation[] = [];
  for (const [key, value] of Object.entries(desired)) {
    const path = `/metadata/labels/${escapePointer(key)}`;
    const present = Object.hasOwn(labels, key);
    if (value === undefined && present) ops.push({ op: 'remove', path });
    if (value !== undefined && labels[key] !== value) ops.push({ op: 'add', path, value });
  }
  return ops;
}

function readLabels(obj: unknown): Record<string, unknown> {
  if (!isRecord(obj) || !isRecord(obj.metadata) || !isRecord(obj.metadata.labels)) return {};
  return obj.metadata.labels;
}

function definedOnly(labels: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (value !== undefined) out[key] = value;
  return out;
}

/** RFC 6901 escaping of one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
