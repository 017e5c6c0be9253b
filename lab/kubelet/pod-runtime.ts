// One pod of the process kubelet: its private directory (volumes, kubeconfig), host ports for
// its container ports, and one ContainerProcess per container. Each (re)start of a container
// re-resolves its environment and volumes, so a Secret applied after the Deployment is picked up.
// The contract a process sees is documented in lab/kubelet/README.md.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { expandVars, resolveEnv, type ContainerSpec, type Probe } from './container-config.js';
import { ContainerProcess, type LaunchSpec } from './container-process.js';
import { findImageRule, type ImageRule } from './image-rules.js';
import { mountVolumes, writePodVolumes } from './pod-files.js';
import { podStatus } from './pod-status.js';
import type { ResolvedProbe } from './readiness-probe.js';
import { podKubeconfig, requestPodToken, type PodToken } from './service-account-token.js';

/** Timing knobs of the kubelet (kube: 10 s back-off base, 5 min cap, 30 s grace). */
export interface KubeletTimings {
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Upper bound of a pod's terminationGracePeriodSeconds. */
  maxGraceMs: number;
  /** Upper bound of a readiness probe's period. */
  probePeriodMs: number;
}

/** Options of a {@link PodRuntime}. */
export interface PodRuntimeOptions {
  cluster: LabCluster;
  pod: KubeObject;
  rules: readonly ImageRule[];
  podDir: string;
  logDir: string;
  timings: KubeletTimings;
  onChange: () => void;
}

/** A running process, as tests and `sveltos-lab` see it. */
export interface ProcessInfo {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  pid: number | undefined;
  restartCount: number;
  logFile: string;
  /** Where the token in the kubeconfig came from. */
  tokenSource?: PodToken['source'];
}

interface PodSpec {
  containers?: ContainerSpec[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  serviceAccountName?: string;
}

const PASSED_ENV = ['PATH', 'LANG', 'TZ', 'TMPDIR'];

/** The containers of one pod run as processes. */
export class PodRuntime {
  readonly uid: string;
  readonly startTime = new Date().toISOString();
  private readonly containers: {
    spec: ContainerSpec;
    process: ContainerProcess;
    logFile: string;
  }[] = [];
  private token?: PodToken;
  private ports?: Map<number, number>;
  private volumes: Promise<void> = Promise.resolve();

  constructor(private readonly opts: PodRuntimeOptions) {
    this.uid = opts.pod.metadata.uid ?? '';
  }

  private get spec(): PodSpec {
    return this.opts.pod.spec ?? {};
  }

  /** Creates the pod directory and starts every container. */
  async start(): Promise<void> {
    await mkdir(this.opts.podDir, { recursive: true, mode: 0o700 });
    await mkdir(this.opts.logDir, { recursive: true });
    const { namespace = '', name = '' } = this.opts.pod.metadata;
    const grace = Math.min(
      (this.spec.terminationGracePeriodSeconds ?? 30) * 1000,
      this.opts.timings.maxGraceMs,
    );
    for (const spec of this.spec.containers ?? []) {
      const logFile = join(this.opts.logDir, `${namespace}_${name}_${spec.name}.log`);
      const process = new ContainerProcess({
        name: spec.name,
        image: spec.image ?? '',
        restartPolicy: (this.spec.restartPolicy ?? 'Always') as 'Always',
        prepare: () => this.prepare(spec),
        logFile,
        backoffBaseMs: this.opts.timings.backoffBaseMs,
        backoffMaxMs: this.opts.timings.backoffMaxMs,
        graceMs: grace,
        probePeriodMs: this.opts.timings.probePeriodMs,
        onChange: this.opts.onChange,
      });
      this.containers.push({ spec, process, logFile });
      process.start();
    }
  }

  /** The pod status from the containers' states. */
  status(pod: KubeObject): Record<string, unknown> {
    const containers = this.containers.map((c) => c.process.status()) as unknown as Parameters<
      typeof podStatus
    >[0]['containers'];
    return podStatus({ pod, containers, startTime: this.startTime, now: new Date().toISOString() });
  }

  processes(): ProcessInfo[] {
    const { namespace = '', name = '' } = this.opts.pod.metadata;
    return this.containers.map((c) => ({
      cluster: this.opts.cluster.name,
      namespace,
      pod: name,
      container: c.spec.name,
      pid: c.process.pid,
      restartCount: c.process.restartCount,
      logFile: c.logFile,
      tokenSource: this.token?.source,
    }));
  }

  /** Stops every container (SIGTERM, then SIGKILL after the grace period) and removes the pod directory. */
  async stop(): Promise<void> {
    await Promise.all(this.containers.map((c) => c.process.stop()));
    await this.volumes.catch(() => undefined);
    await rm(this.opts.podDir, { recursive: true, force: true });
  }

