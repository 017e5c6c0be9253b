// Where a SveltosCluster's kubeconfig lives and how to read it, with Sveltos' defaults: Secret
// `spec.kubeconfigName` or `<cluster>-sveltos-kubeconfig` in the cluster's namespace, key
// `spec.kubeconfigKeyName`, else `kubeconfig` (what register writes), else the only key.
// Sveltos takes "any key" when there are several; we refuse and say which to name. Pure;
// shared by cluster health and the push deliverers. Tests: cluster-kubeconfig.test.ts.
import { KUBECONFIG_SECRET_KEY, kubeconfigSecretName } from '../api/naming.js';
import type { SveltosCluster } from '../api/types/index.js';

/** The part of a Secret this module reads (`data` values are base64). */
export interface SecretData {
  metadata: { name?: string; namespace?: string; resourceVersion?: string; uid?: string };
  data?: Record<string, string>;
}

/** The Secret (namespace/name) holding a cluster's kubeconfig. */
export function kubeconfigSecretOf(cluster: SveltosCluster): { namespace: string; name: string } {
  return {
    namespace: cluster.metadata.namespace ?? '',
    name: cluster.spec?.kubeconfigName || kubeconfigSecretName(cluster.metadata.name ?? ''),
  };
}

/** The kubeconfig text, or why it cannot be had (a message naming Secret and key). */
export type KubeconfigLookup =
  { ok: true; text: string; key: string } | { ok: false; message: string };

/** Reads the kubeconfig of `cluster` from its Secret (undefined = the Secret does not exist). */
export function kubeconfigFromSecret(
  cluster: SveltosCluster,
  secret: SecretData | undefined,
): KubeconfigLookup {
  const ref = kubeconfigSecretOf(cluster);
  const where = `Secret ${ref.namespace}/${ref.name}`;
  if (!secret)
    return { ok: false, message: `${where} with the cluster's kubeconfig does not exist` };
  const data = secret.data ?? {};
  const keys = Object.keys(data).sort();
  const key = pickKey(cluster.spec?.kubeconfigKeyName, keys);
  if (typeof key !== 'string') return { ok: false, message: `${where} ${key.problem}` };
  const text = Buffer.from(data[key] ?? '', 'base64').toString('utf8');
  if (text.trim() === '') return { ok: false, message: `${where} has an empty key "${key}"` };
  return { ok: true, text, key };
}

function pickKey(wanted: string | undefined, keys: string[]): string | { problem: string } {
  const listed = keys.map((k) => `"${k}"`).join(', ');
  if (wanted) {
    return keys.includes(wanted)
      ? wanted
      : {
          problem: `has no key "${wanted}" (spec.kubeconfigKeyName); its keys: ${listed || 'none'}`,
        };
  }
  if (keys.includes(KUBECONFIG_SECRET_KEY)) return KUBECONFIG_SECRET_KEY;
  if (keys.length === 1) return keys[0];
  if (keys.length === 0) return { problem: 'has no data' };
  return {
    problem: `has keys ${listed} and none named "${KUBECONFIG_SECRET_KEY}": set spec.kubeconfigKeyName`,
  };
}
