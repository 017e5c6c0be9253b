// What the agent deployed per (requestor, feature), kept in the managed cluster so it can withdraw
// exactly that (`action: Remove`) and re-apply it after a restart or a management outage, when the
// bundles are gone. One head Secret per requestor (state, refs, content hash) and the content in
// part Secrets named by that hash: parts are written first, the head last (the commit point), then
// parts of older content are pruned — a crash at any point leaves a complete inventory.
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { KubeObject, ObjectRef } from '../lib/kube-client.js';
import { NotFoundError } from '../lib/kube-errors.js';
import { NAMESPACES, SECRETS, collectionPath, objectPath } from '../lib/resource-paths.js';
import { inventoryName } from './bundles.js';
import type { Requestor } from './bundles.js';
import { decodeContent, encodeContent, unzipJson, zipJson } from './inventory-codec.js';

export const INVENTORY_NAMESPACE = 'projectsveltos';
/** `head` on head Secrets, `part` on content parts. */
export const INVENTORY_LABEL = 'projectsveltos.io/inventory';
/** On parts: the head they belong to. */
export const INVENTORY_HEAD_LABEL = 'projectsveltos.io/inventory-head';
const SECRET_TYPE = 'projectsveltos.io/inventory';
const FIELD_MANAGER = 'sveltos-agent';

/** `Applying` while its content may be only partly applied; `Applied` once all of it was. */
export type InventoryState = 'Applying' | 'Applied';

/** One requestor's inventory as recorded in its head Secret. */
export interface InventoryRecord {
  name: string;
  requestor: Requestor;
  state: InventoryState;
  /** Every object the requestor may own in this cluster: what Remove deletes. */
  refs: ObjectRef[];
  contentHash: string;
  parts: number;
  /** Apply without creating missing namespaces (the bundles' skipNamespaceCreation). */
  skipNamespaceCreation: boolean;
}

/** What `write` records. */
export interface InventoryInput {
  requestor: Requestor;
  objects: readonly KubeObject[];
  refs: readonly ObjectRef[];
  state: InventoryState;
  skipNamespaceCreation: boolean;
}

interface SecretBody {
  metadata: { name: string };
  data?: Record<string, string>;
}

const text = (s: string): string => Buffer.from(s).toString('base64');
const field = (s: SecretBody, key: string): Buffer => Buffer.from(s.data?.[key] ?? '', 'base64');

function partName(head: string, contentHash: string, index: number): string {
  return `${head}-${contentHash.slice(0, 12)}-${index}`;
}

function toRecord(secret: SecretBody): InventoryRecord {
  const [kind = '', name = '', feature = ''] = field(secret, 'requestor').toString().split('/');
  return {
    name: secret.metadata.name,
    requestor: { kind, name, feature },
    state: field(secret, 'state').toString() === 'Applied' ? 'Applied' : 'Applying',
    refs: unzipJson<ObjectRef[]>(field(secret, 'refs')),
    contentHash: field(secret, 'contentHash').toString(),
    parts: Number(field(secret, 'parts').toString() || '0'),
    skipNamespaceCreation: field(secret, 'skipNamespaceCreation').toString() === 'true',
  };
}

/** Reads and writes inventories in the managed cluster's `projectsveltos` namespace. */
export class InventoryStore {
  private namespaceReady = false;

  constructor(private readonly local: KubeHttpClient) {}

