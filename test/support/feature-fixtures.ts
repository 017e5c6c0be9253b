// Builders for the push/feature tests: FeatureTargets (summary + cluster + owner) and in-memory
// read-only stores of ConfigMaps/Secrets (plain data behind the ObjectStore interface, the shape
// the controller's informer caches have). Owned by the push developer.
import { CLUSTER_SUMMARY, SVELTOS_CLUSTER } from '../../api/gvk.js';
import { CLUSTER_PROFILE_SECRET_TYPE } from '../../api/labels.js';
import { clusterSummaryName } from '../../api/naming.js';
import type { ClusterSummary, ProfileKind, Spec, SveltosCluster } from '../../api/types/index.js';
import type { ConfigMapObject, SecretObject } from '../../controller/context.js';
import type { FeatureTarget } from '../../controller/features/feature-types.js';
import type { ObjectStore } from '../../lib/informer.js';

export interface TargetOptions {
  kind?: ProfileKind;
  profile?: string;
  clusterNamespace?: string;
  cluster?: string;
  tier?: number;
  spec?: Spec;
}

/** A FeatureTarget for one profile and one SveltosCluster; the summary copies `spec`. */
export function aTarget(opts: TargetOptions = {}): FeatureTarget {
  const kind = opts.kind ?? 'ClusterProfile';
  const profile = opts.profile ?? 'deploy-kyverno';
  const namespace = opts.clusterNamespace ?? 'aks';
  const clusterName = opts.cluster ?? 'cluster02';
  const tier = opts.tier ?? opts.spec?.tier ?? 100;
  const cluster: SveltosCluster = {
    apiVersion: SVELTOS_CLUSTER.apiVersion as SveltosCluster['apiVersion'],
    kind: 'SveltosCluster',
    metadata: { name: clusterName, namespace },
    spec: {},
  };
  const summary: ClusterSummary = {
    apiVersion: CLUSTER_SUMMARY.apiVersion as ClusterSummary['apiVersion'],
    kind: 'ClusterSummary',
    metadata: { name: clusterSummaryName(kind, profile, clusterName), namespace },
    spec: {
      clusterName,
      clusterNamespace: namespace,
      clusterType: 'Sveltos',
      clusterProfileSpec: { ...opts.spec, tier },
    },
  };
  return { summary, cluster, profileKind: kind, profileName: profile, tier };
}

/** A read-only store over fixed objects, keyed by namespace/name. */
export function memoryStore<T extends { metadata: { name?: string; namespace?: string } }>(
  items: T[] = [],
): ObjectStore<T> & { put(item: T): void; remove(name: string, namespace?: string): void } {
  const map = new Map<string, T>();
  const key = (name: string, ns?: string): string => `${ns ?? ''}/${name}`;
  for (const item of items) map.set(key(item.metadata.name ?? '', item.metadata.namespace), item);
  return {
    get: (name, namespace) => map.get(key(name, namespace)),
    list: (namespace) =>
      [...map.values()].filter(
        (i) => namespace === undefined || i.metadata.namespace === namespace,
      ),
    put: (item) => map.set(key(item.metadata.name ?? '', item.metadata.namespace), item),
    remove: (name, namespace) => map.delete(key(name, namespace)),
  };
}

export function aConfigMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
  annotations?: Record<string, string>,
): ConfigMapObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
    data,
  };
}

/** A Secret with `data` base64-encoded; type defaults to Sveltos' cluster-profile type. */
export function aSecret(
  namespace: string,
  name: string,
  data: Record<string, string>,
  type: string = CLUSTER_PROFILE_SECRET_TYPE,
): SecretObject {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type, data: encoded };
}

/** Stores holding the given ConfigMaps and Secrets. */
export function sourceStores(
  configMaps: ConfigMapObject[] = [],
  secrets: SecretObject[] = [],
): {
  configMaps: ReturnType<typeof memoryStore<ConfigMapObject>>;
  secrets: ReturnType<typeof memoryStore<SecretObject>>;
} {
  return { configMaps: memoryStore(configMaps), secrets: memoryStore(secrets) };
}
