// Informer events → work-queue keys (STYLE §2: watches only enqueue; reconcilers re-read the
// caches). Every mapping runs on the in-memory caches; status-only updates of an object do not
// requeue that object, but do reach the controllers that read its status (a summary's status
// feeds its profile's; a cluster's readiness gates its summaries; a pull agent's heartbeat
// re-judges its cluster). The pull agent's ConfigurationGroup reports wake their summaries
// through pull/group-watch.ts (its own informer, wired in start.ts).
import type { ClusterSet, ClusterSummary, SveltosCluster, SveltosSet } from '../api/types/index.js';
import type { CachedObject, Informer } from '../lib/informer.js';
import { clusterKey, clustersForSecret } from './clusters/cluster-mappers.js';
import type { ControllerOptions, ControllerStores } from './context.js';
import { labelsChanged, metaChanged } from './operations/event-predicates.js';
import type { ControllerInformers } from './operations/informers.js';
import type { ReconcileLoop } from './operations/reconcile-loop.js';
import {
  profileForSummary,
  profilesForCluster,
  profilesForSet,
} from './profiles/profile-mappers.js';
import { profileKey, refOfProfile } from './profiles/profile-ref.js';
import type { AnyProfile } from './profiles/profile-ref.js';
import {
  featureHashReset,
  summariesForCluster,
  summariesAfterWithdrawal,
  summariesForSource,
  summariesWithHelm,
  summaryKey,
} from './summaries/summary-mappers.js';

export interface ControllerLoops {
  clusters: ReconcileLoop;
  profiles: ReconcileLoop;
  summaries: ReconcileLoop;
}

type Handler<T> = (obj: T, old?: T) => void;

function onAll<T>(informer: Informer<CachedObject>, handler: Handler<T>): void {
  const h = handler as Handler<CachedObject>;
  informer.on('add', (o) => h(o));
  informer.on('update', h);
  informer.on('delete', (o) => h(o));
}

function addAll(loop: ReconcileLoop, keys: readonly string[]): void {
  for (const key of keys) loop.add(key);
}

function heartbeatChanged(c: SveltosCluster, old: SveltosCluster | undefined): boolean {
  return c.status?.agentLastReportTime !== old?.status?.agentLastReportTime;
}

function deliveryStateChanged(c: SveltosCluster, old: SveltosCluster | undefined): boolean {
  if (!old) return true;
  return (
    c.status?.ready !== old.status?.ready ||
    c.spec?.paused !== old.spec?.paused ||
    c.metadata.deletionTimestamp !== old.metadata.deletionTimestamp
  );
}

function watchClusters(
  i: ControllerInformers,
  loops: ControllerLoops,
  stores: ControllerStores,
): void {
  onAll<SveltosCluster>(i.clusters, (c, old) => {
    if (metaChanged(c, old) || heartbeatChanged(c, old)) loops.clusters.add(clusterKey(c));
    if (labelsChanged(c, old)) addAll(loops.profiles, profilesForCluster(stores, c));
    if (deliveryStateChanged(c, old))
      addAll(loops.summaries, summariesForCluster(stores.summaries, c));
  });
}

function watchProfiles(i: ControllerInformers, loops: ControllerLoops): void {
  const handler = (p: AnyProfile, old?: AnyProfile): void => {
    if (metaChanged(p, old)) loops.profiles.add(profileKey(refOfProfile(p)));
  };
  onAll(i.clusterProfiles, handler);
  onAll(i.profiles, handler);
}

function watchSummaries(
  i: ControllerInformers,
  loops: ControllerLoops,
  stores: ControllerStores,
): void {
  onAll<ClusterSummary>(i.summaries, (s, old) => {
    if (metaChanged(s, old) || featureHashReset(s, old)) loops.summaries.add(summaryKey(s));
    addAll(loops.profiles, profileForSummary(s));
  });
  // A withdrawn winner of a tier conflict hands its releases and objects to the losers.
  i.summaries.on('delete', (s) =>
    addAll(loops.summaries, summariesAfterWithdrawal(stores.summaries, s as ClusterSummary)),
  );
}

function watchSources(
  i: ControllerInformers,
  loops: ControllerLoops,
  stores: ControllerStores,
  options: ControllerOptions,
): void {
  const mirror = options.helmRepositoryMirrorConfigMap;
  onAll<CachedObject>(i.configMaps, (cm) => {
    const { name = '', namespace = '' } = cm.metadata ?? {};
    addAll(
      loops.summaries,
      summariesForSource(stores.summaries, { kind: 'ConfigMap', namespace, name }),
    );
    if (mirror?.name === name && mirror.namespace === namespace) {
      addAll(loops.summaries, summariesWithHelm(stores.summaries));
    }
  });
  onAll<CachedObject>(i.secrets, (secret) => {
    const { name = '', namespace = '' } = secret.metadata ?? {};
    addAll(loops.clusters, clustersForSecret(stores.clusters, { metadata: { name, namespace } }));
    addAll(
      loops.summaries,
      summariesForSource(stores.summaries, { kind: 'Secret', namespace, name }),
    );
  });
}

function watchSets(i: ControllerInformers, loops: ControllerLoops, stores: ControllerStores): void {
  const handler = (set: ClusterSet | SveltosSet): void =>
    addAll(loops.profiles, profilesForSet(stores, set));
  onAll(i.clusterSets, handler);
  onAll(i.sets, handler);
}

/** Subscribes the loops to every informer. */
export function wireWatches(
  informers: ControllerInformers,
  loops: ControllerLoops,
  stores: ControllerStores,
  options: ControllerOptions,
): void {
  watchClusters(informers, loops, stores);
  watchProfiles(informers, loops);
  watchSummaries(informers, loops, stores);
  watchSources(informers, loops, stores, options);
  watchSets(informers, loops, stores);
}

/** Every key each loop starts with (all objects in the caches). */
export function initialKeys(stores: ControllerStores): Record<keyof ControllerLoops, string[]> {
  return {
    clusters: stores.clusters.list().map(clusterKey),
    profiles: [...stores.clusterProfiles.list(), ...stores.profiles.list()].map((p) =>
      profileKey(refOfProfile(p)),
    ),
    summaries: stores.summaries.list().map(summaryKey),
  };
}
