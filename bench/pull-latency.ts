// Pull-mode latency benchmark (issue 10): one pull-mode cluster in the lab, sveltos-controller as
// its own process (real pull deliverer) and the real agent binary (dist/sveltos-agent.mjs) in
// the managed cluster. A ClusterProfile's policyRefs ConfigMap is edited 100 times; each edit is
// timed until the agent has applied the new object in the managed cluster (in-process watch on
// the lab, no polling delay) and until the ClusterSummary reports it Provisioned again; the next
// edit starts after that. Prints p50/p90/p99/max, requests per edit on both sides and the
// controller's RSS. Prints figures only.
// Run: `npm run build && npm run bench -- pull-latency`, or
// `npx tsx bench/pull-latency.ts [--edits 100] [--source]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY } from '../api/gvk.js';
import type { ClusterSummary } from '../api/types/index.js';
import type { InternalClient } from '../lab/apiserver/extension-points.js';
import type { KubeObject } from '../lib/kube-client.js';
import { startControllerEnv } from '../test/support/controller-env.js';
import type { ControllerTestEnv } from '../test/support/controller-env.js';
import { registerPullCluster, startAgentProcess } from '../test/support/pull-agent.js';
import type { AgentProcess } from '../test/support/pull-agent.js';
import { startControllerProcess } from './support/controller-process.js';
import type { ControllerProcess } from './support/controller-process.js';
import { fmt, mib, percentile, secs, since } from './support/figures.js';
import { CONFIG_MAPS, featureOf, gvr } from './support/push-fleet.js';
import { createRequestCounter, sumRequests } from './support/request-counter.js';
import type { RequestCounter } from './support/request-counter.js';
import { watchConfigMapValue } from './support/value-watch.js';

const { values: flags } = parseArgs({
  options: {
    edits: { type: 'string', default: '100' },
    source: { type: 'boolean', default: false },
  },
});
const EDITS = Number(flags.edits);
const CLUSTER = { namespace: 'rke2', name: 'cluster01' };
const PROFILE = 'bench-pull';
const SUMMARY = `${PROFILE}-sveltos-${CLUSTER.name}`;
const TARGET_NS = 'bench-pull';
const STEP_TIMEOUT_MS = 120_000;

interface World {
  env: ControllerTestEnv;
  controller: ControllerProcess;
  agent: AgentProcess;
  requests: RequestCounter;
  mgmt: InternalClient;
  home: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

async function startWorld(): Promise<World> {
  const requests = createRequestCounter();
  const env = await startControllerEnv({
    managed: [CLUSTER.name],
    onCluster: (c) => requests.install(c),
  });
  const home = mkdtempSync(join(tmpdir(), 'bench-pull-home-'));
  await registerPullCluster(env, CLUSTER, { env: 'bench' });
  const controller = await startControllerProcess({
    args: [
      ...['--kubeconfig', env.mgmtKubeconfig, '--leader-elect=false'],
      ...['--metrics-bind-address', '127.0.0.1:0', '--health-probe-bind-address', '127.0.0.1:0'],
      ...['--health-interval', '2s', '--agent-timeout', '30s', '--log-level', 'info'],
    ],
    source: flags.source,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home },
  });
  const agent = startAgentProcess(env, CLUSTER);
  const mgmt = env.lab.cluster('mgmt').client;
  return { env, controller, agent, requests, mgmt, home };
}

async function stopWorld(w: World): Promise<void> {
  await w.agent.stop();
  await w.controller.stop();
  await w.env.stop();
  rmSync(w.home, { recursive: true, force: true });
}

