// What the agent deployed per (requestor, feature), kept in the managed cluster as a ConfigMap in
// `projectsveltos` (refs only), so `action: Remove` deletes exactly that and nothing else.
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { ObjectRef } from '../lib/kube-client.js';
import { CONFIG_MAPS, objectPath } from '../lib/resource-paths.js';
import { inventoryName } from './bundles.js';
import type { Requestor } from './bundles.js';

export const INVENTORY_NAMESPACE = 'projectsveltos';

interface ConfigMapBody {
  data?: Record<string, string>;
}

/** The refs recorded for a requestor; empty when none. */
export async function readInventory(
  local: KubeHttpClient,
  requestor: Requestor,
): Promise<ObjectRef[]> {
  try {
    const cm = await local.request<ConfigMapBody>({
      method: 'GET',
      path: objectPath(CONFIG_MAPS, inventoryName(requestor), INVENTORY_NAMESPACE),
    });
    return JSON.parse(cm.data?.objects ?? '[]') as ObjectRef[];
  } catch (err) {
    if ((err as { code?: number }).code === 404) return [];
    throw err;
  }
}

/** Records `refs` for a requestor (server-side apply of the ConfigMap). */
export async function writeInventory(
  local: KubeHttpClient,
  requestor: Requestor,
  refs: readonly ObjectRef[],
): Promise<void> {
  const name = inventoryName(requestor);
  await local.request({
    method: 'PATCH',
    path: objectPath(CONFIG_MAPS, name, INVENTORY_NAMESPACE),
    query: { fieldManager: 'sveltos-agent', force: 'true' },
    contentType: 'application/apply-patch+yaml',
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: INVENTORY_NAMESPACE },
      data: {
        requestor: `${requestor.kind}/${requestor.name}/${requestor.feature}`,
        objects: JSON.stringify(refs),
      },
    },
  });
}

/** Drops a requestor's inventory. */
export async function deleteInventory(local: KubeHttpClient, requestor: Requestor): Promise<void> {
  try {
    await local.request({
      method: 'DELETE',
      path: objectPath(CONFIG_MAPS, inventoryName(requestor), INVENTORY_NAMESPACE),
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
  }
}
