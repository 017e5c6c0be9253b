// The process kubelet of one lab cluster: Pods whose every container image has an image rule
// (by default the project's agent) run as local processes; their status (Running, Ready,
// CrashLoopBackOff, restartCount) is written back like kubelet's. A Pod deleted — by a
// Deployment scaled to 0 or deleted — has its processes stopped. Contract: README.md here.
// Tests: test/e2e/lab-runtime-kubelet.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { silentLogger, type Logger } from '../../lib/logger.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from '../controllers/controller-loop.js';
import { PODS, splitKey } from '../controllers/gvrs.js';
import { ignoreNotFound } from '../controllers/object-ops.js';
import { selfKey } from '../controllers/workload-mappers.js';
import { sameJson } from '../controllers/workload-pods.js';
import { canRunPod, defaultImageRules, type ImageRule } from './image-rules.js';
import { PodRuntime, type KubeletTimings, type ProcessInfo } from './pod-runtime.js';

/** Options of a {@link ProcessKubelet}. */
export interface ProcessKubeletOptions {
  /** Images it runs and how; default: the project's agent images. */
  images?: ImageRule[];
  /** Parent of the pods' private directories; default: a fresh temp dir removed on stop. */
  workDir?: string;
  /** Where `<namespace>_<pod>_<container>.log` files go; default `<workDir>/logs/<cluster>`. */
  logDir?: string;
  timings?: Partial<KubeletTimings>;
  logger?: Logger;
}

const DEFAULT_TIMINGS: KubeletTimings = {
  backoffBaseMs: 10_000,
  backoffMaxMs: 300_000,
  maxGraceMs: 30_000,
  probePeriodMs: 10_000,
};

/** Runs one cluster's agent Pods as processes; one instance per cluster. */
export class ProcessKubelet implements ClusterController {
  private readonly rules: readonly ImageRule[];
  private readonly runtimes = new Map<string, PodRuntime>();
  private readonly timings: KubeletTimings;
  private workDir?: string;
  private ownsWorkDir = false;
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: ProcessKubeletOptions = {}) {
    this.rules = opts.images ?? defaultImageRules();
    this.timings = { ...DEFAULT_TIMINGS, ...opts.timings };
  }

  /** True when this kubelet runs the Pod (every container image has a rule). */
  runsPod(pod: KubeObject): boolean {
    return canRunPod(this.rules, pod.spec);
  }

  /** The processes of every Pod it runs (pid undefined while restarting). */
  processes(): ProcessInfo[] {
    return [...this.runtimes.values()].flatMap((r) => r.processes());
  }

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.ownsWorkDir = !this.opts.workDir;
    this.workDir = this.opts.workDir ?? mkdtempSync(join(tmpdir(), 'sveltos-lab-kubelet-'));
    this.loop = new ControllerLoop({
      name: 'kubelet',
      reconcile: (key) => this.reconcile(key),
      logger: (this.opts.logger ?? silentLogger).child({ cluster: cluster.name }),
      workers: 4,
    });
    this.loop.watch({
      client: cluster.client,
      gvr: PODS,
      keys: (pod) =>
        this.runsPod(pod) || this.runtimes.has(selfKey(pod)[0] ?? '') ? selfKey(pod) : [],
    });
  }

  /** Stops watching, then stops every process (SIGTERM, SIGKILL after the grace period). */
  async stop(): Promise<void> {
    await this.loop?.stop();
    const runtimes = [...this.runtimes.values()];
    this.runtimes.clear();
    await Promise.all(runtimes.map((r) => r.stop()));
    if (this.ownsWorkDir && this.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const client = this.cluster!.client;
    const pod = client.get(PODS, namespace, name);
    await this.stopStale(key, pod);
    if (!pod || pod.metadata.deletionTimestamp || !this.runsPod(pod)) return done();
    const runtime = this.runtimes.get(key) ?? (await this.startPod(key, pod));
    const status = runtime.status(pod);
    if (!sameJson(status, pod.status))
      await ignoreNotFound(client.updateStatus(PODS, { ...pod, status }));
    return done();
  }

  /** Stops the runtime of a Pod that is gone, being deleted, or replaced under the same name. */
  private async stopStale(key: string, pod: KubeObject | undefined): Promise<void> {
    const runtime = this.runtimes.get(key);
    if (!runtime) return;
    if (pod && pod.metadata.uid === runtime.uid && !pod.metadata.deletionTimestamp) return;
    this.runtimes.delete(key);
    await runtime.stop();
    this.loop!.logger.info('Stopped Pod', { key });
  }

  private async startPod(key: string, pod: KubeObject): Promise<PodRuntime> {
    const cluster = this.cluster!;
    const { namespace = '', name = '', uid = '' } = pod.metadata;
    const runtime = new PodRuntime({
      cluster,
      pod,
      rules: this.rules,
      podDir: join(this.workDir!, cluster.name, `${namespace}_${name}_${uid}`),
      logDir: this.opts.logDir ?? join(this.workDir!, 'logs', cluster.name),
      timings: this.timings,
      onChange: () => this.loop?.queue.add(key),
    });
    this.runtimes.set(key, runtime);
    await runtime.start();
    this.loop!.logger.info('Started Pod', { key });
    return runtime;
  }
}