  private async prepare(spec: ContainerSpec): Promise<LaunchSpec> {
    const { cluster, pod } = this.opts;
    const namespace = pod.metadata.namespace ?? 'default';
    const token = await this.podToken(namespace);
    await this.refreshVolumes({ token: token.token, caPem: cluster.caPem, namespace });
    const volumeRoot = await mountVolumes(pod, this.opts.podDir, spec);
    const kubeconfig = join(this.opts.podDir, 'kubeconfig');
    await writeFile(kubeconfig, podKubeconfig(cluster, token.token, namespace), { mode: 0o600 });
    const ports = await this.hostPorts();
    const rule = findImageRule(this.opts.rules, spec.image ?? '');
    const containerEnv = resolveEnv({ client: cluster.client, pod, container: spec });
    const env = { ...this.baseEnv(), ...rule?.env, ...containerEnv };
    Object.assign(env, this.labEnv({ kubeconfig, volumeRoot, ports, spec }));
    const args = (spec.args ?? []).map((a) => expandVars(a, env));
    const [command = process.execPath, ...prefix] = rule?.command ?? [];
    return {
      command,
      args: [...prefix, ...args],
      env,
      cwd: this.opts.podDir,
      probe: resolveProbe(spec, ports),
    };
  }

  private async podToken(namespace: string): Promise<PodToken> {
    this.token ??= await requestPodToken(
      this.opts.cluster,
      namespace,
      this.spec.serviceAccountName ?? 'default',
    );
    return this.token;
  }

  /** Rewrites the volumes; concurrent container starts wait for one another. */
  private async refreshVolumes(serviceAccount: {
    token: string;
    caPem: string;
    namespace: string;
  }): Promise<void> {
    const input = {
      client: this.opts.cluster.client,
      pod: this.opts.pod,
      podDir: this.opts.podDir,
      serviceAccount,
    };
    this.volumes = this.volumes.catch(() => undefined).then(() => writePodVolumes(input));
    await this.volumes;
  }

  private baseEnv(): Record<string, string> {
    const env: Record<string, string> = { HOME: this.opts.podDir };
    for (const key of PASSED_ENV) if (process.env[key]) env[key] = process.env[key];
    return env;
  }

  private labEnv(input: {
    kubeconfig: string;
    volumeRoot: string;
    ports: Map<number, number>;
    spec: ContainerSpec;
  }): Record<string, string> {
    const { pod, cluster } = this.opts;
    const env: Record<string, string> = {
      KUBECONFIG: input.kubeconfig,
      SVELTOS_LAB_VOLUME_ROOT: input.volumeRoot,
      SVELTOS_LAB_CLUSTER: cluster.name,
      SVELTOS_LAB_POD_NAME: pod.metadata.name ?? '',
      SVELTOS_LAB_POD_NAMESPACE: pod.metadata.namespace ?? 'default',
    };
    const own = (input.spec.ports ?? []).map((p) => p.containerPort);
    for (const p of own) env[`SVELTOS_LAB_PORT_${p}`] = String(input.ports.get(p));
    if (own[0] !== undefined) env.PORT = String(input.ports.get(own[0]));
    return env;
  }

  /** One free host port per declared container port, fixed for the pod's life. */
  private async hostPorts(): Promise<Map<number, number>> {
    if (this.ports) return this.ports;
    const ports = new Map<number, number>();
    for (const c of this.spec.containers ?? []) {
      for (const p of c.ports ?? []) ports.set(p.containerPort, await freePort());
    }
    return (this.ports = ports);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Maps a readiness probe's port (number or container port name) to its host port. */
function resolveProbe(spec: ContainerSpec, ports: Map<number, number>): ResolvedProbe | undefined {
  const probe: Probe | undefined = spec.readinessProbe;
  const target = probe?.httpGet ?? probe?.tcpSocket;
  if (!probe || !target) return undefined;
  const containerPort = containerPortOf(spec, target.port);
  return {
    kind: probe.httpGet ? 'http' : 'tcp',
    port: ports.get(containerPort) ?? containerPort,
    path: probe.httpGet?.path ?? '/',
    ...probeTiming(probe),
  };
}

function probeTiming(
  probe: Probe,
): Pick<ResolvedProbe, 'periodMs' | 'failureThreshold' | 'timeoutMs'> {
  return {
    periodMs: (probe.periodSeconds ?? 10) * 1000,
    failureThreshold: probe.failureThreshold ?? 3,
    timeoutMs: 1000,
  };
}

function containerPortOf(spec: ContainerSpec, port: number | string): number {
  if (typeof port === 'number') return port;
  const named = spec.ports?.find((p) => p.name === port);
  return named ? named.containerPort : Number(port);
}
