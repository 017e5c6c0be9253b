// Test world for the controller's integration tests: a lab server with a management cluster
// (Sveltos CRDs installed from manifests/crds) and managed clusters, plus helpers that register
// a lab cluster as a SveltosCluster the way `kubectl sveltos register cluster` does (namespace,
// kubeconfig Secret, SveltosCluster). Owned by the controller "core" developer.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import { kubeconfigSecretName } from '../../api/naming.js';
import { KubeConfig } from '@kubernetes/client-node';
import { createKubeClient } from '../../lib/kube-client.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import type { KubeClient, KubeObject } from '../../lib/kube-client.js';
import { parseKubeconfig } from '../../lib/kubeconfig.js';
import { projectPath } from '../../lib/project-paths.js';
import { startTestLab } from './lab.js';
import type { TestLab, TestLabOptions } from './lab.js';

export interface ControllerTestEnv {
  lab: TestLab;
  /** Admin client of the management cluster. */
  mgmt: KubeClient;
  /** Path of the management cluster's admin kubeconfig. */
  mgmtKubeconfig: string;
  /** Admin client of any lab cluster. */
  clientOf(cluster: string): KubeClient;
  /** Creates the namespace if missing. */
  ensureNamespace(name: string): Promise<void>;
  /** Registers lab cluster `labCluster` (or `opts.kubeconfig`) as SveltosCluster ns/name. */
  registerCluster(opts: RegisterOptions): Promise<void>;
  stop(): Promise<void>;
}

export interface RegisterOptions {
  namespace: string;
  name: string;
  /** Lab cluster whose admin kubeconfig goes into the Secret (default: `name`). */
  labCluster?: string;
  /** Kubeconfig text to store instead (e.g. pointing to a closed port). */
  kubeconfig?: string;
  labels?: Record<string, string>;
  spec?: Record<string, unknown>;
  /** Skip the Secret (to test a missing one). */
  withoutSecret?: boolean;
}

/** Every CRD of manifests/crds, parsed. */
export function sveltosCrds(): KubeObject[] {
  const dir = projectPath('manifests', 'crds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => load(readFileSync(join(dir, f), 'utf8')) as KubeObject);
}

/** Starts a lab with `mgmt` (CRDs installed) and the given managed clusters. */
export async function startControllerEnv(
  opts: TestLabOptions & { managed?: string[] } = {},
): Promise<ControllerTestEnv> {
  const lab = await startTestLab({ ...opts, clusters: ['mgmt', ...(opts.managed ?? [])] });
  const clients = new Map<string, KubeClient>();
  const clientOf = (cluster: string): KubeClient => {
    let c = clients.get(cluster);
    if (!c) {
      const path = lab.kubeconfig(cluster);
      c = createKubeClient(parseKubeconfig(readFileSync(path, 'utf8'), path));
      clients.set(cluster, c);
    }
    return c;
  };
  const mgmt = clientOf('mgmt');
  await installCrds(lab.kubeconfig('mgmt'));
  const ensureNamespace = async (name: string): Promise<void> => {
    const ref = { apiVersion: 'v1', kind: 'Namespace', name };
    if (!(await mgmt.get(ref))) {
      await mgmt.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, 'test');
    }
  };
  return {
    lab,
    mgmt,
    mgmtKubeconfig: lab.kubeconfig('mgmt'),
    clientOf,
    ensureNamespace,
    registerCluster: async (r) => {
      await ensureNamespace(r.namespace);
      if (!r.withoutSecret) await mgmt.create(kubeconfigSecret(lab, r), 'test');
      await mgmt.create(sveltosCluster(r), 'test');
    },
    stop: () => lab.stop(),
  };
}

/**
 * Creates the Sveltos CRDs with raw JSON: client-node's typed serializer would drop the
 * `x-kubernetes-*` schema keys of a CustomResourceDefinition.
 */
async function installCrds(kubeconfigPath: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromString(readFileSync(kubeconfigPath, 'utf8'));
  const http = new KubeHttpClient(kc);
  try {
    for (const crd of sveltosCrds()) {
      await http.request({
        method: 'POST',
        path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        body: crd,
      });
    }
  } finally {
    http.close();
  }
}

function kubeconfigSecret(lab: TestLab, r: RegisterOptions): KubeObject {
  const text = r.kubeconfig ?? readFileSync(lab.kubeconfig(r.labCluster ?? r.name), 'utf8');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: kubeconfigSecretName(r.name), namespace: r.namespace },
    data: { kubeconfig: Buffer.from(text).toString('base64') },
  };
}

function sveltosCluster(r: RegisterOptions): KubeObject {
  return {
    apiVersion: SVELTOS_CLUSTER.apiVersion,
    kind: SVELTOS_CLUSTER.kind,
    metadata: { name: r.name, namespace: r.namespace, labels: r.labels ?? {} },
    spec: r.spec ?? {},
  };
}