  /** The requestor's inventory, or undefined when it has none. */
  async read(requestor: Requestor): Promise<InventoryRecord | undefined> {
    try {
      const secret = await this.local.request<SecretBody>({
        method: 'GET',
        path: objectPath(SECRETS, inventoryName(requestor), INVENTORY_NAMESPACE),
      });
      return toRecord(secret);
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  }

  /** Every inventory head in the cluster (for re-applying at start). */
  async list(): Promise<InventoryRecord[]> {
    try {
      const list = await this.local.request<{ items: SecretBody[] }>({
        method: 'GET',
        path: collectionPath(SECRETS, INVENTORY_NAMESPACE),
        query: { labelSelector: `${INVENTORY_LABEL}=head` },
      });
      return list.items.map(toRecord);
    } catch (err) {
      if (err instanceof NotFoundError) return [];
      throw err;
    }
  }

  /** The objects an inventory records; throws InventoryCorruptError when parts do not match. */
  async content(record: InventoryRecord): Promise<KubeObject[]> {
    const parts: Buffer[] = [];
    for (let i = 0; i < record.parts; i++) {
      const secret = await this.local.request<SecretBody>({
        method: 'GET',
        path: objectPath(
          SECRETS,
          partName(record.name, record.contentHash, i),
          INVENTORY_NAMESPACE,
        ),
      });
      parts.push(field(secret, 'content'));
    }
    return decodeContent(record.name, record.contentHash, parts);
  }

  /** Records objects and refs for a requestor: parts first, then the head, then prunes. */
  async write(input: InventoryInput): Promise<InventoryRecord> {
    await this.ensureNamespace();
    const head = inventoryName(input.requestor);
    const { contentHash, parts } = encodeContent(input.objects);
    for (const [i, bytes] of parts.entries()) {
      await this.apply(partName(head, contentHash, i), {
        labels: { [INVENTORY_LABEL]: 'part', [INVENTORY_HEAD_LABEL]: head },
        data: { content: bytes.toString('base64') },
      });
    }
    const record: InventoryRecord = {
      name: head,
      requestor: input.requestor,
      state: input.state,
      refs: [...input.refs],
      contentHash,
      parts: parts.length,
      skipNamespaceCreation: input.skipNamespaceCreation,
    };
    await this.writeHead(record);
    await this.pruneParts(head, contentHash);
    return record;
  }

  /** Updates only the head's state and refs (content unchanged). */
  async mark(
    record: InventoryRecord,
    state: InventoryState,
    refs: readonly ObjectRef[],
  ): Promise<InventoryRecord> {
    const next = { ...record, state, refs: [...refs] };
    await this.writeHead(next);
    return next;
  }

  /** Drops a requestor's inventory (head first, so a crash never leaves a head without parts). */
  async delete(requestor: Requestor): Promise<void> {
    const head = inventoryName(requestor);
    await this.deleteSecret(head);
    await this.pruneParts(head, '');
  }

  private async writeHead(record: InventoryRecord): Promise<void> {
    const { kind, name, feature } = record.requestor;
    await this.apply(record.name, {
      labels: { [INVENTORY_LABEL]: 'head' },
      data: {
        requestor: text(`${kind}/${name}/${feature}`),
        state: text(record.state),
        contentHash: text(record.contentHash),
        parts: text(String(record.parts)),
        skipNamespaceCreation: text(String(record.skipNamespaceCreation)),
        refs: zipJson(record.refs).toString('base64'),
      },
    });
  }

  private async apply(
    name: string,
    body: { labels: Record<string, string>; data: Record<string, string> },
  ): Promise<void> {
    await this.local.request({
      method: 'PATCH',
      path: objectPath(SECRETS, name, INVENTORY_NAMESPACE),
      query: { fieldManager: FIELD_MANAGER, force: 'true' },
      contentType: 'application/apply-patch+yaml',
      body: {
        apiVersion: 'v1',
        kind: 'Secret',
        type: SECRET_TYPE,
        metadata: { name, namespace: INVENTORY_NAMESPACE, labels: body.labels },
        data: body.data,
      },
      op: { verb: 'patch', kind: 'Secret', name, namespace: INVENTORY_NAMESPACE },
    });
  }

  /** Deletes the head's parts that do not belong to `keepHash` (all when empty). */
  private async pruneParts(head: string, keepHash: string): Promise<void> {
    const list = await this.local.request<{ items: SecretBody[] }>({
      method: 'GET',
      path: collectionPath(SECRETS, INVENTORY_NAMESPACE),
      query: { labelSelector: `${INVENTORY_HEAD_LABEL}=${head}` },
    });
    const keep = keepHash ? `${head}-${keepHash.slice(0, 12)}-` : undefined;
    for (const part of list.items) {
      if (keep && part.metadata.name.startsWith(keep)) continue;
      await this.deleteSecret(part.metadata.name);
    }
  }

  private async deleteSecret(name: string): Promise<void> {
    try {
      await this.local.request({
        method: 'DELETE',
        path: objectPath(SECRETS, name, INVENTORY_NAMESPACE),
        op: { verb: 'delete', kind: 'Secret', name, namespace: INVENTORY_NAMESPACE },
      });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
  }

  private async ensureNamespace(): Promise<void> {
    if (this.namespaceReady) return;
    try {
      await this.local.request({
        method: 'POST',
        path: collectionPath(NAMESPACES),
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: INVENTORY_NAMESPACE } },
      });
    } catch (err) {
      if ((err as { reason?: string }).reason !== 'AlreadyExists') throw err;
    }
    this.namespaceReady = true;
  }
}