function policies(value: string): KubeObject {
  const objects = [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${TARGET_NS}\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: latency\n  namespace: ${TARGET_NS}\ndata:\n  value: "${value}"\n`,
  ];
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'bench-pull-policies', namespace: CLUSTER.namespace },
    data: { 'namespace.yaml': objects[0] ?? '', 'configmap.yaml': objects[1] ?? '' },
  };
}

async function put(w: World, resource: typeof CONFIG_MAPS, obj: KubeObject): Promise<void> {
  await w.mgmt.patch(resource, obj.metadata.namespace ?? '', obj.metadata.name, 'apply', obj, {
    fieldManager: 'bench',
    force: true,
  });
}

/** The summary's Resources hash once Provisioned with a hash other than `previous`. */
function provisionedHash(w: World, previous: string): string | undefined {
  const s = w.mgmt.get(gvr(CLUSTER_SUMMARY), CLUSTER.namespace, SUMMARY) as
    ClusterSummary | undefined;
  const f = s ? featureOf(s, 'Resources') : {};
  return f.status === 'Provisioned' && f.hash && f.hash !== previous ? f.hash : undefined;
}

interface Edit {
  appliedMs: number;
  provisionedMs: number;
}

async function runEdits(w: World, hash: string): Promise<{ edits: Edit[]; hash: string }> {
  const watch = watchConfigMapValue(w.env.lab.cluster(CLUSTER.name), TARGET_NS, 'latency');
  const edits: Edit[] = [];
  try {
    for (let i = 1; i <= EDITS; i++) {
      const value = `edit-${i}`;
      const t0 = performance.now();
      await put(w, CONFIG_MAPS, policies(value));
      const applied = await watch.when(value, STEP_TIMEOUT_MS);
      const previous = hash;
      hash = await until(
        `edit ${i} Provisioned`,
        () => provisionedHash(w, previous),
        STEP_TIMEOUT_MS,
      );
      edits.push({ appliedMs: applied - t0, provisionedMs: since(t0) });
      if (i % 25 === 0) process.stdout.write(`  ${i}/${EDITS} edits done\n`);
    }
  } finally {
    watch.stop();
  }
  return { edits, hash };
}

function printLatency(label: string, ms: number[]): void {
  const p = (q: number): string => fmt(percentile(ms, q)).padStart(6);
  console.log(
    `  ${label.padEnd(52)} p50 ${p(50)} ms  p90 ${p(90)} ms  p99 ${p(99)} ms  max ${p(100)} ms`,
  );
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const w = await startWorld();
  try {
    await until(
      'cluster01 ready (agent heartbeat)',
      () => {
        const c = w.mgmt.get(
          { group: 'lib.projectsveltos.io', version: 'v1beta1', resource: 'sveltosclusters' },
          CLUSTER.namespace,
          CLUSTER.name,
        ) as { status?: { ready?: boolean } } | undefined;
        return c?.status?.ready === true ? true : undefined;
      },
      STEP_TIMEOUT_MS,
    );
    console.log(
      `pull-latency: lab + controller (pid ${w.controller.pid}) + agent up, cluster01 ready in ${secs(since(t0))}`,
    );
    const first = performance.now();
    const watch = watchConfigMapValue(w.env.lab.cluster(CLUSTER.name), TARGET_NS, 'latency');
    await put(w, CONFIG_MAPS, policies('edit-0'));
    await put(w, gvr(CLUSTER_PROFILE), {
      apiVersion: CLUSTER_PROFILE.apiVersion,
      kind: CLUSTER_PROFILE.kind,
      metadata: { name: PROFILE },
      spec: {
        clusterSelector: { matchLabels: { env: 'bench' } },
        syncMode: 'Continuous',
        policyRefs: [{ kind: 'ConfigMap', name: 'bench-pull-policies', namespace: 'rke2' }],
      },
    });
    const appliedAt = await watch.when('edit-0', STEP_TIMEOUT_MS);
    watch.stop();
    const hash = await until(
      'first rollout Provisioned',
      () => provisionedHash(w, ''),
      STEP_TIMEOUT_MS,
    );
    console.log(
      `  new profile → applied in cluster01 ${fmt(appliedAt - first)} ms, → summary Provisioned ${fmt(since(first))} ms`,
    );
    await sleep(1000);
    w.requests.reset();
    const cpu0 = w.controller.cpu();
    const began = performance.now();
    const { edits } = await runEdits(w, hash);
    const total = since(began);
    const snap = w.requests.snapshot();
    const mgmtReq = sumRequests(snap, (n) => n === 'mgmt');
    const managedReq = sumRequests(snap, (n) => n !== 'mgmt');
    const cpu = w.controller.cpu();
    const mem = w.controller.memory();
    console.log(`\n${edits.length} edits of the policyRefs ConfigMap in ${secs(total)}:`);
    printLatency(
      'edit → object applied in the managed cluster',
      edits.map((e) => e.appliedMs),
    );
    printLatency(
      'edit → ClusterSummary Provisioned (agent status back)',
      edits.map((e) => e.provisionedMs),
    );
    console.log(
      `  requests per edit (excl. /version): mgmt ${fmt(mgmtReq.api / edits.length, 1)} (controller + agent, incl. heartbeats), managed cluster ${fmt(managedReq.api / edits.length, 1)} (agent)`,
    );
    console.log(
      `  controller CPU ${fmt(((cpu.own - cpu0.own) / edits.length) * 1000)} ms per edit; controller RSS ${mib(mem.rss)} MiB now, peak ${mib(mem.peak)} MiB`,
    );
  } finally {
    await stopWorld(w);
  }
}

await main();
