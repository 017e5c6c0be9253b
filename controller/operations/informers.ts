// The controller's informers on the management cluster, one per kind it reads: SveltosCluster,
// ClusterProfile, Profile, ClusterSummary, ClusterSet, Set, and the ConfigMaps and Secrets that
// profiles and clusters reference. Lists are paginated and go over the kept-alive client; the
// caches are exposed read-only as ControllerStores. Started before leader election (a standby
// keeps warm caches), as controller-runtime does.
import {
  CLUSTER_PROFILE,
  CLUSTER_SET,
  CLUSTER_SUMMARY,
  PROFILE,
  SET,
  SVELTOS_CLUSTER,
} from '../../api/gvk.js';
import type { KubeConfig } from '@kubernetes/client-node';
import { Informer } from '../../lib/informer.js';
import type { CachedObject, ObjectList } from '../../lib/informer.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import type { Logger } from '../../lib/logger.js';
import { CONFIG_MAPS, SECRETS, apiVersionOf, collectionPath } from '../../lib/resource-paths.js';
import type { ResourceType } from '../../lib/resource-paths.js';
import type { ControllerStores } from '../context.js';

/** Informers by the name of their store. */
export type ControllerInformers = { [K in keyof ControllerStores]: Informer<CachedObject> };

const RESOURCES: Record<keyof ControllerStores, ResourceType> = {
  clusters: SVELTOS_CLUSTER,
  clusterProfiles: CLUSTER_PROFILE,
  profiles: PROFILE,
  summaries: CLUSTER_SUMMARY,
  configMaps: CONFIG_MAPS,
  secrets: SECRETS,
  clusterSets: CLUSTER_SET,
  sets: SET,
};

const PAGE_SIZE = '500';

/** Lists a whole collection page by page; items get apiVersion and kind (lists omit them). */
export async function listAll<T>(http: KubeHttpClient, rt: ResourceType): Promise<ObjectList<T>> {
  const path = collectionPath(rt);
  const items: T[] = [];
  let resourceVersion: string | undefined;
  let next: string | undefined;
  do {
    const page = await http.request<ObjectList<T> & { metadata?: { continue?: string } }>({
      method: 'GET',
      path,
      query: { limit: PAGE_SIZE, continue: next },
      op: { verb: 'list', kind: rt.kind },
    });
    for (const item of page.items)
      items.push({ ...item, apiVersion: apiVersionOf(rt), kind: rt.kind });
    resourceVersion = page.metadata?.resourceVersion;
    next = page.metadata?.continue || undefined;
  } while (next);
  return { metadata: { resourceVersion }, items };
}

/** Creates (not starts) the informers. */
export function createInformers(opts: {
  kubeConfig: KubeConfig;
  http: KubeHttpClient;
  logger: Logger;
}): ControllerInformers {
  const make = (rt: ResourceType): Informer<CachedObject> =>
    new Informer<CachedObject>({
      kubeConfig: opts.kubeConfig,
      path: collectionPath(rt),
      list: () => listAll(opts.http, rt),
      logger: opts.logger.child({ informer: rt.kind }),
    });
  const entries = Object.entries(RESOURCES).map(([k, rt]) => [k, make(rt)] as const);
  return Object.fromEntries(entries) as ControllerInformers;
}

/** The read-only views of the informers. */
export function storesOf(informers: ControllerInformers): ControllerStores {
  return informers as unknown as ControllerStores;
}

/** '' when every informer has listed once, else which have not. */
export function unsyncedInformers(informers: ControllerInformers): string {
  const pending = Object.entries(informers)
    .filter(([, i]) => !i.hasSynced)
    .map(([name]) => name);
  return pending.length === 0 ? '' : `caches not synced: ${pending.join(', ')}`;
}

/** Starts every informer at once. */
export async function startInformers(informers: ControllerInformers): Promise<void> {
  await Promise.all(Object.values(informers).map((i) => i.start()));
}

export async function stopInformers(informers: ControllerInformers): Promise<void> {
  await Promise.all(Object.values(informers).map((i) => i.stop()));
}
