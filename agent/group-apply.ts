// Processes one ConfigurationGroup. Deploy reads and verifies every bundle against the hash the
// group lists before anything is applied (a mismatch fails the group naming the bundle), records
// the content in the inventory (state Applying, refs = previous ∪ new) and then applies it in
// order and settles the inventory (agent/inventory-apply.ts). Remove deletes exactly the
// inventory's objects (nothing when leavePolicies) and then the inventory. The returned status
// carries a failure with the API's own reason; only an unanswering management cluster throws.
import { CONFIGURATION_BUNDLE } from '../api/gvk.js';
import {
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
} from '../api/labels.js';
import type {
  ConfigurationGroupSpec,
  ConfigurationGroupStatus,
  ConfigurationItem,
} from '../api/types/index.js';
import { normaliseNamespaces } from '../lib/apply-objects.js';
import type { ApplyTarget } from '../lib/apply-objects.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { KubeObject, ObjectRef } from '../lib/kube-client.js';
import { objectPath } from '../lib/resource-paths.js';
import { bundleHash, gvkOf, parseResources, requestorOf, withOwner } from './bundles.js';
import type { Requestor } from './bundles.js';
import { applyRecorded, deleteOwned, refsOf, refsUnion } from './inventory-apply.js';
import { encodeContent } from './inventory-codec.js';
import type { InventoryRecord, InventoryStore } from './inventory.js';

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

/** Both sides the group worker talks to, and the local inventory. */
export interface GroupContext {
  management: KubeHttpClient;
  local: ApplyTarget;
  inventory: InventoryStore;
}

interface BundleObject {
  spec?: { resources?: string[]; skipNamespaceCreation?: boolean };
}

/**
 * The management cluster did not answer (unreachable, 5xx, 429): not the group's fault, so it is
 * retried without reporting a failure on it.
 */
export class ManagementUnavailableError extends Error {
  override readonly name = 'ManagementUnavailableError';
  readonly reason = 'ManagementUnavailable';
}

function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' && (code === 0 || code === 429 || code >= 500);
}

/** A group's verified content: owner-marked objects in order, and the bundles' options. */
export interface VerifiedContent {
  objects: KubeObject[];
  skipNamespaceCreation: boolean;
}

async function readBundle(ctx: GroupContext, name: string, ns: string): Promise<BundleObject> {
  try {
    return await ctx.management.request<BundleObject>({
      method: 'GET',
      path: objectPath(CONFIGURATION_BUNDLE, name, ns),
      op: { verb: 'get', kind: 'ConfigurationBundle', name, namespace: ns },
    });
  } catch (err) {
    if (!isTransient(err)) throw err;
    throw new ManagementUnavailableError(`Reading ConfigurationBundle ${ns}/${name} failed`, {
      cause: err,
    });
  }
}

async function fetchBundle(
  ctx: GroupContext,
  group: GroupObject,
  item: ConfigurationItem,
): Promise<{ name: string; resources: string[]; skipNamespaceCreation: boolean }> {
  const name = item.contentRef?.name ?? '';
  const ns = item.contentRef?.namespace || group.metadata.namespace;
  const bundle = await readBundle(ctx, name, ns);
  const resources = bundle.spec?.resources ?? [];
  if (bundleHash(resources) !== item.hash) {
    throw new Error(
      `ConfigurationBundle ${ns}/${name} content does not match the hash its group lists`,
    );
  }
  return { name, resources, skipNamespaceCreation: bundle.spec?.skipNamespaceCreation === true };
}

/** Reads and verifies every bundle first, then returns their objects, owner-marked, in order. */
export async function verifiedObjects(
  ctx: GroupContext,
  group: GroupObject,
  requestor: Requestor,
): Promise<VerifiedContent> {
  const bundles = [];
  for (const item of group.spec?.configurationItem ?? []) {
    bundles.push(await fetchBundle(ctx, group, item));
  }
  return {
    objects: bundles.flatMap((b) =>
      parseResources(b.name, b.resources).map((o) => withOwner(o, requestor)),
    ),
    skipNamespaceCreation: bundles.some((b) => b.skipNamespaceCreation),
  };
}

/** The group's requestor; throws naming the missing label or annotation. */
export function requiredRequestor(group: GroupObject): Requestor {
  const requestor = requestorOf(group);
  const fields: Array<[string, string]> = [
    [requestor.kind, `label ${PULL_MODE_REQUESTOR_KIND_LABEL}`],
    [requestor.name, `annotation ${PULL_MODE_REQUESTOR_NAME_ANNOTATION}`],
    [requestor.feature, `label ${PULL_MODE_REQUESTOR_FEATURE_LABEL}`],
  ];
  const missing = fields.find(([value]) => !value)?.[1];
  if (missing) {
    throw new Error(
      `ConfigurationGroup ${group.metadata.namespace}/${group.metadata.name} has no ${missing}`,
    );
  }
  return requestor;
}

async function deploy(ctx: GroupContext, group: GroupObject): Promise<ConfigurationGroupStatus> {
  const requestor = requiredRequestor(group);
  const content = await verifiedObjects(ctx, group, requestor);
  const previous = await ctx.inventory.read(requestor);
  if (alreadyApplied(previous, content)) {
    return { status: 'Provisioned', deployedGroupVersionKind: gvksOf(previous?.refs ?? []) };
  }
  const planned = refsOf(await normaliseNamespaces(ctx.local, content.objects));
  // Recorded before applying: a crash mid-apply still leaves every object this requestor may
  // own in the inventory, and the content to finish with at the next start.
  const record = await ctx.inventory.write({
    requestor,
    objects: content.objects,
    refs: refsUnion(previous?.refs ?? [], planned),
    state: 'Applying',
    skipNamespaceCreation: content.skipNamespaceCreation,
  });
  const applied = await applyRecorded(ctx.local, ctx.inventory, record, content.objects);
  return { status: 'Provisioned', deployedGroupVersionKind: gvksOf(applied) };
}

const gvksOf = (refs: readonly ObjectRef[]): string[] => [...new Set(refs.map(gvkOf))];

/**
 * True when the inventory already holds exactly this content, fully applied (e.g. re-applied at
 * start after a crash that came before the status was reported): nothing is applied twice.
 */
function alreadyApplied(previous: InventoryRecord | undefined, content: VerifiedContent): boolean {
  return (
    previous?.state === 'Applied' &&
    previous.skipNamespaceCreation === content.skipNamespaceCreation &&
    previous.contentHash === encodeContent(content.objects).contentHash
  );
}

async function remove(ctx: GroupContext, group: GroupObject): Promise<ConfigurationGroupStatus> {
  const requestor = requiredRequestor(group);
  const record = await ctx.inventory.read(requestor);
  if (record && !group.spec?.leavePolicies) await deleteOwned(ctx.local, record.refs, requestor);
  await ctx.inventory.delete(requestor);
  return { status: 'Removed', deployedGroupVersionKind: [] };
}

/** The failure as reported: the error's message, plus the API's reason when it gave one. */
export function failureMessageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const reason = (err as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason !== 'InternalError' && !message.includes(reason)
    ? `${message} (reason ${reason})`
    : message;
}

/**
 * Deploys or removes a group; the returned status carries observed generation and hash. Throws
 * only ManagementUnavailableError (retry later, report nothing).
 */
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
    if (err instanceof ManagementUnavailableError) throw err;
    return { status: 'Failed', failureMessage: failureMessageOf(err), ...observed };
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
