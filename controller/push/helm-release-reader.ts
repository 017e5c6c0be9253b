// Reads a Helm release straight from helm's own storage in the managed cluster (the
// `sh.helm.release.v1.<name>.v<revision>` Secrets, labels owner=helm,name=<release>) over the
// controller's kept-alive connection, instead of starting a `helm history` and a `helm get
// values` process per reconcile. Must not log or return anything but status, chart and values;
// anything it cannot decode is `undefined` so the caller asks helm itself.
import { gunzipSync } from 'node:zlib';
import type { ApplyTarget } from '../../lib/apply-objects.js';
import { parseReleaseStatus } from '../../lib/helm-args.js';
import type { HelmRelease } from '../../lib/helm-args.js';
import { SECRETS, collectionPath } from '../../lib/resource-paths.js';

/** The newest revision of a release and its user-supplied values, as helm stored them. */
export interface StoredRelease {
  /** undefined when no revision of the release exists. */
  release: HelmRelease | undefined;
  values: Record<string, unknown>;
}

interface ReleaseSecret {
  metadata: { labels?: Record<string, string> };
  type?: string;
  data?: { release?: string };
}

/**
 * The release as helm's Secret storage holds it; `undefined` when a stored revision cannot be
 * decoded (the caller then falls back to the helm CLI). API errors are thrown as they are.
 */
export async function readStoredRelease(
  target: ApplyTarget,
  ref: { name: string; namespace: string },
): Promise<StoredRelease | undefined> {
  const list = await target.http.request<{ items?: ReleaseSecret[] }>({
    method: 'GET',
    path: collectionPath(SECRETS, ref.namespace),
    query: { labelSelector: `owner=helm,name=${ref.name}` },
    op: { verb: 'list', kind: 'Secret', namespace: ref.namespace },
  });
  const newest = newestRevision(list?.items ?? []);
  if (!newest) return { release: undefined, values: {} };
  return decodeRelease(newest);
}

function newestRevision(items: readonly ReleaseSecret[]): ReleaseSecret | undefined {
  let best: ReleaseSecret | undefined;
  let bestVersion = -1;
  for (const item of items) {
    if (item.type !== 'helm.sh/release.v1') continue;
    const version = Number(item.metadata.labels?.version ?? NaN);
    if (Number.isInteger(version) && version > bestVersion) [best, bestVersion] = [item, version];
  }
  return best;
}

/** Secret data → base64 text → (gzip) JSON, the encoding of helm's Secret driver. */
function decodeRelease(secret: ReleaseSecret): StoredRelease | undefined {
  const encoded = secret.data?.release;
  if (!encoded) return undefined;
  try {
    const inner = Buffer.from(Buffer.from(encoded, 'base64').toString('latin1'), 'base64');
    const gzipped = inner[0] === 0x1f && inner[1] === 0x8b;
    const text = (gzipped ? gunzipSync(inner) : inner).toString('utf8');
    const release = parseReleaseStatus(text);
    if (!release.name || !release.chartName || !Number.isInteger(release.revision))
      return undefined;
    const config = (JSON.parse(text) as { config?: Record<string, unknown> | null }).config;
    return { release, values: config ?? {} };
  } catch {
    return undefined;
  }
}
