// The real sveltos-agent process (bin/sveltos-agent, needs `npm run build`) killed with SIGKILL
// in the middle of applying a large group: after a restart the group ends Provisioned and every
// object exists exactly once with the right content; the inventory records exactly them. Also:
// JSON log lines; SIGTERM (idle, or mid-apply: the group is finished and reported) exits 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryName } from '../../agent/bundles.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { spawnAgent } from '../support/agent-process.js';
import type { AgentProcess } from '../support/agent-process.js';
import {
  configMap,
  groupStatus,
  stageGroup,
  startAgentWorld,
  suffix,
} from '../support/agent-world.js';
import type { AgentWorld } from '../support/agent-world.js';
import { kubectl, waitFor } from '../support/kubectl.js';

let world: AgentWorld;
const running: AgentProcess[] = [];

beforeAll(async () => {
  world = await startAgentWorld();
}, 60_000);

afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await world?.stop();
});

const COUNT = 600;

async function deployed(ns: string): Promise<KubeObject[]> {
  const list = await world.local.request<{ items: KubeObject[] }>({
    method: 'GET',
    path: `/api/v1/namespaces/${ns}/configmaps`,
    query: { labelSelector: 'projectsveltos.io/reason' },
  });
  return list.items;
}

describe('sveltos-agent process crash', () => {
  it('converges after kill -9 mid-apply: the group ends Provisioned, every object exactly once with the right content', async () => {
    const ns = `crash-${suffix()}`;
    const objects = Array.from({ length: COUNT }, (_, i) =>
      configMap(ns, `obj-${i}`, { index: `${i}`, payload: `value-${i}-`.repeat(20) }),
    );
    const first = spawnAgent(world);
    running.push(first);
    const hash = await stageGroup(world, { name: 'large', requestor: 'crash-sveltos-c', objects });
    const atKill = await waitFor(
      async () => {
        const n = (await deployed(ns).catch(() => [])).length;
        return n >= 30 ? n : false;
      },
      { timeoutMs: 60_000, intervalMs: 25, what: 'the apply under way' },
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(atKill).toBeLessThan(COUNT);
    expect((await groupStatus(world, 'large')).status).toBeUndefined();
    for (const line of first.logs()) expect(() => JSON.parse(line) as unknown).not.toThrow();

    const second = spawnAgent(world);
    running.push(second);
    const status = await waitFor(
      async () => {
        const s = await groupStatus(world, 'large');
        return s.status === 'Provisioned' ? s : false;
      },
      { timeoutMs: 120_000, intervalMs: 250, what: 'group Provisioned after the restart' },
    );
    expect(status).toMatchObject({ observedGeneration: 1, observedRequestorHash: hash });

    const items = await deployed(ns);
    expect(items).toHaveLength(COUNT);
    const byName = new Map(items.map((o) => [o.metadata.name, o]));
    expect(byName.size).toBe(COUNT);
    for (const want of objects) {
      expect(byName.get(want.metadata.name)?.data).toEqual(want.data);
    }
    const head = inventoryName({
      kind: 'ClusterSummary',
      name: 'crash-sveltos-c',
      feature: 'Resources',
    });
    const inventory = await kubectl(
      ['get', 'secret', head, '-n', 'projectsveltos', '-o', 'jsonpath={.data.state}'],
      { kubeconfig: world.localKubeconfig },
    );
    expect(Buffer.from(inventory.stdout, 'base64').toString()).toBe('Applied');

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const logs = second.logs().map((l) => JSON.parse(l) as { msg?: string; message?: string });
    expect(logs.map((l) => l.msg ?? l.message)).toContain('Agent stopped');
  }, 240_000);

  it('on SIGTERM mid-apply finishes the group it is applying, reports it and exits 0', async () => {
    const ns = `term-${suffix()}`;
    const objects = Array.from({ length: 300 }, (_, i) =>
      configMap(ns, `obj-${i}`, { index: `${i}` }),
    );
    const agent = spawnAgent(world);
    running.push(agent);
    const hash = await stageGroup(world, {
      name: 'terminated',
      requestor: 'term-sveltos-c',
      objects,
    });
    await waitFor(async () => ((await deployed(ns).catch(() => [])).length >= 30 ? true : false), {
      timeoutMs: 60_000,
      intervalMs: 25,
      what: 'the apply under way',
    });
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect(await groupStatus(world, 'terminated')).toMatchObject({
      status: 'Provisioned',
      observedRequestorHash: hash,
    });
    expect(await deployed(ns)).toHaveLength(300);
  }, 180_000);
});
