// `sveltos-lab up`: the whole lab in one process — the lab API server with the management
// cluster `mgmt` (the project's CRDs installed) and one virtual cluster per extra name, each
// with security, admission, faults, the lab controllers and the process kubelet; the chart
// repository; kubeconfigs and `charts.url` written to DIR; optionally the webhook and the
// controller as real processes. Used in-process by tests and the demo; the `sveltos-lab up`
// command around it is up-command.ts. Tests: test/e2e/lab-up.test.ts, lab-up-controller.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLogger, type Logger } from '../lib/logger.js';
import { projectPath } from '../lib/project-paths.js';
import { installAdmission } from './admission/index.js';
import type { LabCluster } from './apiserver/extension-points.js';
import { startLabServer, type LabServer } from './apiserver/server.js';
import {
  startChartRepository,
  type ChartRepository,
  type ServedRepository,
} from './chart-repo/chart-repository.js';
import { installCrds } from './controllers/crd-install.js';
import { labControllers } from './controllers/index.js';
import { installFaults, type FaultInjector } from './faults/index.js';
import type { ImageRule } from './kubelet/image-rules.js';
import type { KubeletTimings, ProcessInfo } from './kubelet/pod-runtime.js';
import { ProcessKubelet } from './kubelet/process-kubelet.js';
import { installSecurity } from './security/index.js';
import { startControllerProcess, type ControllerProcess } from './controller-process.js';
import { startWebhookProcess, type WebhookProcess } from './webhook-process.js';

export const MANAGEMENT_CLUSTER = 'mgmt';
export const DEFAULT_MGMT_VERSION = 'v1.31.6+k3s1';
export const DEFAULT_CLUSTER_VERSION = 'v1.32.5';

/** Shorter than kubelet's 10 s / 5 min so the lab reacts within seconds; still exponential. */
const LAB_TIMINGS: KubeletTimings = {
  backoffBaseMs: 2_000,
  backoffMaxMs: 60_000,
  maxGraceMs: 10_000,
  probePeriodMs: 2_000,
};

/** Options of {@link startLabEnvironment}. */
export interface LabEnvironmentOptions {
  /** Where kubeconfigs, `charts.url` and logs go; default: a fresh temp dir. */
  dir?: string;
  /** Managed clusters besides `mgmt`, each with an optional reported version. */
  clusters?: { name: string; version?: string }[];
  mgmtVersion?: string;
  /** Lab API server port; 0 (default) = a free port. */
  port?: number;
  /** Chart repository port; 0 (default) = a free port. */
  chartRepoPort?: number;
  /** CRDs installed into mgmt; default the project's manifests/crds/. */
  crdsDir?: string;
  /** Images the process kubelet runs; default the project's agent. */
  images?: ImageRule[];
  kubeletTimings?: Partial<KubeletTimings>;
  logger?: Logger;
  /** Run the project's admission webhook as a process registered in mgmt (default false). */
  webhook?: boolean;
  /** Run `sveltos-controller` as a process against mgmt, ready before resolving (default false). */
  controller?: boolean;
  /** Extra `sveltos-controller` flags (later flags win over the lab's). */
  controllerArgs?: string[];
}

/** One cluster of the environment. */
export interface EnvironmentCluster {
  cluster: LabCluster;
  /** Path of `DIR/NAME.kubeconfig`. */
  kubeconfig: string;
  faults: FaultInjector;
  kubelet: ProcessKubelet;
}

/** A running lab environment. */
export interface LabEnvironment {
  dir: string;
  /** Lab API server URL, e.g. `https://127.0.0.1:PORT`. */
  url: string;
  /** By name: `mgmt` and every managed cluster. */
  clusters: Record<string, EnvironmentCluster>;
  /** Root URL of the chart repository (also in `DIR/charts.url`). */
  chartRepoUrl: string;
  /** Mirrored public repositories (also in `DIR/chart-mirrors`, one `FROM=TO` a line). */
  chartRepositories: ServedRepository[];
  /** The `sveltos-controller` process, when started (`controller: true`). */
  controller?: ControllerProcess;
  /** Every process the kubelets run. */
  processes(): ProcessInfo[];
  /** Stops the kubelets' processes, the clusters and the chart repository. */
  stop(): Promise<void>;
}

/**
 * Starts the lab: server, clusters with their plug-ins, CRDs in mgmt, chart repository, files
 * in DIR. Resolves once everything serves; rejects (after cleaning up) when any part fails.
 */
