// Watches the ConfigurationGroups the controller stages for pull-mode clusters, so a summary is
// reconciled as soon as its agent reports (instead of at the pull deliverer's next requeue).
// Only groups requested by ClusterSummaries are cached (label selector); only a change of the
// agent's report (status) enqueues — never our own spec writes. It only enqueues keys; the pull
// deliverer re-reads the group. Tests: group-watch.test.ts (against the lab API server).
import type { KubeConfig } from '@kubernetes/client-node';
import { CLUSTER_SUMMARY, CONFIGURATION_GROUP } from '../../api/gvk.js';
import {
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
} from '../../api/labels.js';
import type { ConfigurationGroupStatus } from '../../api/types/index.js';
import { Informer } from '../../lib/informer.js';
import type { CachedObject, ObjectList } from '../../lib/informer.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import type { Logger } from '../../lib/logger.js';
import { apiVersionOf, collectionPath } from '../../lib/resource-paths.js';

/** A ConfigurationGroup as the watch sees it (only what the mapping reads). */
export interface WatchedGroup extends CachedObject {
  metadata?: CachedObject['metadata'] & {
    annotations?: Record<string, string>;
    ownerReferences?: { kind?: string; name?: string }[];
  };
  status?: ConfigurationGroupStatus;
}

/** Where keys go (the summaries' ReconcileLoop). */
export interface KeyQueue {
  add(key: string): void;
}

/** Selects the groups staged for ClusterSummaries (Sveltos' requestor-kind label). */
export const GROUP_SELECTOR = `${PULL_MODE_REQUESTOR_KIND_LABEL}=${CLUSTER_SUMMARY.kind}`;

const PAGE_SIZE = '500';

async function listGroups(http: KubeHttpClient): Promise<ObjectList<WatchedGroup>> {
  const path = collectionPath(CONFIGURATION_GROUP);
  const items: WatchedGroup[] = [];
  let resourceVersion: string | undefined;
  let next: string | undefined;
  do {
    const page = await http.request<
      ObjectList<WatchedGroup> & { metadata?: { continue?: string } }
    >({
      method: 'GET',
      path,
      query: { labelSelector: GROUP_SELECTOR, limit: PAGE_SIZE, continue: next },
      op: { verb: 'list', kind: CONFIGURATION_GROUP.kind },
    });
    for (const item of page.items)
      items.push({
        ...item,
        apiVersion: apiVersionOf(CONFIGURATION_GROUP),
        kind: 'ConfigurationGroup',
      } as WatchedGroup);
    resourceVersion = page.metadata?.resourceVersion;
    next = page.metadata?.continue || undefined;
  } while (next);
  return { metadata: { resourceVersion }, items };
}

/** Creates (not starts) the informer of staged ConfigurationGroups in every namespace. */
export function createGroupInformer(opts: {
  kubeConfig: KubeConfig;
  http: KubeHttpClient;
  logger: Logger;
}): Informer<WatchedGroup> {
  return new Informer<WatchedGroup>({
    kubeConfig: opts.kubeConfig,
    path: collectionPath(CONFIGURATION_GROUP),
    labelSelector: GROUP_SELECTOR,
    list: () => listGroups(opts.http),
    logger: opts.logger.child({ informer: CONFIGURATION_GROUP.kind }),
  });
}

/**
 * `namespace/name` of the ClusterSummary that requested a group (the requestor-name annotation,
 * else a ClusterSummary owner reference; a summary lives in its group's namespace), or undefined.
 */
export function summaryKeyOfGroup(group: WatchedGroup): string | undefined {
  const meta = group.metadata;
  const namespace = meta?.namespace;
  if (!namespace) return undefined;
  const byAnnotation = meta.annotations?.[PULL_MODE_REQUESTOR_NAME_ANNOTATION];
  const owner = meta.ownerReferences?.find((o) => o.kind === CLUSTER_SUMMARY.kind)?.name;
  const name = byAnnotation || owner;
  return name ? `${namespace}/${name}` : undefined;
}

/** True when the agent's report differs (status, observedGeneration, observedRequestorHash …). */
export function groupReportChanged(group: WatchedGroup, old: WatchedGroup | undefined): boolean {
  if (!old) return group.status !== undefined;
  return JSON.stringify(group.status ?? null) !== JSON.stringify(old.status ?? null);
}

/** Enqueues a group's summary whenever its agent's report changes. */
export function watchGroups(informer: Informer<WatchedGroup>, summaries: KeyQueue): void {
  const enqueue = (group: WatchedGroup, old?: WatchedGroup): void => {
    if (!groupReportChanged(group, old)) return;
    const key = summaryKeyOfGroup(group);
    if (key) summaries.add(key);
  };
  informer.on('add', (g) => enqueue(g));
  informer.on('update', enqueue);
}
