// Rewrites a Helm release's storage Secret in a lab cluster the way a helm process killed in
// the middle of an operation leaves it: the latest revision's `status` label and `info.status`
// set to `pending-install` (or another pending state). Helm's Secret driver stores the release
// as base64(gzip(JSON)) inside the Secret's (base64) data, labelled owner=helm.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeClient, KubeObject } from '../../lib/kube-client.js';

/** Marks the newest revision of `release` as `status` (e.g. `pending-install`). */
export async function markReleaseStatus(
  client: KubeClient,
  release: { name: string; namespace: string },
  status: string,
): Promise<void> {
  const secrets = await client.list('v1', 'Secret', {
    namespace: release.namespace,
    labelSelector: `owner=helm,name=${release.name}`,
  });
  const latest = secrets.sort((a, b) => revisionOf(b) - revisionOf(a))[0];
  if (!latest) throw new Error(`No Helm storage Secret for release ${release.name}`);
  const data = latest.data as Record<string, string>;
  const helmText = Buffer.from(data.release ?? '', 'base64').toString();
  const decoded = JSON.parse(gunzipSync(Buffer.from(helmText, 'base64')).toString()) as {
    info: { status: string };
  };
  decoded.info.status = status;
  const encoded = gzipSync(Buffer.from(JSON.stringify(decoded))).toString('base64');
  const updated: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: latest.metadata.name,
      namespace: release.namespace,
      labels: { ...latest.metadata.labels, status },
    },
    data: { ...data, release: Buffer.from(encoded).toString('base64') },
  };
  await client.apply(updated, 'test', true);
}

function revisionOf(secret: KubeObject): number {
  return Number(secret.metadata.labels?.version ?? '0');
}
