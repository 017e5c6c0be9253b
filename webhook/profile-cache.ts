// A short-lived cache of the stored ClusterProfiles, Profiles and SveltosClusters the profile
// validators read (dependency cycles, release overlaps). One list per TTL at most, concurrent
// lookups share one fetch, and profiles admitted since the last list are overlaid so two quick
// creates still see each other. Tests in profile-cache.test.ts.
import { CLUSTER_PROFILE, PROFILE, SVELTOS_CLUSTER } from '../api/gvk.js';
import type { ClusterLike, ObjectLike, ValidationContext } from '../api/validation/index.js';
import type { KubeClient, KubeObject } from '../lib/kube-client.js';
import { ResourceTypeNotFoundError } from '../lib/kube-errors.js';

/** Reads the stored objects; rejects when the API cannot be reached. */
export type ObjectLister = () => Promise<{ profiles: ObjectLike[]; clusters: ClusterLike[] }>;

export interface ProfileCacheOptions {
  list: ObjectLister;
  /** How long one list is reused (default 5 s). */
  ttlMs?: number;
  /** How long a stale list still serves when a refresh fails (default 60 s). */
  staleMs?: number;
  now?: () => number;
}

export interface ProfileCache {
  lookup(): Promise<ValidationContext>;
  remember(obj: unknown): void;
}

interface Snapshot {
  fetchedAt: number;
  profiles: ObjectLike[];
  clusters: ClusterLike[];
}

/** Creates the cache. Nothing is fetched until the first lookup. */
export function createProfileCache(opts: ProfileCacheOptions): ProfileCache {
  const ttlMs = opts.ttlMs ?? 5_000;
  const staleMs = opts.staleMs ?? 60_000;
  const now = opts.now ?? Date.now;
  let snapshot: Snapshot | undefined;
  let inflight: Promise<Snapshot> | undefined;
  const remembered = new Map<string, { at: number; obj: ObjectLike }>();

  const refresh = async (): Promise<Snapshot> => {
    const startedAt = now();
    const listed = await opts.list();
    for (const [key, entry] of remembered) if (entry.at < startedAt) remembered.delete(key);
    snapshot = { fetchedAt: startedAt, ...listed };
    return snapshot;
  };
  const current = async (): Promise<Snapshot> => {
    if (snapshot && now() - snapshot.fetchedAt < ttlMs) return snapshot;
    inflight ??= refresh().finally(() => (inflight = undefined));
    try {
      return await inflight;
    } catch (err) {
      if (snapshot && now() - snapshot.fetchedAt < staleMs) return snapshot;
      throw err;
    }
  };
  return {
    async lookup() {
      const snap = await current();
      return { profiles: overlay(snap.profiles, remembered), clusters: snap.clusters };
    },
    remember(obj) {
      const key = keyOf(obj);
      if (key) remembered.set(key, { at: now(), obj: obj as ObjectLike });
    },
  };
}

function overlay(
  profiles: ObjectLike[],
  remembered: Map<string, { obj: ObjectLike }>,
): ObjectLike[] {
  if (remembered.size === 0) return profiles;
  const kept = profiles.filter((p) => !remembered.has(keyOf(p) ?? ''));
  return [...kept, ...[...remembered.values()].map((e) => e.obj)];
}

function keyOf(obj: unknown): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const { kind, metadata } = obj as {
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  if (typeof kind !== 'string' || typeof metadata?.name !== 'string') return undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return `${kind}/${namespace}/${metadata.name}`;
}

/** A lister reading through the API with `client` (kinds whose CRD is missing read as empty). */
export function kubeObjectLister(client: KubeClient): ObjectLister {
  return async () => {
    const [clusterProfiles, profiles, clusters] = await Promise.all([
      listOrEmpty(client, CLUSTER_PROFILE.apiVersion, CLUSTER_PROFILE.kind),
      listOrEmpty(client, PROFILE.apiVersion, PROFILE.kind),
      listOrEmpty(client, SVELTOS_CLUSTER.apiVersion, SVELTOS_CLUSTER.kind),
    ]);
    return { profiles: [...clusterProfiles, ...profiles], clusters: clusters.map(toClusterLike) };
  };
}

async function listOrEmpty(
  client: KubeClient,
  apiVersion: string,
  kind: string,
): Promise<KubeObject[]> {
  try {
    return await client.list(apiVersion, kind);
  } catch (err) {
    if (err instanceof ResourceTypeNotFoundError) return [];
    throw err;
  }
}

function toClusterLike(obj: KubeObject): ClusterLike {
  return {
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name,
    labels: obj.metadata.labels ?? {},
  };
}
