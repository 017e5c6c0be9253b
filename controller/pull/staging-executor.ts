// Writes and removes one requestor's ConfigurationGroup and ConfigurationBundles on the
// management cluster, in Sveltos' order: an existing group is marked Preparing, bundles are
// written (each index updated in place), then the group (Ready, with the items and their hashes),
// then stale bundles deleted. Server-side apply with field manager `sveltos-controller`, so a
// repeat with the same content changes nothing. Plans come from group-plan.ts; no decisions here.
import { CONFIGURATION_BUNDLE, CONFIGURATION_GROUP } from '../../api/gvk.js';
import { configObjectName } from '../../api/naming.js';
import { NotFoundError } from '../../lib/kube-errors.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import type { ObjectList } from '../../lib/informer.js';
import { collectionPath, objectPath } from '../../lib/resource-paths.js';
import type { ResourceType } from '../../lib/resource-paths.js';
import { bundleHash } from './bundle-split.js';
import {
  assignBundleNames,
  bundleObject,
  groupObject,
  ownedBy,
  stagingSelector,
} from './group-plan.js';
import type {
  BundleContent,
  GroupSettings,
  PullRequestor,
  StagedBundle,
  StagedGroup,
} from './group-plan.js';

const FIELD_MANAGER = 'sveltos-controller';

async function listOwned<T extends StagedGroup | StagedBundle>(
  http: KubeHttpClient,
  rt: ResourceType,
  r: PullRequestor,
): Promise<T[]> {
  const list = await http.request<ObjectList<T>>({
    method: 'GET',
    path: collectionPath(rt, r.clusterNamespace),
    query: { labelSelector: stagingSelector(r) },
    op: { verb: 'list', kind: rt.kind, namespace: r.clusterNamespace },
  });
  return (list.items ?? []).filter((o) => ownedBy(o.metadata, r));
}

/** The requestor's groups, oldest first (there should be one at most). */
async function readGroups(http: KubeHttpClient, r: PullRequestor): Promise<StagedGroup[]> {
  const groups = await listOwned<StagedGroup>(http, CONFIGURATION_GROUP, r);
  return groups.sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
  );
}

/** The requestor's group (the oldest when, against the rules, there are several). */
export async function readGroup(
  http: KubeHttpClient,
  r: PullRequestor,
): Promise<StagedGroup | undefined> {
  return (await readGroups(http, r))[0];
}

/** The requestor's bundles. */
export function readBundles(http: KubeHttpClient, r: PullRequestor): Promise<StagedBundle[]> {
  return listOwned<StagedBundle>(http, CONFIGURATION_BUNDLE, r);
}

async function apply(
  http: KubeHttpClient,
  rt: ResourceType,
  obj: Record<string, unknown>,
): Promise<void> {
  const meta = obj.metadata as { name: string; namespace: string };
  await http.request({
    method: 'PATCH',
    path: objectPath(rt, meta.name, meta.namespace),
    query: { fieldManager: FIELD_MANAGER, force: 'true' },
    contentType: 'application/apply-patch+yaml',
    body: obj,
    op: { verb: 'apply', kind: rt.kind, name: meta.name, namespace: meta.namespace },
  });
}

async function remove(
  http: KubeHttpClient,
  rt: ResourceType,
  name: string,
  namespace: string,
): Promise<void> {
  try {
    await http.request({
      method: 'DELETE',
      path: objectPath(rt, name, namespace),
      op: { verb: 'delete', kind: rt.kind, name, namespace },
    });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
}

async function markPreparing(http: KubeHttpClient, group: StagedGroup): Promise<void> {
  const { name, namespace } = group.metadata;
  await http.request({
    method: 'PATCH',
    path: objectPath(CONFIGURATION_GROUP, name, namespace),
    contentType: 'application/merge-patch+json',
    body: { spec: { updatePhase: 'Preparing' } },
    op: { verb: 'patch', kind: CONFIGURATION_GROUP.kind, name, namespace },
  });
}

/** What was staged: the group's name and each bundle's size in bytes. */
export interface StagingResult {
  groupName: string;
  bundleBytes: number[];
}

/**
 * Stages a Deploy (or, with no contents, a Remove) group for the requestor: Preparing mark on
 * an existing group, bundles, group, stale bundles deleted.
 */
export async function stageGroup(
  http: KubeHttpClient,
  r: PullRequestor,
  contents: readonly BundleContent[],
  settings: GroupSettings,
): Promise<StagingResult> {
  const [group, ...extra] = await readGroups(http, r);
  // Duplicates (a crash between create and list elsewhere) would be applied twice by the agent.
  for (const g of extra)
    await remove(http, CONFIGURATION_GROUP, g.metadata.name, r.clusterNamespace);
  if (group) await markPreparing(http, group);
  const existing = await readBundles(http, r);
  const { names, stale } = assignBundleNames(existing, contents.length, () => configObjectName());
  const items: { bundleName: string; hash: string }[] = [];
  for (const [i, content] of contents.entries()) {
    await apply(http, CONFIGURATION_BUNDLE, bundleObject(r, names[i], i, content));
    items.push({ bundleName: names[i], hash: bundleHash(content.resources) });
  }
  const groupName = group?.metadata.name ?? configObjectName();
  await apply(http, CONFIGURATION_GROUP, groupObject(r, groupName, items, settings));
  for (const name of stale) await remove(http, CONFIGURATION_BUNDLE, name, r.clusterNamespace);
  return {
    groupName,
    bundleBytes: contents.map((c) => c.resources.reduce((n, t) => n + Buffer.byteLength(t), 0)),
  };
}

/** Deletes the requestor's bundles, then (when given) its group. */
export async function clearStaging(
  http: KubeHttpClient,
  r: PullRequestor,
  group: StagedGroup | undefined,
): Promise<void> {
  for (const b of await readBundles(http, r)) {
    await remove(http, CONFIGURATION_BUNDLE, b.metadata.name, r.clusterNamespace);
  }
  if (group) await remove(http, CONFIGURATION_GROUP, group.metadata.name, r.clusterNamespace);
}

/** Deletes only the group (its bundles stay staged for the next attempt). */
export function deleteGroup(http: KubeHttpClient, group: StagedGroup): Promise<void> {
  return remove(http, CONFIGURATION_GROUP, group.metadata.name, group.metadata.namespace ?? '');
}
