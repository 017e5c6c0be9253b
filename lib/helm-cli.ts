// The helm CLI as a library for controllers: upgrade --install, uninstall, list, status, get
// values and template against a cluster given as kubeconfig text. Credentials and values reach
// helm only through private temp files (mode 0600, removed afterwards) — never argv, the
// environment dump or logs. helm's state (cache, config, data) lives in a directory private to
// this instance, and processes per cluster are bounded. Tests: helm-cli.test.ts (lab + real helm).
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveHelmBinary } from './helm-binary.js';
import {
  chartReference,
  classifyHelmError,
  helmErrorText,
  parseReleaseHistory,
  parseReleaseList,
  parseReleaseStatus,
} from './helm-args.js';
import type { HelmFailureReason, HelmRelease } from './helm-args.js';
import { KeyedLimiter } from './keyed-limiter.js';

export type { HelmRelease, HelmFailureReason };

/** A failed helm command; `reason` is stable, the message is helm's own error text. */
export class HelmError extends Error {
  override readonly name = 'HelmError';
  constructor(
    readonly reason: HelmFailureReason,
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface HelmCliOptions {
  /** Private directory for helm's cache/config/data and temp files (created if missing). */
  homeDir: string;
  /** helm binary; default resolveHelmBinary(). */
  binary?: string;
  /** helm processes at once per cluster (default 2). */
  perClusterConcurrency?: number;
  /** Kill a helm process after this long (default 10 min). */
  processTimeoutMs?: number;
  /** Environment passed through to helm (PATH and proxy variables are picked from it). */
  env?: Record<string, string | undefined>;
}

/** The cluster helm talks to: kubeconfig text (holds credentials) and a concurrency key. */
export interface HelmCluster {
  kubeconfigYaml: string;
  /** Processes with the same key share the concurrency bound (default: the kubeconfig). */
  clusterKey?: string;
}

export interface UpgradeInstallRequest extends HelmCluster {
  releaseName: string;
  namespace: string;
  /** Chart name (`repo/chart`, `chart`) or full `oci://` reference. */
  chart: string;
  /** Repository URL (`https://…`, `http://…` or `oci://…`). */
  repoURL: string;
  version: string;
  /** Values YAML ('' for none). */
  valuesYaml: string;
  createNamespace?: boolean;
  /** helm duration, e.g. `5m0s`. */
  timeout?: string;
  extraArgs?: string[];
}

export interface TemplateRequest {
  releaseName: string;
  namespace: string;
  chart: string;
  repoURL: string;
  version: string;
  valuesYaml: string;
  /** `--kube-version`, e.g. `v1.32.5`. */
  kubeVersion?: string;
  /** `--api-versions`, e.g. `apps/v1`, `monitoring.coreos.com/v1/ServiceMonitor`. */
  apiVersions?: string[];
  /** Include the chart's crds/ directory (default true). */
  includeCrds?: boolean;
  extraArgs?: string[];
}

const PASS_THROUGH = [
  'PATH',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
];

interface RunSpec {
  args: string[];
  kubeconfigYaml?: string;
  valuesYaml?: string;
  clusterKey: string;
}

/** One helm CLI per controller process. */
export class HelmCli {
  private readonly limiter: KeyedLimiter;
  private readonly binary: string;
  private prepared: Promise<void> | undefined;

  constructor(private readonly options: HelmCliOptions) {
    this.limiter = new KeyedLimiter(options.perClusterConcurrency ?? 2);
    this.binary = options.binary ?? resolveHelmBinary(options.env ?? {});
  }

  /** `helm upgrade --install`; returns the release as helm reports it after the command. */
  async upgradeInstall(req: UpgradeInstallRequest): Promise<HelmRelease> {
    const ref = chartReference(req.repoURL, req.chart);
    const args = ['upgrade', '--install', req.releaseName, ref.chart];
    if (ref.repo) args.push('--repo', ref.repo);
    args.push('--version', req.version, '--namespace', req.namespace, '--output', 'json');
    if (req.createNamespace) args.push('--create-namespace');
    if (req.timeout) args.push('--timeout', req.timeout);
    args.push(...(req.extraArgs ?? []));
    const stdout = await this.run({
      args,
      kubeconfigYaml: req.kubeconfigYaml,
      valuesYaml: req.valuesYaml,
      clusterKey: keyOf(req),
    });
    return parseReleaseStatus(stdout);
  }

  /** `helm uninstall`; `false` when the release did not exist. */
  async uninstall(
    cluster: HelmCluster,
    release: { name: string; namespace: string },
    extraArgs: string[] = [],
  ): Promise<boolean> {
    const args = ['uninstall', release.name, '--namespace', release.namespace, ...extraArgs];
    try {
      await this.run({ args, kubeconfigYaml: cluster.kubeconfigYaml, clusterKey: keyOf(cluster) });
      return true;
    } catch (err) {
      if (err instanceof HelmError && err.reason === 'ReleaseNotFound') return false;
      throw err;
    }
  }

  /** `helm list -o json` in one namespace, or all (`-A`); every state, not only deployed. */
  async listReleases(
    cluster: HelmCluster,
    opts: { namespace?: string; filter?: string } = {},
  ): Promise<HelmRelease[]> {
    const args = ['list', '--output', 'json', '--max', '0'];
    args.push(...(opts.namespace ? ['--namespace', opts.namespace] : ['--all-namespaces']));
    args.push('--deployed', '--failed', '--pending', '--uninstalling');
    if (opts.filter) args.push('--filter', opts.filter);
    const stdout = await this.run({
      args,
      kubeconfigYaml: cluster.kubeconfigYaml,
      clusterKey: keyOf(cluster),
    });
    return parseReleaseList(stdout);
  }

  /**
   * The release's current revision, status (`deployed`, `failed`, `pending-*` …), chart and
   * description, from `helm history --max 1 -o json` (`helm status -o json` has no chart in
   * helm 4); undefined when the release does not exist.
   */
  async status(
    cluster: HelmCluster,
    release: { name: string; namespace: string },
  ): Promise<HelmRelease | undefined> {
    const args = ['history', release.name, '--namespace', release.namespace];
    args.push('--max', '1', '--output', 'json');
    try {
      const stdout = await this.run({
        args,
        kubeconfigYaml: cluster.kubeconfigYaml,
        clusterKey: keyOf(cluster),
      });
      return parseReleaseHistory(stdout, release);
    } catch (err) {
      if (err instanceof HelmError && err.reason === 'ReleaseNotFound') return undefined;
      throw err;
    }
  }

  /** `helm get values -o json`: the user-supplied values of the current revision. */
  async getValues(
    cluster: HelmCluster,
    release: { name: string; namespace: string },
  ): Promise<Record<string, unknown>> {
    const args = [
      'get',
      'values',
      release.name,
      '--namespace',
      release.namespace,
      '--output',
      'json',
    ];
    const stdout = await this.run({
      args,
      kubeconfigYaml: cluster.kubeconfigYaml,
      clusterKey: keyOf(cluster),
    });
    return (JSON.parse(stdout.trim() || 'null') ?? {}) as Record<string, unknown>;
  }

  /** `helm template` (no cluster contacted): the rendered manifests as one YAML stream. */
  async template(req: TemplateRequest): Promise<string> {
    const ref = chartReference(req.repoURL, req.chart);
    const args = [
      'template',
      req.releaseName,
      ref.chart,
      '--version',
      req.version,
      '--namespace',
      req.namespace,
    ];
    if (ref.repo) args.push('--repo', ref.repo);
    if (req.includeCrds ?? true) args.push('--include-crds');
    if (req.kubeVersion) args.push('--kube-version', req.kubeVersion);
    for (const v of req.apiVersions ?? []) args.push('--api-versions', v);
    args.push(...(req.extraArgs ?? []));
    return this.run({ args, valuesYaml: req.valuesYaml, clusterKey: 'template' });
  }

  private run(spec: RunSpec): Promise<string> {
    return this.limiter.run(spec.clusterKey, () => this.runNow(spec));
  }

  private async runNow(spec: RunSpec): Promise<string> {
    await this.prepare();
    const dir = await mkdtemp(join(this.options.homeDir, 'run-'));
    try {
      const args = [...spec.args];
      const env = this.environment();
      if (spec.kubeconfigYaml !== undefined) {
        env.KUBECONFIG = join(dir, 'kubeconfig');
        await writeFile(env.KUBECONFIG, spec.kubeconfigYaml, { mode: 0o600 });
      }
      if (spec.valuesYaml) {
        const file = join(dir, 'values.yaml');
        await writeFile(file, spec.valuesYaml, { mode: 0o600 });
        args.push('--values', file);
      }
      return await this.exec(args, env, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private prepare(): Promise<void> {
    this.prepared ??= (async () => {
      for (const sub of ['cache', 'config', 'data']) {
        await mkdir(join(this.options.homeDir, sub), { recursive: true, mode: 0o700 });
      }
    })();
    return this.prepared;
  }

  private environment(): Record<string, string> {
    const home = this.options.homeDir;
    const env: Record<string, string> = {
      HOME: home,
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_DATA_HOME: join(home, 'data'),
      // client-go's discovery cache (no credentials) otherwise lands in $HOME/.kube.
      KUBECACHEDIR: join(home, 'cache', 'kube'),
    };
    for (const name of PASS_THROUGH) {
      const value = this.options.env?.[name];
      if (value) env[name] = value;
    }
    env.PATH ??= '/usr/bin:/bin';
    return env;
  }

  private exec(args: string[], env: Record<string, string>, privateDir: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(
        () => child.kill('SIGKILL'),
        this.options.processTimeoutMs ?? 600_000,
      );
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(new HelmError('HelmFailed', `Cannot run helm: ${err.message}`, -1));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) return resolve(stdout);
        const text = signal ? `helm was killed (${signal})` : helmErrorText(stderr, [privateDir]);
        reject(new HelmError(classifyHelmError(text), text, code ?? -1));
      });
    });
  }
}

function keyOf(cluster: HelmCluster): string {
  return cluster.clusterKey ?? cluster.kubeconfigYaml;
}
