// A fleet of N push-mode virtual clusters for the controller benchmarks: one lab API server
// (management cluster with the Sveltos CRDs, N managed clusters registered in namespace `fleet`
// with label env=bench, every request counted per cluster), the lab chart repository, and
// sveltos-controller as its own process (real push deliverer, real helm, mirror flags as
// `sveltos-lab up` passes them). The bench's own reads and writes go through the lab's
// in-process client, so the request counts are the controller's (and its helm processes') alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY, SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { KindInfo } from '../../api/gvk.js';
import type { ClusterSummary, FeatureID, SveltosCluster } from '../../api/types/index.js';
import type { InternalClient } from '../../lab/apiserver/extension-points.js';
import { startChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { startControllerEnv } from '../../test/support/controller-env.js';
import type { ControllerTestEnv } from '../../test/support/controller-env.js';
import { startControllerProcess } from './controller-process.js';
import type { ControllerProcess } from './controller-process.js';
import { createRequestCounter } from './request-counter.js';
import type { RequestCounter } from './request-counter.js';

export const FLEET_NAMESPACE = 'fleet';
export const FLEET_LABELS = { env: 'bench' };
const FIELD_MANAGER = 'bench';

export interface FleetOptions {
  clusters: number;
  /** Controller `--workers` (default: the controller's default). */
  workers?: number;
  /** Run controller/main.ts through tsx instead of dist/. */
  source?: boolean;
  /** Controller `--health-interval` (default 10s). */
  healthInterval?: string;
}

export interface Fleet {
  env: ControllerTestEnv;
  repo: ChartRepository;
  controller: ControllerProcess;
  requests: RequestCounter;
  /** Names of the managed clusters. */
  names: string[];
  /** In-process (uncounted) client of the management cluster. */
  mgmt: InternalClient;
  /** Creates or replaces an object in the management cluster (server-side apply, uncounted). */
  put(resource: Resource, obj: KubeObject): Promise<void>;
  /** The ClusterSummaries of a ClusterProfile, by name. */
  summaries(profile: string): ClusterSummary[];
  stop(): Promise<void>;
}

/** Group, version and plural resource name of a kind. */
export interface Resource {
  group: string;
  version: string;
  resource: string;
}

export const CONFIG_MAPS: Resource = { group: '', version: 'v1', resource: 'configmaps' };

/** The resource of a Sveltos kind. */
export const gvr = (k: KindInfo): Resource => ({
  group: k.group,
  version: k.version,
  resource: k.plural,
});

/** Status of one feature of a summary, with its hash. */
export function featureOf(
  s: ClusterSummary,
  feature: FeatureID,
): { status?: string; hash?: string; failureMessage?: string } {
  return s.status?.featureSummaries?.find((f) => f.featureID === feature) ?? {};
}

async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function controllerArgs(env: ControllerTestEnv, repo: ChartRepository, o: FleetOptions): string[] {
  const args = ['--kubeconfig', env.mgmtKubeconfig, '--leader-elect=false'];
  args.push('--metrics-bind-address', '127.0.0.1:0', '--health-probe-bind-address', '127.0.0.1:0');
  args.push('--health-interval', o.healthInterval ?? '10s', '--log-level', 'info');
  if (o.workers) args.push('--workers', String(o.workers));
  for (const r of repo.repositories)
    args.push('--helm-repository-mirror', `${r.mirrors}=${r.url}/`);
  return args;
}

/** Starts the fleet and resolves once every managed SveltosCluster is ready. */
export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const requests = createRequestCounter();
  const names = Array.from({ length: o.clusters }, (_, i) => `c${String(i).padStart(4, '0')}`);
  const [env, repo] = await Promise.all([
    startControllerEnv({ managed: names, onCluster: (c) => requests.install(c) }),
    startChartRepository(),
  ]);
  const home = mkdtempSync(join(tmpdir(), 'bench-controller-home-'));
  let controller: ControllerProcess | undefined;
  try {
    for (const name of names) {
      await env.registerCluster({ namespace: FLEET_NAMESPACE, name, labels: FLEET_LABELS });
    }
    controller = await startControllerProcess({
      args: controllerArgs(env, repo, o),
      source: o.source ?? false,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home },
    });
    const mgmt = env.lab.cluster('mgmt').client;
    const ready = (): boolean =>
      mgmt
        .list(gvr(SVELTOS_CLUSTER), FLEET_NAMESPACE)
        .items.filter((c) => (c as SveltosCluster).status?.ready === true).length === names.length;
    // Probing is paced by --health-interval, so a big fleet needs longer to be ready.
    const readyTimeout = Math.max(120_000, names.length * 500);
    await waitUntil(`${names.length} SveltosClusters ready`, ready, readyTimeout);
    const running = controller;
    return {
      env,
      repo,
      controller: running,
      requests,
      names,
      mgmt,
      put: async (resource, obj) => {
        const ns = obj.metadata.namespace ?? '';
        await mgmt.patch(resource, ns, obj.metadata.name, 'apply', obj, {
          fieldManager: FIELD_MANAGER,
          force: true,
        });
      },
      summaries: (profile) =>
        mgmt
          .list(gvr(CLUSTER_SUMMARY), FLEET_NAMESPACE)
          .items.filter((s) =>
            (s.metadata.name ?? '').startsWith(`${profile}-sveltos-`),
          ) as ClusterSummary[],
      stop: async () => {
        await running.stop();
        await Promise.all([env.stop(), repo.stop()]);
        rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await controller?.stop();
    await Promise.all([env.stop(), repo.stop()]);
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
}

/** A ClusterProfile selecting the whole fleet with the given spec fields. */
export function fleetProfile(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: CLUSTER_PROFILE.apiVersion,
    kind: CLUSTER_PROFILE.kind,
    metadata: { name },
    spec: { clusterSelector: { matchLabels: FLEET_LABELS }, syncMode: 'Continuous', ...spec },
  };
}
