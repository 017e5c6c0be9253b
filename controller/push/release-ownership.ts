// Who manages a Helm release in a managed cluster. The helm CLI cannot annotate a release, so
// the record lives next to it: ConfigMap `sveltos-helm-release-<release>` in the release
// namespace, carrying the owner annotations (kind, name, tier, ClusterSummary). Claims are
// creates and takeovers are updates at the read resourceVersion, so two summaries racing for
// one release cannot both win. Tests: push-deliverer.test.ts (lab).
import { REASON_LABEL } from '../../api/labels.js';
import type { ApplyTarget } from '../../lib/apply-objects.js';
import { NotFoundError } from '../../lib/kube-errors.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { CONFIG_MAPS, NAMESPACES, collectionPath, objectPath } from '../../lib/resource-paths.js';
import { ownerAnnotations, readOwner } from '../features/owner-labels.js';
import type { FeatureOwner } from '../features/owner-labels.js';
import { ownedBy } from './resources-plan.js';

/** Label marking ownership records (value: the release name). */
export const RELEASE_RECORD_LABEL = 'projectsveltos.io/helm-release';

const PREFIX = 'sveltos-helm-release-';

/** A release: its name and namespace. */
export interface ReleaseRef {
  releaseName: string;
  releaseNamespace: string;
}

/** The recorded owner of a release and the record's resourceVersion (for takeovers). */
export interface ReleaseRecord {
  owner: FeatureOwner | undefined;
  resourceVersion: string;
}

/** Name of the ownership record of a release. */
export function recordName(releaseName: string): string {
  return `${PREFIX}${releaseName}`;
}

function recordPath(ref: ReleaseRef): string {
  return objectPath(CONFIG_MAPS, recordName(ref.releaseName), ref.releaseNamespace);
}

/** The record of a release; undefined when none exists. */
export async function readRecord(
  target: ApplyTarget,
  ref: ReleaseRef,
): Promise<ReleaseRecord | undefined> {
  try {
    const cm = await target.http.request<KubeObject>({ method: 'GET', path: recordPath(ref) });
    return { owner: readOwner(cm.metadata), resourceVersion: cm.metadata.resourceVersion ?? '' };
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/**
 * Records `me` as the owner: creates the record (and the namespace when missing), or replaces
 * `previous` at its resourceVersion. A concurrent change fails with a ConflictError/AlreadyExists.
 */
export async function writeRecord(
  target: ApplyTarget,
  ref: ReleaseRef & { chartVersion: string },
  me: FeatureOwner,
  previous: ReleaseRecord | undefined,
): Promise<void> {
  const body = recordObject(ref, me, previous?.resourceVersion);
  if (previous) {
    await target.http.request({ method: 'PUT', path: recordPath(ref), body });
    return;
  }
  const create = (): Promise<unknown> =>
    target.http.request({
      method: 'POST',
      path: collectionPath(CONFIG_MAPS, ref.releaseNamespace),
      body,
      op: {
        verb: 'create',
        kind: 'ConfigMap',
        name: body.metadata.name,
        namespace: ref.releaseNamespace,
      },
    });
  try {
    await create();
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    await createNamespace(target, ref.releaseNamespace);
    await create();
  }
}

/** Deletes the record when `me` owns it (another owner's record stays). */
export async function deleteRecord(
  target: ApplyTarget,
  ref: ReleaseRef,
  me: FeatureOwner,
): Promise<void> {
  const record = await readRecord(target, ref);
  if (!record?.owner || record.owner.summary !== me.summary) return;
  try {
    await target.http.request({ method: 'DELETE', path: recordPath(ref) });
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
}

/** Releases `me` holds records for, across all namespaces. */
export async function listOwnedReleases(
  target: ApplyTarget,
  me: FeatureOwner,
): Promise<ReleaseRef[]> {
  const list = await target.http.request<{ items?: KubeObject[] }>({
    method: 'GET',
    path: collectionPath(CONFIG_MAPS),
    query: { labelSelector: `${REASON_LABEL}=Helm,${RELEASE_RECORD_LABEL}` },
    op: { verb: 'list', kind: 'ConfigMap' },
  });
  return (list?.items ?? [])
    .map((cm) => ({ ...cm, apiVersion: 'v1', kind: 'ConfigMap' }))
    .filter((cm) => ownedBy(me, cm))
    .map((cm) => ({
      releaseName: cm.metadata.labels?.[RELEASE_RECORD_LABEL] ?? '',
      releaseNamespace: cm.metadata.namespace ?? '',
    }))
    .filter((r) => r.releaseName !== '');
}

function recordObject(
  ref: ReleaseRef & { chartVersion: string },
  me: FeatureOwner,
  resourceVersion: string | undefined,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: recordName(ref.releaseName),
      namespace: ref.releaseNamespace,
      labels: { [REASON_LABEL]: 'Helm', [RELEASE_RECORD_LABEL]: ref.releaseName },
      annotations: ownerAnnotations(me),
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    data: {
      releaseName: ref.releaseName,
      releaseNamespace: ref.releaseNamespace,
      chartVersion: ref.chartVersion,
    },
  };
}

async function createNamespace(target: ApplyTarget, name: string): Promise<void> {
  try {
    await target.http.request({
      method: 'POST',
      path: collectionPath(NAMESPACES),
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      op: { verb: 'create', kind: 'Namespace', name },
    });
  } catch (err) {
    if ((err as { reason?: string }).reason !== 'AlreadyExists') throw err;
  }
}
