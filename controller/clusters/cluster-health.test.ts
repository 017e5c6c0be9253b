// Cluster health against the lab with real client-node: push clusters probed over their
// kubeconfig Secrets, failures that name their cause without stalling other clusters, pull
// clusters judged by their agent's heartbeat, and the management cluster registering itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import { K8S_VERSION_LABEL } from '../../api/labels.js';
import type { SveltosCluster } from '../../api/types/index.js';
import { objectPath } from '../../lib/resource-paths.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { startControllerEnv } from '../../test/support/controller-env.js';
import type { ControllerTestEnv } from '../../test/support/controller-env.js';
import { rawClient, startTestController } from '../../test/support/controller-harness.js';
import { waitFor } from '../../test/support/kubectl.js';
import type { ControllerHandle } from '../start.js';

let env: ControllerTestEnv;
let controller: ControllerHandle;
let mgmt: KubeHttpClient;

const CLOSED_PORT_KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{ name: gone, cluster: { server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: abc } }]
contexts: [{ name: gone, context: { cluster: gone, user: u } }]
current-context: gone
`;

beforeAll(async () => {
  env = await startControllerEnv({ managed: ['c1'] });
  env.lab.cluster('c1').version = 'v1.30.4';
  mgmt = rawClient(env, 'mgmt');
  controller = await startTestController(env, { registerManagementCluster: true });
  await controller.whenReconciling();
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  mgmt?.close();
  await env?.stop();
});

function getCluster(namespace: string, name: string): Promise<SveltosCluster> {
  return mgmt.request<SveltosCluster>({
    method: 'GET',
    path: objectPath(SVELTOS_CLUSTER, name, namespace),
  });
}

describe('cluster health', () => {
  it('marks a registered push cluster ready with the version its API server reports', async () => {
    await env.registerCluster({ namespace: 'aks', name: 'c1', labels: { env: 'test' } });
    const cluster = await waitFor(
      async () => {
        const c = await getCluster('aks', 'c1');
        return c.status?.ready === true && c;
      },
      { what: 'aks/c1 ready' },
    );
    expect(cluster.status).toMatchObject({
      ready: true,
      version: 'v1.30.4',
      connectionStatus: 'Healthy',
      connectionFailures: 0,
    });
    expect(cluster.status?.failureMessage).toBeUndefined();
  });

  it('stamps the k8s-version label from the probed version and follows an upgrade', async () => {
    const labelled = await waitFor(
      async () => {
        const c = await getCluster('aks', 'c1');
        return c.metadata.labels?.[K8S_VERSION_LABEL] === 'v1.30.4' && c;
      },
      { what: 'aks/c1 k8s-version label' },
    );
    expect(labelled.metadata.labels).toMatchObject({ env: 'test' });
    env.lab.cluster('c1').version = 'v1.31.2+k3s1';
    await waitFor(
      async () => {
        const c = await getCluster('aks', 'c1');
        return (
          c.status?.version === 'v1.31.2+k3s1' &&
          c.metadata.labels?.[K8S_VERSION_LABEL] === 'v1.31.2'
        );
      },
      { what: 'aks/c1 k8s-version label after the upgrade' },
    );
  });

  it('marks an unreachable cluster Down after the failure threshold, naming the cause, while others stay served', async () => {
    await env.registerCluster({
      namespace: 'far',
      name: 'gone',
      kubeconfig: CLOSED_PORT_KUBECONFIG,
    });
    const cluster = await waitFor(
      async () => {
        const c = await getCluster('far', 'gone');
        return c.status?.connectionStatus === 'Down' && c;
      },
      { what: 'far/gone Down' },
    );
    expect(cluster.status?.ready).toBe(false);
    expect(cluster.status?.connectionFailures).toBeGreaterThanOrEqual(3);
    expect(cluster.status?.failureMessage).toBe(
      'Unable to connect to cluster far/gone at https://127.0.0.1:1: connection refused',
    );
    expect((await getCluster('aks', 'c1')).status?.ready).toBe(true);
  });

  it('says which Secret is missing when a cluster has no kubeconfig Secret', async () => {
    await env.registerCluster({ namespace: 'lost', name: 'nosecret', withoutSecret: true });
    const cluster = await waitFor(
      async () => {
        const c = await getCluster('lost', 'nosecret');
        return c.status?.failureMessage ? c : undefined;
      },
      { what: 'lost/nosecret failureMessage' },
    );
    expect(cluster.status?.failureMessage).toBe(
      "Secret lost/nosecret-sveltos-kubeconfig with the cluster's kubeconfig does not exist",
    );
    expect(cluster.status?.ready).toBe(false);
  });

  it('says a kubeconfig is unusable when the Secret holds something else', async () => {
    await env.registerCluster({ namespace: 'bad', name: 'garbled', kubeconfig: 'this: [is not' });
    const cluster = await waitFor(
      async () => {
        const c = await getCluster('bad', 'garbled');
        return c.status?.failureMessage ? c : undefined;
      },
      { what: 'bad/garbled failureMessage' },
    );
    expect(cluster.status?.failureMessage).toMatch(
      /^Kubeconfig in Secret bad\/garbled-sveltos-kubeconfig key "kubeconfig" is unusable: /,
    );
  });

  it('turns a pull cluster with a stale heartbeat not ready and ready again at its next heartbeat', async () => {
    await env.registerCluster({
      namespace: 'edge',
      name: 'p1',
      spec: { pullMode: true },
      withoutSecret: true,
    });
    const statusPath = objectPath(SVELTOS_CLUSTER, 'p1', 'edge', 'status');
    const heartbeat = (at: Date): Promise<unknown> =>
      mgmt.request({
        method: 'PATCH',
        path: statusPath,
        contentType: 'application/merge-patch+json',
        body: {
          status: {
            agentLastReportTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            ready: true,
            version: 'v1.32.5',
          },
        },
      });
    await heartbeat(new Date(Date.now() - 120_000));
    const stale = await waitFor(
      async () => {
        const c = await getCluster('edge', 'p1');
        return c.status?.connectionStatus === 'Down' && c;
      },
      { what: 'edge/p1 Down' },
    );
    expect(stale.status?.ready).toBe(false);
    expect(stale.status?.failureMessage).toMatch(
      /^No heartbeat from the agent since .*, more than 30s ago \(--agent-timeout\)$/,
    );
    await heartbeat(new Date());
    const fresh = await waitFor(
      async () => {
        const c = await getCluster('edge', 'p1');
        return c.status?.connectionStatus === 'Healthy' && c.status.ready === true && c;
      },
      { what: 'edge/p1 Healthy again' },
    );
    expect(fresh.status?.failureMessage).toBeUndefined();
    expect(fresh.status?.version).toBe('v1.32.5');
    await waitFor(
      async () =>
        (await getCluster('edge', 'p1')).metadata.labels?.[K8S_VERSION_LABEL] === 'v1.32.5',
      { what: 'edge/p1 k8s-version label from the agent-reported version' },
    );
  });

  it('registers the management cluster as mgmt/mgmt and probes it like any other', async () => {
    const cluster = await waitFor(
      async () => {
        const c = await getCluster('mgmt', 'mgmt').catch(() => undefined);
        return c?.status?.ready === true && c;
      },
      { what: 'mgmt/mgmt ready' },
    );
    expect(cluster.status?.version).toBe(env.lab.cluster('mgmt').version);
  });
});