export async function startLabEnvironment(
  opts: LabEnvironmentOptions = {},
): Promise<LabEnvironment> {
  const dir = resolve(opts.dir ?? mkdtempSync(join(tmpdir(), 'sveltos-lab-')));
  mkdirSync(dir, { recursive: true });
  const logger = opts.logger ?? createLogger({ level: 'warn' });
  const [server, repo] = await Promise.all([
    startLabServer({ port: opts.port ?? 0, logger }),
    startChartRepository({ port: opts.chartRepoPort ?? 0 }),
  ]);
  try {
    const clusters = await addClusters({ server, dir, opts, logger });
    await installCrds(
      clusters[MANAGEMENT_CLUSTER].cluster,
      opts.crdsDir ?? projectPath('manifests', 'crds'),
    );
    writeFileSync(join(dir, 'charts.url'), `${repo.url}\n`);
    writeFileSync(
      join(dir, 'chart-mirrors'),
      repo.repositories.map((r) => `${r.mirrors}=${r.url}/\n`).join(''),
    );
    const processes = await startProcesses({ dir, opts, clusters, repo });
    return environment({ dir, server, repo, clusters, ...processes });
  } catch (err) {
    await Promise.all([server.stop(), repo.stop()]);
    throw err;
  }
}

/**
 * The webhook first, so the controller's own SveltosCluster mgmt/mgmt is admitted (and stamped)
 * by it; the controller last, once CRDs and mirrors exist.
 */
async function startProcesses(input: {
  dir: string;
  opts: LabEnvironmentOptions;
  clusters: Record<string, EnvironmentCluster>;
  repo: ChartRepository;
}): Promise<{ webhook?: WebhookProcess; controller?: ControllerProcess }> {
  const { dir, opts, clusters, repo } = input;
  const mgmt = clusters[MANAGEMENT_CLUSTER];
  const webhook = opts.webhook
    ? await startWebhookProcess({ dir, mgmt: mgmt.cluster, mgmtKubeconfig: mgmt.kubeconfig })
    : undefined;
  try {
    const controller = opts.controller
      ? await startControllerProcess({
          dir,
          mgmtKubeconfig: mgmt.kubeconfig,
          mirrors: repo.repositories.map((r) => ({ from: r.mirrors, to: `${r.url}/` })),
          extraArgs: opts.controllerArgs,
        })
      : undefined;
    return { webhook, controller };
  } catch (err) {
    await webhook?.stop();
    throw err;
  }
}

interface AddClustersInput {
  server: LabServer;
  dir: string;
  opts: LabEnvironmentOptions;
  logger: Logger;
}

async function addClusters(input: AddClustersInput): Promise<Record<string, EnvironmentCluster>> {
  const { opts } = input;
  const specs = [
    { name: MANAGEMENT_CLUSTER, version: opts.mgmtVersion ?? DEFAULT_MGMT_VERSION },
    ...(opts.clusters ?? []).map((c) => ({
      name: c.name,
      version: c.version ?? DEFAULT_CLUSTER_VERSION,
    })),
  ];
  const out: Record<string, EnvironmentCluster> = {};
  for (const spec of specs) out[spec.name] = await addCluster(input, spec);
  return out;
}

async function addCluster(
  input: AddClustersInput,
  spec: { name: string; version: string },
): Promise<EnvironmentCluster> {
  const { server, dir, opts, logger } = input;
  const cluster = server.addCluster(spec.name, { version: spec.version });
  cluster.version = spec.version;
  const security = installSecurity(cluster);
  installAdmission(cluster);
  const faults = installFaults(cluster);
  const kubelet = new ProcessKubelet({
    images: opts.images,
    workDir: join(dir, 'pods'),
    logDir: join(dir, 'logs', spec.name),
    timings: { ...LAB_TIMINGS, ...opts.kubeletTimings },
    logger,
  });
  cluster.use({
    controllers: [...labControllers({ logger, runsPod: (p) => kubelet.runsPod(p) }), kubelet],
  });
  await security.ready;
  const kubeconfig = join(dir, `${spec.name}.kubeconfig`);
  writeFileSync(kubeconfig, cluster.kubeconfig({ contextName: spec.name }), { mode: 0o600 });
  return { cluster, kubeconfig, faults, kubelet };
}

function environment(parts: {
  dir: string;
  server: LabServer;
  repo: ChartRepository;
  clusters: Record<string, EnvironmentCluster>;
  webhook?: WebhookProcess;
  controller?: ControllerProcess;
}): LabEnvironment {
  const { dir, server, repo, clusters, webhook, controller } = parts;
  let stopping: Promise<void> | undefined;
  return {
    dir,
    url: server.url,
    clusters,
    chartRepoUrl: repo.url,
    chartRepositories: repo.repositories,
    controller,
    processes: () => Object.values(clusters).flatMap((c) => c.kubelet.processes()),
    stop: () =>
      (stopping ??= (async () => {
        await controller?.stop();
        await webhook?.stop();
        await Promise.all(Object.values(clusters).map((c) => c.kubelet.stop()));
        await Promise.all([server.stop(), repo.stop()]);
      })()),
  };
}
