// Loads the ConfigMaps and Secrets that policyRefs and valuesFrom reference, from the
// controller's read-only caches: namespace defaulting as Sveltos does it, `optional`, the
// Secret type Sveltos requires, and base64 decoding. Pure over the caches it is given (no
// requests); misses are errors the reconciler retries. Tests: source-loader.test.ts.
import { CLUSTER_PROFILE_SECRET_TYPE, TEMPLATE_ANNOTATION } from '../../api/labels.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import type { ConfigMapObject, ControllerStores, SecretObject } from '../context.js';
import type { FeatureTarget } from './feature-types.js';

/** The caches a resolver reads referenced objects from. */
export type SourceStores = Pick<ControllerStores, 'configMaps' | 'secrets'>;

/** A reference to a ConfigMap or Secret, as written in the profile. */
export interface SourceRequest {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string | undefined;
  optional?: boolean | undefined;
  /** The profile field, e.g. `policyRefs[0]`, for messages. */
  field: string;
  /** policyRefs only accept Secrets of Sveltos' cluster-profile type. */
  requireProfileSecretType?: boolean;
}

/** One loaded source: its resolved namespace and its data entries sorted by key. */
export interface LoadedSource {
  kind: 'ConfigMap' | 'Secret';
  namespace: string;
  name: string;
  /** Annotations of the source (e.g. the template marker). */
  annotations: Record<string, string>;
  entries: Array<{ key: string; text: string }>;
}

/** A referenced ConfigMap/Secret that does not exist (yet); retried. */
export class ReferenceNotFoundError extends Error {
  override readonly name = 'ReferenceNotFoundError';
  readonly reason = 'ReferenceNotFound';
}

/**
 * Namespace of a referenced object: for a ClusterProfile the given one or, when empty, the
 * cluster's namespace (Sveltos' rule); a Profile may only read its own namespace.
 */
export function referenceNamespace(target: FeatureTarget, req: SourceRequest): string {
  const clusterNamespace = target.cluster.metadata.namespace ?? '';
  if (target.profileKind === 'ClusterProfile') return req.namespace || clusterNamespace;
  const own = target.summary.metadata.namespace ?? clusterNamespace;
  if (req.namespace && req.namespace !== own) {
    throw new NonRetriableError(
      'InvalidReference',
      `${req.field}.namespace "${req.namespace}" of Profile ${target.profileName}: a Profile may only reference its own namespace "${own}"`,
    );
  }
  return own;
}

/**
 * Loads one referenced source; `undefined` when it is missing and optional. Throws
 * ReferenceNotFoundError when a required one is missing, NonRetriableError for a Secret whose
 * type Sveltos refuses.
 */
export function loadSource(
  stores: SourceStores,
  target: FeatureTarget,
  req: SourceRequest,
): LoadedSource | undefined {
  const namespace = referenceNamespace(target, req);
  const found =
    req.kind === 'ConfigMap'
      ? stores.configMaps.get(req.name, namespace)
      : stores.secrets.get(req.name, namespace);
  if (!found) {
    if (req.optional) return undefined;
    throw new ReferenceNotFoundError(
      `${req.kind} ${namespace}/${req.name} referenced by ${req.field} of ${target.profileKind} ${target.profileName} does not exist`,
    );
  }
  const base = { kind: req.kind, namespace, name: req.name };
  const annotations = found.metadata.annotations ?? {};
  if (req.kind === 'ConfigMap') {
    return { ...base, annotations, entries: configMapEntries(found) };
  }
  if (req.requireProfileSecretType) {
    checkSecretType(found, `${namespace}/${req.name}`, req.field);
  }
  return { ...base, annotations, entries: secretEntries(found) };
}

function checkSecretType(secret: SecretObject, ref: string, field: string): void {
  if (secret.type === CLUSTER_PROFILE_SECRET_TYPE) return;
  throw new NonRetriableError(
    'InvalidSecretType',
    `Secret ${ref} referenced by ${field} has type "${secret.type ?? 'Opaque'}"; only Secrets of type ${CLUSTER_PROFILE_SECRET_TYPE} can be referenced`,
  );
}

function configMapEntries(cm: ConfigMapObject): Array<{ key: string; text: string }> {
  const entries = Object.entries(cm.data ?? {}).map(([key, text]) => ({ key, text }));
  for (const [key, b64] of Object.entries(cm.binaryData ?? {})) {
    entries.push({ key, text: Buffer.from(b64, 'base64').toString('utf8') });
  }
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function secretEntries(secret: SecretObject): Array<{ key: string; text: string }> {
  return Object.entries(secret.data ?? {})
    .map(([key, b64]) => ({ key, text: Buffer.from(b64, 'base64').toString('utf8') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Refuses sources Sveltos would instantiate as templates or Lua, which we do not support yet. */
export function checkPlainSource(source: LoadedSource, field: string): void {
  if (source.annotations[TEMPLATE_ANNOTATION] === undefined) return;
  throw new NonRetriableError(
    'TemplatesUnsupported',
    `${source.kind} ${source.namespace}/${source.name} referenced by ${field} is annotated ${TEMPLATE_ANNOTATION}; templated sources are not supported`,
  );
}
