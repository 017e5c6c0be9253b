// Processes one ConfigurationGroup: Deploy verifies every bundle against the hash the group
// lists (a mismatch fails the group naming the bundle, nothing applied), applies the objects in
// order with server-side apply (field manager `sveltos-agent`), records the inventory and deletes
// what the previous inventory had and the new one lacks; Remove deletes the inventory's objects
// (nothing when leavePolicies). Returns the status to report; never throws for apply failures.
import { CONFIGURATION_BUNDLE } from '../api/gvk.js';
import type {
  ConfigurationGroupSpec,
  ConfigurationGroupStatus,
  ConfigurationItem,
} from '../api/types/index.js';
import { applyObjects, deleteObjects } from '../lib/apply-objects.js';
import type { ApplyTarget } from '../lib/apply-objects.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { KubeObject, ObjectRef } from '../lib/kube-client.js';
import { objectPath } from '../lib/resource-paths.js';
import { bundleHash, gvkOf, parseResources, requestorOf, withOwner } from './bundles.js';
import type { Requestor } from './bundles.js';
import { deleteInventory, readInventory, writeInventory } from './inventory.js';

/** A group as read from the management cluster. */
export interface GroupObject {
  metadata: {
    name: string;
    namespace: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: ConfigurationGroupSpec;
  status?: ConfigurationGroupStatus;
}

/** Both sides the group worker talks to. */
export interface GroupContext {
  management: KubeHttpClient;
  local: ApplyTarget;
}

interface BundleObject {
  spec?: { resources?: string[]; skipNamespaceCreation?: boolean };
}

async function fetchResources(
  ctx: GroupContext,
  group: GroupObject,
  item: ConfigurationItem,
): Promise<{ name: string; resources: string[] }> {
  const name = item.contentRef?.name ?? '';
  const ns = item.contentRef?.namespace || group.metadata.namespace;
  const bundle = await ctx.management.request<BundleObject>({
    method: 'GET',
    path: objectPath(CONFIGURATION_BUNDLE, name, ns),
    op: { verb: 'get', kind: 'ConfigurationBundle', name, namespace: ns },
  });
  const resources = bundle.spec?.resources ?? [];
  if (bundleHash(resources) !== item.hash) {
    throw new Error(
      `ConfigurationBundle ${ns}/${name} content does not match the hash its group lists`,
    );
  }
  return { name, resources };
}

/** Reads and verifies every bundle first, then returns their objects, owner-marked, in order. */
export async function verifiedObjects(
  ctx: GroupContext,
  group: GroupObject,
  requestor: Requestor,
): Promise<KubeObject[]> {
  const bundles = [];
  for (const item of group.spec?.configurationItem ?? []) {
    bundles.push(await fetchResources(ctx, group, item));
  }
  return bundles.flatMap((b) =>
    parseResources(b.name, b.resources).map((o) => withOwner(o, requestor)),
  );
}

function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.name === b.name &&
    (a.namespace ?? '') === (b.namespace ?? '')
  );
}

async function deploy(ctx: GroupContext, group: GroupObject): Promise<ConfigurationGroupStatus> {
  const requestor = requestorOf(group);
  const objects = await verifiedObjects(ctx, group, requestor);
  const previous = await readInventory(ctx.local.http, requestor);
  const applied = await applyObjects(ctx.local, objects, {
    fieldManager: 'sveltos-agent',
    force: true,
  });
  const refs: ObjectRef[] = applied.map((a) => ({
    apiVersion: a.apiVersion,
    kind: a.kind,
    name: a.name,
    ...(a.namespace ? { namespace: a.namespace } : {}),
  }));
  await writeInventory(ctx.local.http, requestor, refs);
  const stale = previous.filter((p) => !refs.some((r) => sameRef(p, r)));
  if (stale.length > 0) await deleteObjects(ctx.local, stale);
  return {
    status: 'Provisioned',
    deployedGroupVersionKind: [...new Set(refs.map(gvkOf))],
  };
}

async function remove(ctx: GroupContext, group: GroupObject): Promise<ConfigurationGroupStatus> {
  const requestor = requestorOf(group);
  if (!group.spec?.leavePolicies) {
    await deleteObjects(ctx.local, await readInventory(ctx.local.http, requestor));
  }
  await deleteInventory(ctx.local.http, requestor);
  return { status: 'Removed', deployedGroupVersionKind: [] };
}

/** Deploys or removes a group; the returned status carries observed generation and hash. */
export async function processGroup(
  ctx: GroupContext,
  group: GroupObject,
  now: Date = new Date(),
): Promise<ConfigurationGroupStatus> {
  const observed = {
    observedGeneration: group.metadata.generation,
    observedRequestorHash: group.spec?.requestorHash,
    lastAppliedTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  try {
    const result =
      group.spec?.action === 'Remove' ? await remove(ctx, group) : await deploy(ctx, group);
    return { ...result, ...observed, failureMessage: undefined };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { status: 'Failed', failureMessage: message, ...observed };
  }
}

/** True when the group's status already reflects its current generation and hash. */
export function alreadyProcessed(group: GroupObject): boolean {
  const s = group.status;
  return (
    !!s?.status &&
    s.observedGeneration === group.metadata.generation &&
    s.observedRequestorHash === group.spec?.requestorHash
  );
}
