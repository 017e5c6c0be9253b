// The pull agent (in-process, real client over HTTPS to lab clusters) processing
// ConfigurationGroups staged by hand in Sveltos' format: apply order (namespaces, CRDs
// Established, cluster scope), owner marks, status fields, hash mismatch, skipNamespaceCreation
// with the API's own reason and retries, 3 MiB through chunked inventories, exact Remove,
// leavePolicies, re-apply after restart during a management outage, catch-up, probes, metrics.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAgent } from '../../agent/agent.js';
import { inventoryName } from '../../agent/bundles.js';
import { CONFIGURATION_BUNDLE } from '../../api/gvk.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { installFaults } from '../../lab/faults/index.js';
import type { FaultInjector } from '../../lab/faults/index.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import {
  applyRaw,
  configMap,
  groupStatus,
  stageGroup,
  startAgentWorld,
  startInProcessAgent,
  suffix,
} from '../support/agent-world.js';
import type { AgentWorld } from '../support/agent-world.js';

let world: AgentWorld;
let agent: RunningAgent;
let faults: FaultInjector;

beforeAll(async () => {
  world = await startAgentWorld();
  faults = installFaults(world.env.lab.cluster('mgmt'));
  agent = await startInProcessAgent(world);
}, 60_000);

afterAll(async () => {
  await agent?.stop();
  await world?.stop();
});

const local = (args: string[]): ReturnType<typeof kubectl> =>
  kubectl(args, { kubeconfig: world.localKubeconfig });

async function settled(name: string, want: string): Promise<Record<string, unknown>> {
  return waitFor(
    async () => {
      const s = await groupStatus(world, name);
      return s.status === want ? s : false;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: `group ${name} ${want}` },
  );
}

function crd(group: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
            },
          },
        },
      ],
    },
  };
}

/** Groups the running agent reported Failed, from its /metrics. */
async function failedCount(): Promise<number> {
  const text = await (await fetch(`${agent.probeUrl}/metrics`)).text();
  const m =
    /sveltos_agent_configuration_groups_total\{action="Deploy",result="Failed"\} (\d+)/.exec(text);
  return Number(m?.[1] ?? 0);
}

