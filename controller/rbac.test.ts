// The shipped least-privilege RBAC (manifests/controller) is enough: the controller runs in the
// lab with RBAC enforced, as the sveltos-controller ServiceAccount, and does its whole job —
// Lease, management cluster registration, health, summaries, status, Events — with no 403.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY, SVELTOS_CLUSTER } from '../api/gvk.js';
import type { ClusterSummary, SveltosCluster } from '../api/types/index.js';
import { installSecurity } from '../lab/security/index.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import { buildTokenKubeconfig, kubeconfigToYaml, parseKubeconfig } from '../lib/kubeconfig.js';
import { createLogger } from '../lib/logger.js';
import { projectPath } from '../lib/project-paths.js';
import { CONFIG_MAPS, LEASES, collectionPath, objectPath } from '../lib/resource-paths.js';
import { startControllerEnv } from '../test/support/controller-env.js';
import type { ControllerTestEnv } from '../test/support/controller-env.js';
import {
  RecordingDeliverer,
  rawClient,
  startTestController,
} from '../test/support/controller-harness.js';
import { waitFor } from '../test/support/kubectl.js';
import type { ControllerHandle } from './start.js';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

const PATHS: Record<string, string> = {
  Namespace: '/api/v1/namespaces',
  ServiceAccount: '/api/v1/namespaces/NS/serviceaccounts',
  ClusterRole: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  ClusterRoleBinding: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  Role: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/roles',
  RoleBinding: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/rolebindings',
};

let env: ControllerTestEnv;
let admin: KubeHttpClient;
let controller: ControllerHandle;
const logLines: string[] = [];

async function applyManifests(file: string): Promise<void> {
  const docs = loadAll(
    readFileSync(projectPath('manifests', 'controller', file), 'utf8'),
  ) as Manifest[];
  for (const doc of docs) {
    const path = (PATHS[doc.kind] ?? '').replace('NS', doc.metadata.namespace ?? '');
    await admin.request({ method: 'POST', path, body: doc });
  }
}

beforeAll(async () => {
  env = await startControllerEnv({ managed: ['k1'] });
  await installSecurity(env.lab.cluster('mgmt')).ready;
  admin = rawClient(env, 'mgmt');
  await env.ensureNamespace('projectsveltos');
  await applyManifests('serviceaccount.yaml');
  await applyManifests('rbac.yaml');
  const { token } = await env.mgmt.createToken('projectsveltos', 'sveltos-controller', 3600);
  const adminConfig = parseKubeconfig(readFileSync(env.mgmtKubeconfig, 'utf8'), env.mgmtKubeconfig);
  const path = join(env.lab.dir, 'controller-sa.kubeconfig');
  const doc = buildTokenKubeconfig({
    server: adminConfig.server,
    token,
    caData: adminConfig.caData,
  });
  writeFileSync(path, kubeconfigToYaml(doc), { mode: 0o600 });
  await env.registerCluster({ namespace: 'aks', name: 'k1', labels: { env: 'rbac' } });
  await admin.request({
    method: 'POST',
    path: collectionPath(CONFIG_MAPS, 'default'),
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'rbac-policies', namespace: 'default' },
      data: {
        'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n',
      },
    },
  });
  const deliverer = new RecordingDeliverer();
  controller = await startTestController(
    env,
    { kubeconfig: path, leaderElect: true, registerManagementCluster: true, logLevel: 'info' },
    {
      deliverers: { push: deliverer, pull: deliverer },
      identity: 'sa-replica',
      logger: createLogger({ level: 'info', write: (line) => void logLines.push(line) }),
    },
  );
  await controller.whenReconciling();
}, 90_000);

afterAll(async () => {
  await controller?.stop();
  admin?.close();
  await env?.stop();
});

describe('least-privilege RBAC of manifests/controller', () => {
  it('lets the controller lead, register the management cluster, probe clusters and deliver', async () => {
    await admin.request({
      method: 'POST',
      path: collectionPath(CLUSTER_PROFILE),
      body: {
        apiVersion: CLUSTER_PROFILE.apiVersion,
        kind: 'ClusterProfile',
        metadata: { name: 'rbac' },
        spec: {
          clusterSelector: { matchLabels: { env: 'rbac' } },
          policyRefs: [{ kind: 'ConfigMap', name: 'rbac-policies', namespace: 'default' }],
        },
      },
    });
    const summary = await waitFor(
      async () => {
        const s = await admin
          .request<ClusterSummary>({
            method: 'GET',
            path: objectPath(CLUSTER_SUMMARY, 'rbac-sveltos-k1', 'aks'),
          })
          .catch(() => undefined);
        return s?.status?.featureSummaries?.[0]?.status === 'Provisioned' && s;
      },
      { what: 'summary Provisioned' },
    );
    expect(summary.metadata.finalizers).toContain('clustersummaryfinalizer.projectsveltos.io');
    for (const [ns, name] of [
      ['aks', 'k1'],
      ['mgmt', 'mgmt'],
    ] as const) {
      const c = await waitFor(
        async () => {
          const got = await admin
            .request<SveltosCluster>({ method: 'GET', path: objectPath(SVELTOS_CLUSTER, name, ns) })
            .catch(() => undefined);
          return got?.status?.ready === true && got;
        },
        { what: `${ns}/${name} ready` },
      );
      expect(c.status?.connectionStatus).toBe('Healthy');
    }
    const lease = await admin.request<{ spec: { holderIdentity: string } }>({
      method: 'GET',
      path: objectPath(LEASES, 'sveltos-controller-leader', 'projectsveltos'),
    });
    expect(lease.spec.holderIdentity).toBe('sa-replica');
    await controller.context.events.flush();
    const events = await admin.request<{ items: Array<{ reason: string }> }>({
      method: 'GET',
      path: collectionPath(
        { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
        'default',
      ),
    });
    expect(events.items.map((e) => e.reason)).toContain('ClusterMatched');
    expect(logLines.filter((l) => /Forbidden|Permission denied|forbidden/.test(l))).toEqual([]);
  });

  it('is enforced: the controller cannot do what the manifests do not grant', async () => {
    await expect(
      controller.context.mgmt.http.request({
        method: 'POST',
        path: '/api/v1/namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'not-allowed' } },
      }),
    ).rejects.toMatchObject({ code: 403 });
  });
});
