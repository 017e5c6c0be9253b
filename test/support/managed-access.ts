// Access to lab clusters the way the push deliverer reaches managed clusters: a kept-alive raw
// client plus discovery from a kubeconfig file, and a least-privilege ServiceAccount kubeconfig
// (RBAC switched on in the lab cluster) for permission-refusal tests. Owned by the push developer.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { dump, load } from 'js-yaml';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { installSecurity } from '../../lab/security/index.js';
import { createApplyTarget } from '../../lib/apply-objects.js';
import type { ApplyTarget } from '../../lib/apply-objects.js';
import { createKubeClient } from '../../lib/kube-client.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { parseKubeconfig } from '../../lib/kubeconfig.js';

/** An ApplyTarget for the cluster of a kubeconfig file (call `http.close()` when done). */
export function applyTargetFor(kubeconfigPath: string): ApplyTarget {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return createApplyTarget(new KubeHttpClient(kc, { target: 'the lab cluster' }));
}

export interface LimitedAccess {
  /** Kubeconfig YAML of the ServiceAccount (holds a token). */
  kubeconfig: string;
  user: string;
}

/**
 * Switches RBAC on in `cluster` and returns a kubeconfig for ServiceAccount `ns/name` bound to
 * a Role with `rules` in `ns` (nothing else). `adminPath` is the cluster's admin kubeconfig.
 */
export async function limitedServiceAccount(
  cluster: LabCluster,
  adminPath: string,
  opts: { namespace: string; name: string; rules: Array<Record<string, unknown>> },
): Promise<LimitedAccess> {
  const security = installSecurity(cluster);
  await security.ready;
  const admin = createKubeClient(parseKubeconfig(readFileSync(adminPath, 'utf8'), adminPath));
  const { namespace, name } = opts;
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, namespace },
      rules: opts.rules,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    },
  ];
  for (const obj of objects) await admin.apply(obj, 'test', true);
  const { token } = await admin.createToken(namespace, name, 3600);
  const doc = load(readFileSync(adminPath, 'utf8')) as {
    users: Array<{ user: Record<string, unknown> }>;
  };
  doc.users[0].user = { token };
  return { kubeconfig: dump(doc), user: `system:serviceaccount:${namespace}:${name}` };
}
