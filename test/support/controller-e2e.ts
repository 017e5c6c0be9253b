// End-to-end world of the whole controller in push mode: a lab (management cluster with the
// Sveltos CRDs, managed clusters registered as SveltosClusters), the lab chart repository
// mirrored for the seed's public URLs, and startTestController with the real push deliverer.
// Helpers read state back through the API, real kubectl and real helm. Owned by "push e2e".
import { dump } from 'js-yaml';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY } from '../../api/gvk.js';
import type {
  ClusterProfile,
  ClusterSummary,
  FeatureSummary,
  Spec,
} from '../../api/types/index.js';
import type { ControllerHandle } from '../../controller/start.js';
import { labControllers } from '../../lab/controllers/index.js';
import { startChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { startControllerEnv } from './controller-env.js';
import type { ControllerTestEnv, RegisterOptions } from './controller-env.js';
import { startTestController } from './controller-harness.js';
import { helm, kubectl, waitFor } from './kubectl.js';
import type { RunResult } from './kubectl.js';

export interface PushE2E {
  env: ControllerTestEnv;
  repo: ChartRepository;
  /** The running controller (replaced by restartController). */
  controller: ControllerHandle;
  /** Starts a controller with the mirrors of the chart repository (does not stop the old one). */
  startController(): Promise<ControllerHandle>;
  stop(): Promise<void>;
}

/** A Helm release as `helm list -o json` prints it. */
export interface ListedRelease {
  name: string;
  namespace: string;
  revision: string;
  chart: string;
  status: string;
}

/** Starts the lab, registers `clusters` and starts a reconciling controller. */
export async function startPushE2E(opts: {
  managed: string[];
  clusters: RegisterOptions[];
}): Promise<PushE2E> {
  const [env, repo] = await Promise.all([
    // Every cluster runs the lab's controllers (namespace deletion, garbage collection), as
    // kube-controller-manager would, so withdrawn namespaces really go away.
    startControllerEnv({
      managed: opts.managed,
      onCluster: (c) => c.use({ controllers: labControllers() }),
    }),
    startChartRepository(),
  ]);
  for (const c of opts.clusters) await env.registerCluster(c);
  const startController = async (): Promise<ControllerHandle> => {
    const c = await startTestController(env, {
      helmRepositoryMirror: repo.repositories.map((r) => `${r.mirrors}=${r.url}/`),
    });
    await c.whenReconciling();
    return c;
  };
  const world: PushE2E = {
    env,
    repo,
    controller: await startController(),
    startController,
    stop: async () => {
      await world.controller.stop();
      await Promise.all([env.stop(), repo.stop()]);
    },
  };
  return world;
}

/** Runs kubectl against the management cluster. */
export function mgmtKubectl(e: PushE2E, args: string[], stdin?: string): Promise<RunResult> {
  return kubectl(args, { kubeconfig: e.env.mgmtKubeconfig, ...(stdin ? { stdin } : {}) });
}

/** A ClusterProfile as YAML, the way a user writes it. */
export function clusterProfileYaml(name: string, spec: Spec): string {
  const profile: ClusterProfile = {
    apiVersion: CLUSTER_PROFILE.apiVersion as ClusterProfile['apiVersion'],
    kind: 'ClusterProfile',
    metadata: { name },
    spec,
  };
  return dump(profile);
}

/** `kubectl apply -f -` of YAML on the management cluster; throws with kubectl's stderr. */
export async function applyYaml(e: PushE2E, yaml: string): Promise<void> {
  const out = await mgmtKubectl(e, ['apply', '-f', '-'], yaml);
  if (out.code !== 0) throw new Error(`kubectl apply failed: ${out.stderr}`);
}

/** A ConfigMap holding `resources` (a YAML multi-document), as a policyRefs source. */
export function sourceConfigMapYaml(
  namespace: string,
  name: string,
  resources: KubeObject[],
): string {
  return dump({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace },
    data: { 'resources.yaml': resources.map((r) => dump(r)).join('---\n') },
  });
}

/** The ClusterSummary from the API (undefined when absent). */
export async function getSummary(
  e: PushE2E,
  namespace: string,
  name: string,
): Promise<ClusterSummary | undefined> {
  const ref = { apiVersion: CLUSTER_SUMMARY.apiVersion, kind: 'ClusterSummary', namespace, name };
  return (await e.env.mgmt.get(ref)) as unknown as ClusterSummary | undefined;
}

/** One feature's recorded summary. */
export async function featureOf(
  e: PushE2E,
  ref: { namespace: string; summary: string; feature: string },
): Promise<FeatureSummary | undefined> {
  const s = await getSummary(e, ref.namespace, ref.summary);
  return s?.status?.featureSummaries?.find((f) => f.featureID === ref.feature);
}

/** Waits until the feature satisfies `pred`; returns it. */
export function waitForFeature(
  e: PushE2E,
  ref: { namespace: string; summary: string; feature: string },
  pred: (f: FeatureSummary) => boolean,
  timeoutMs = 60_000,
): Promise<FeatureSummary> {
  return waitFor(
    async () => {
      const f = await featureOf(e, ref);
      if (f && pred(f)) return f;
      // Thrown so that a timeout names the last recorded state, not just "undefined".
      throw new Error(`last recorded: ${f ? JSON.stringify(f) : 'no such feature'}`);
    },
    { what: `${ref.feature} of ${ref.namespace}/${ref.summary}`, timeoutMs },
  );
}

/** `helm list -A -o json` on a lab cluster. */
export async function releasesIn(e: PushE2E, cluster: string): Promise<ListedRelease[]> {
  const out = await helm(['list', '-A', '-o', 'json'], {
    kubeconfig: e.env.lab.kubeconfig(cluster),
  });
  if (out.code !== 0) throw new Error(`helm list failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as ListedRelease[];
}

/** Events on an object (by involvedObject name) in a namespace of the management cluster. */
export async function eventsOn(
  e: PushE2E,
  namespace: string,
  name: string,
): Promise<Array<{ type: string; reason: string; message: string }>> {
  await e.controller.context.events.flush();
  const list = await e.env.mgmt.list('v1', 'Event', { namespace });
  return list
    .filter((ev) => (ev.involvedObject as { name?: string } | undefined)?.name === name)
    .map((ev) => ({
      type: String(ev.type),
      reason: String(ev.reason),
      message: String(ev.message),
    }));
}

/** Waits until an object is absent from a lab cluster (read with kubectl). */
export async function waitForAbsent(
  e: PushE2E,
  cluster: string,
  args: string[],
  timeoutMs = 60_000,
): Promise<void> {
  await waitFor(
    async () => {
      const out = await kubectl(['get', ...args], { kubeconfig: e.env.lab.kubeconfig(cluster) });
      return out.code !== 0 && out.stderr.includes('NotFound');
    },
    { what: `${args.join(' ')} gone from ${cluster}`, timeoutMs },
  );
}