async function objectJson(args: string[]): Promise<KubeObject> {
  const r = await local(['get', ...args, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as KubeObject;
}

describe('sveltos-agent applies ConfigurationGroups', () => {
  it('applies in order (namespace, CRD Established, cluster scope), marks owners and reports every status field', async () => {
    const ns = `apps-${suffix()}`;
    const group = `g${suffix()}.example.com`;
    // Deliberately out of order: the custom resource first, its CRD and namespace last.
    const objects: KubeObject[] = [
      {
        apiVersion: `${group}/v1`,
        kind: 'Widget',
        metadata: { name: 'w1', namespace: ns },
        spec: { size: 3 },
      },
      configMap(ns, 'settings', { mode: 'on' }),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        // A namespace on a cluster-scoped kind is dropped, as kubectl does.
        metadata: { name: `reader-${ns}`, namespace: ns },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
      },
      crd(group),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    ];
    const hash = await stageGroup(world, { name: 'ordered', requestor: 'p1-sveltos-c', objects });
    const status = await settled('ordered', 'Provisioned');
    expect(status).toMatchObject({ observedGeneration: 1, observedRequestorHash: hash });
    expect(status.lastAppliedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(status.failureMessage).toBeUndefined();
    expect(status.deployedGroupVersionKind).toEqual(
      expect.arrayContaining([
        'Namespace.v1.',
        'CustomResourceDefinition.v1.apiextensions.k8s.io',
        'ClusterRole.v1.rbac.authorization.k8s.io',
        'ConfigMap.v1.',
        `Widget.v1.${group}`,
      ]),
    );

    const widget = await objectJson(['widgets.' + group, 'w1', '-n', ns]);
    expect(widget.spec).toEqual({ size: 3 });
    expect(widget.metadata.labels?.['projectsveltos.io/reason']).toBe('Resources');
    expect(widget.metadata.annotations).toMatchObject({
      'projectsveltos.io/owner-kind': 'ClusterSummary',
      'projectsveltos.io/owner-name': 'p1-sveltos-c',
    });
    const role = await objectJson(['clusterrole', `reader-${ns}`]);
    expect(role.metadata.namespace).toBeUndefined();
    const managers = (
      await objectJson(['configmap', 'settings', '-n', ns, '--show-managed-fields'])
    ).metadata.managedFields as Array<{ manager: string; operation: string }>;
    expect(managers.map((m) => `${m.manager}/${m.operation}`)).toContain('sveltos-agent/Apply');
  }, 90_000);

  it('fails a group whose bundle was edited by hand, naming the bundle, and applies none of it', async () => {
    const ns = `edited-${suffix()}`;
    const objects = Array.from({ length: 20 }, (_, i) => configMap(ns, `cm${i}`, { i: `${i}` }));
    const evil = `evil-${suffix()}`;
    const hash = await stageGroup(world, {
      name: 'edited',
      requestor: 'p2-sveltos-c',
      objects,
      beforeGroup: async (bundles) => {
        const edited = await world.mgmt.request<KubeObject & { spec: { resources: string[] } }>({
          method: 'GET',
          path: `/apis/${CONFIGURATION_BUNDLE.apiVersion}/namespaces/${world.namespace}/${CONFIGURATION_BUNDLE.plural}/${bundles[1]}`,
        });
        edited.spec.resources.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${evil}\n`);
        await applyRaw(world.mgmt, CONFIGURATION_BUNDLE, {
          apiVersion: edited.apiVersion,
          kind: edited.kind,
          metadata: { name: edited.metadata.name, namespace: world.namespace },
          spec: edited.spec,
        });
      },
    });
    const status = await settled('edited', 'Failed');
    expect(status.observedRequestorHash).toBe(hash);
    expect(status.failureMessage).toBe(
      `ConfigurationBundle ${world.namespace}/edited-1 content does not match the hash its group lists`,
    );
    expect((await local(['get', 'namespace', ns, evil, '-o', 'name'])).stdout).toBe('');
    const inventory = inventoryName({
      kind: 'ClusterSummary',
      name: 'p2-sveltos-c',
      feature: 'Resources',
    });
    const secrets = await local(['get', 'secrets', '-n', 'projectsveltos', '-o', 'name']);
    expect(secrets.stdout).toContain('secret/sveltos-inventory-');
    expect(secrets.stdout).not.toContain(inventory);
    // A hash mismatch is retried until the group changes; drop it so later tests count cleanly.
    await world.mgmt.request({
      method: 'DELETE',
      path: `/apis/lib.projectsveltos.io/v1beta1/namespaces/${world.namespace}/configurationgroups/edited`,
    });
  }, 90_000);
});

describe('sveltos-agent failures, inventories and removal', () => {
  it("with skipNamespaceCreation a missing namespace fails the group with the API's own reason, and a retry succeeds once it exists", async () => {
    const ns = `late-${suffix()}`;
    await stageGroup(world, {
      name: 'late',
      requestor: 'p3-sveltos-c',
      objects: [configMap(ns, 'a', { v: '1' })],
      skipNamespaceCreation: true,
    });
    const failed = await settled('late', 'Failed');
    expect(failed.failureMessage).toContain(`ConfigMap ${ns}/a`);
    expect(failed.failureMessage).toContain('NotFound');
    expect((await local(['get', 'namespace', ns])).stderr).toContain('NotFound');
    expect((await local(['create', 'namespace', ns])).code).toBe(0);
    // No spec change: the agent retries the failed group on its own, with backoff.
    await settled('late', 'Provisioned');
    expect((await objectJson(['configmap', 'a', '-n', ns])).data).toEqual({ v: '1' });
  }, 90_000);

  it('deploys 3 MiB through bundles under the budget and a chunked inventory; Remove deletes exactly the inventory', async () => {
    const ns = `big-${suffix()}`;
    const objects = Array.from({ length: 48 }, (_, i) =>
      configMap(ns, `blob${i}`, { blob: randomBytes(48 * 1024).toString('base64') }),
    );
    const total = objects.reduce((n, o) => n + JSON.stringify(o).length, 0);
    expect(total).toBeGreaterThan(3 * 1024 * 1024);
    await stageGroup(world, { name: 'big', requestor: 'p4-sveltos-c', objects });
    await settled('big', 'Provisioned');
    const bundles = await world.mgmt.request<{ items: Array<{ spec: { resources: string[] } }> }>({
      method: 'GET',
      path: `/apis/${CONFIGURATION_BUNDLE.apiVersion}/namespaces/${world.namespace}/${CONFIGURATION_BUNDLE.plural}`,
    });
    const big = bundles.items.filter((b) => b.spec.resources.some((r) => r.includes(ns)));
    expect(big.length).toBeGreaterThanOrEqual(6);
    for (const b of big)
      expect(Buffer.byteLength(b.spec.resources.join(''))).toBeLessThan(512 * 1024);

    const head = inventoryName({
      kind: 'ClusterSummary',
      name: 'p4-sveltos-c',
      feature: 'Resources',
    });
    const parts = JSON.parse(
      (
        await local([
          'get',
          'secrets',
          '-n',
          'projectsveltos',
          '-l',
          `projectsveltos.io/inventory-head=${head}`,
          '-o',
          'json',
        ])
      ).stdout,
    ) as { items: Array<{ data: { content: string } }> };
    expect(parts.items.length).toBeGreaterThanOrEqual(2);
    for (const p of parts.items) expect(p.data.content.length).toBeLessThan(1024 * 1024);
    const deployed = await local([
      'get',
      'configmaps',
      '-n',
      ns,
      '-l',
      'projectsveltos.io/reason',
      '-o',
      'name',
    ]);
    expect(deployed.stdout.trim().split('\n')).toHaveLength(48);

    // Same labels, not deployed by this requestor: Remove must leave it.
    const bystander = await local([
      'create',
      'configmap',
      'bystander',
      '-n',
      ns,
      '--from-literal=k=v',
    ]);
    expect(bystander.code, bystander.stderr).toBe(0);
    await local([
      'label',
      'configmap',
      'bystander',
      '-n',
      ns,
      'projectsveltos.io/reason=Resources',
    ]);
    await stageGroup(world, { name: 'big', requestor: 'p4-sveltos-c', action: 'Remove' });
    await settled('big', 'Removed');
    const left = await local([
      'get',
      'configmaps',
      '-n',
      ns,
      '-l',
      'projectsveltos.io/reason',
      '-o',
      'name',
    ]);
    expect(left.stdout.trim()).toBe('configmap/bystander');
    const inventory = await local(['get', 'secrets', '-n', 'projectsveltos', '-o', 'name']);
    expect(inventory.stdout).not.toContain(head);
  }, 180_000);

  it('Remove with leavePolicies leaves the objects and drops the inventory', async () => {
    const ns = `leave-${suffix()}`;
    await stageGroup(world, {
      name: 'leave',
      requestor: 'p5-sveltos-c',
      objects: [configMap(ns, 'kept', { k: 'v' })],
    });
    await settled('leave', 'Provisioned');
    await stageGroup(world, {
      name: 'leave',
      requestor: 'p5-sveltos-c',
      action: 'Remove',
      leavePolicies: true,
    });
    await settled('leave', 'Removed');
    expect((await objectJson(['configmap', 'kept', '-n', ns])).data).toEqual({ k: 'v' });
    const head = inventoryName({
      kind: 'ClusterSummary',
      name: 'p5-sveltos-c',
      feature: 'Resources',
    });
    expect((await local(['get', 'secret', '-n', 'projectsveltos', head])).stderr).toContain(
      'NotFound',
    );
  }, 90_000);
  it('Remove leaves an object another requestor took over since', async () => {
    const ns = `shared-${suffix()}`;
    const [first, second] = ['p8-sveltos-c', 'p9-sveltos-c'];
    const objects = [configMap(ns, 'shared', { v: '1' }), configMap(ns, 'only-p8', { v: '1' })];
    await stageGroup(world, { name: 'first', requestor: first, objects });
    await settled('first', 'Provisioned');
    await stageGroup(world, { name: 'second', requestor: second, objects: [objects[0]] });
    await settled('second', 'Provisioned');
    await stageGroup(world, { name: 'first', requestor: first, action: 'Remove' });
    await settled('first', 'Removed');
    const shared = await objectJson(['configmap', 'shared', '-n', ns]);
    expect(shared.metadata.annotations?.['projectsveltos.io/owner-name']).toBe(second);
    expect((await local(['get', 'configmap', 'only-p8', '-n', ns])).stderr).toContain('NotFound');
  }, 90_000);
});

describe('sveltos-agent restarts and management outages', () => {
  it('re-applies its inventories at start while the management cluster is down, then catches up on what was staged meanwhile', async () => {
    const ns = `drift-${suffix()}`;
    await stageGroup(world, {
      name: 'drift',
      requestor: 'p6-sveltos-c',
      objects: [configMap(ns, 'a', { v: '1' }), configMap(ns, 'b', { v: '1' })],
    });
    await settled('drift', 'Provisioned');
    await agent.stop();
    expect((await local(['delete', 'configmap', 'a', '-n', ns])).code).toBe(0);
    expect(
      (await local(['patch', 'configmap', 'b', '-n', ns, '-p', '{"data":{"v":"tampered"}}'])).code,
    ).toBe(0);

    const mgmtCluster = world.env.lab.cluster('mgmt');
    faults.set({ outage: true });
    try {
      agent = await startInProcessAgent(world);
      await waitFor(
        async () => {
          const a = await local(['get', 'configmap', 'a', '-n', ns, '-o', 'jsonpath={.data.v}']);
          const b = await local(['get', 'configmap', 'b', '-n', ns, '-o', 'jsonpath={.data.v}']);
          return a.stdout === '1' && b.stdout === '1';
        },
        { timeoutMs: 60_000, intervalMs: 300, what: 'drift repaired from the inventory' },
      );
      // Staged while the agent cannot reach the management cluster (in-process, past the fault).
      await stageGroup(world, {
        name: 'meanwhile',
        requestor: 'p7-sveltos-c',
        objects: [configMap(ns, 'late', { v: 'x' })],
        write: async (rt, obj) => {
          await mgmtCluster.client.create(
            { group: rt.group, version: rt.version, resource: rt.plural },
            obj,
          );
        },
      });
      const r = await fetch(`${agent.probeUrl}/healthz`);
      expect(r.status).toBe(200);
    } finally {
      faults.set({ outage: false });
    }
    await settled('meanwhile', 'Provisioned');
    expect((await objectJson(['configmap', 'late', '-n', ns])).data).toEqual({ v: 'x' });
  }, 150_000);

  it('delivers every group while the management cluster cuts watches and fails a quarter of requests', async () => {
    const ns = `flaky-${suffix()}`;
    const failedBefore = await failedCount();
    faults.set({ watchEventLimit: 1, errorRate: 0.25, errorCode: 503, retryAfterSeconds: 0 });
    try {
      for (const i of [1, 2, 3]) {
        await waitFor(
          async () =>
            stageGroup(world, {
              name: `flaky${i}`,
              requestor: `flaky${i}-sveltos-c`,
              objects: [configMap(ns, `cm${i}`, { i: `${i}` })],
            }),
          { timeoutMs: 30_000, what: `group flaky${i} staged` },
        );
      }
      for (const i of [1, 2, 3]) await settled(`flaky${i}`, 'Provisioned');
    } finally {
      faults.set({ watchEventLimit: 0, errorRate: 0 });
    }
    const names = await local([
      'get',
      'configmaps',
      '-n',
      ns,
      '-l',
      'projectsveltos.io/reason',
      '-o',
      'name',
    ]);
    // An unanswering management cluster is not the group's failure: nothing Failed was reported.
    expect(await failedCount()).toBe(failedBefore);
    expect(names.stdout.trim().split('\n')).toEqual([
      'configmap/cm1',
      'configmap/cm2',
      'configmap/cm3',
    ]);
  }, 120_000);

  it('serves /healthz, /readyz and /metrics, and heartbeats its SveltosCluster with the local version', async () => {
    expect((await fetch(`${agent.probeUrl}/healthz`)).status).toBe(200);
    await waitFor(async () => (await fetch(`${agent.probeUrl}/readyz`)).status === 200, {
      timeoutMs: 60_000,
      what: 'readyz',
    });
    const metrics = await (await fetch(`${agent.probeUrl}/metrics`)).text();
    expect(metrics).toContain(
      'sveltos_agent_configuration_groups_total{action="Deploy",result="Provisioned"}',
    );
    expect(metrics).toMatch(
      /sveltos_agent_group_apply_duration_seconds_count\{action="Deploy"\} [1-9]/,
    );
    expect(metrics).toMatch(/sveltos_agent_inventory_reapplied_total\{result="Applied"\} [1-9]/);
    expect(metrics).toMatch(/sveltos_agent_heartbeats_total\{result="ok"\} [1-9]/);
    const version = await world.local.request<{ gitVersion: string }>({
      method: 'GET',
      path: '/version',
    });
    const cluster = await waitFor(
      async () => {
        const r = await kubectl(
          ['get', 'sveltoscluster', world.cluster, '-n', world.namespace, '-o', 'json'],
          { kubeconfig: world.mgmtKubeconfig },
        );
        const c = JSON.parse(r.stdout) as { status?: Record<string, unknown> };
        return c.status?.ready === true ? c.status : false;
      },
      { timeoutMs: 30_000, what: 'SveltosCluster ready' },
    );
    expect(cluster).toMatchObject({
      ready: true,
      version: version.gitVersion,
      connectionStatus: 'Healthy',
    });
    expect(cluster.agentLastReportTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }, 90_000);
});
