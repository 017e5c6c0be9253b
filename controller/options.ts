// Command-line flags of `sveltos-controller`, parsed and validated into plain ControllerOptions
// (STYLE §10: options are resolved once, in main). Pure: argv in, options or an OptionsError
// naming the flag out; nothing is read from the environment here. Tests: options.test.ts.
import { parseLogLevel } from '../lib/logger.js';
import type { LogLevel } from '../lib/logger.js';

/** One `--helm-repository-mirror FROM=TO` rewrite of a chart repository URL prefix. */
export interface HelmRepositoryMirror {
  from: string;
  to: string;
}

/** Resolved options of one controller process. */
export interface ControllerOptions {
  /** `--kubeconfig`; undefined → KUBECONFIG/~/.kube/config, else in-cluster config. */
  kubeconfig?: string | undefined;
  /** `--context`. */
  context?: string | undefined;
  /** `--workers`: concurrent reconciles per queue. */
  workers: number;
  /** `--health-interval`: how often push clusters are probed. */
  healthIntervalMs: number;
  /** `--agent-timeout`: a pull cluster whose heartbeat is older is not ready. */
  agentTimeoutMs: number;
  /** `--register-management-cluster`: create SveltosCluster mgmt/mgmt for this cluster. */
  registerManagementCluster: boolean;
  /** `--helm-repository-mirror FROM=TO` in order given (first matching prefix wins). */
  helmRepositoryMirrors: HelmRepositoryMirror[];
  /** `--helm-repository-mirror-configmap ns/name`: more mirrors, `FROM: TO` per data entry. */
  helmRepositoryMirrorConfigMap?: { namespace: string; name: string } | undefined;
  /** `--bundle-max-bytes`: pull mode bundle budget. */
  bundleMaxBytes: number;
  /** `--leader-elect`. */
  leaderElect: boolean;
  /** `--leader-election-namespace`. */
  leaderElectionNamespace: string;
  /** Name of the Lease (`--leader-election-id`). */
  leaderElectionId: string;
  /** `--metrics-bind-address` host:port (`0` = disabled, `:0` = any free port). */
  metricsBindAddress: string;
  /** `--health-probe-bind-address` host:port (`:0` = any free port). */
  healthProbeBindAddress: string;
  logLevel: LogLevel;
}

/** A flag with a bad value; the message names the flag and the accepted form. */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
  readonly reason = 'InvalidFlag';
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration (`2s`, `1m30s`, `500ms`, `1.5h`) into milliseconds; a bare number is
 * seconds. Throws OptionsError naming `flag`.
 */
export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const m = part.exec(text);
    if (!m) throw durationError(value, flag);
    total += Number(m[1]) * UNIT_MS[m[2]];
    index = part.lastIndex;
  }
  if (text.length === 0) throw durationError(value, flag);
  return Math.round(total);
}

function durationError(value: string, flag: string): OptionsError {
  return new OptionsError(
    `Invalid value "${value}" for --${flag}: use a duration such as 30s, 2m or 1h30m`,
  );
}

/** Parses `FROM=TO`; FROM and TO must both be URLs or paths. */
export function parseMirror(value: string): HelmRepositoryMirror {
  const eq = value.indexOf('=');
  const from = eq > 0 ? value.slice(0, eq).trim() : '';
  const to = eq > 0 ? value.slice(eq + 1).trim() : '';
  if (!from || !to) {
    throw new OptionsError(
      `Invalid value "${value}" for --helm-repository-mirror: use FROM=TO, e.g. https://charts.example.com/=https://mirror.internal/charts/`,
    );
  }
  return { from, to };
}

function parseNamespacedName(value: string, flag: string): { namespace: string; name: string } {
  const [namespace, name, extra] = value.split('/');
  if (!namespace || !name || extra !== undefined) {
    throw new OptionsError(`Invalid value "${value}" for --${flag}: use NAMESPACE/NAME`);
  }
  return { namespace, name };
}

function parsePositiveInt(value: unknown, flag: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new OptionsError(
      `Invalid value "${String(value)}" for --${flag}: use a positive integer`,
    );
  }
  return n;
}

/** Raw flag values as yargs hands them over (strings, booleans, arrays). */
export interface RawControllerFlags {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  workers?: number | string | undefined;
  healthInterval?: string | undefined;
  agentTimeout?: string | undefined;
  registerManagementCluster?: boolean | undefined;
  helmRepositoryMirror?: string[] | string | undefined;
  helmRepositoryMirrorConfigmap?: string | undefined;
  bundleMaxBytes?: number | string | undefined;
  leaderElect?: boolean | undefined;
  leaderElectionNamespace?: string | undefined;
  leaderElectionId?: string | undefined;
  metricsBindAddress?: string | undefined;
  healthProbeBindAddress?: string | undefined;
  logLevel?: string | undefined;
}

/** Defaults, as Sveltos' addon-controller and sveltoscluster-manager use them. */
export const DEFAULT_OPTIONS: ControllerOptions = {
  workers: 10,
  healthIntervalMs: 60_000,
  agentTimeoutMs: 10 * 60_000,
  registerManagementCluster: false,
  helmRepositoryMirrors: [],
  bundleMaxBytes: 524_288,
  leaderElect: true,
  leaderElectionNamespace: 'projectsveltos',
  leaderElectionId: 'sveltos-controller-leader',
  metricsBindAddress: ':8080',
  healthProbeBindAddress: ':8081',
  logLevel: 'info',
};

/** Validates raw flags into ControllerOptions; throws OptionsError naming the bad flag. */
export function resolveOptions(raw: RawControllerFlags): ControllerOptions {
  return { ...connectionOptions(raw), ...timingOptions(raw), ...serverOptions(raw) };
}

function connectionOptions(
  raw: RawControllerFlags,
): Pick<
  ControllerOptions,
  'kubeconfig' | 'context' | 'helmRepositoryMirrors' | 'helmRepositoryMirrorConfigMap'
> {
  const configMap = raw.helmRepositoryMirrorConfigmap;
  return {
    kubeconfig: raw.kubeconfig || undefined,
    context: raw.context || undefined,
    helmRepositoryMirrors: [raw.helmRepositoryMirror ?? []].flat().map(parseMirror),
    helmRepositoryMirrorConfigMap: configMap
      ? parseNamespacedName(configMap, 'helm-repository-mirror-configmap')
      : undefined,
  };
}

function timingOptions(
  raw: RawControllerFlags,
): Pick<ControllerOptions, 'workers' | 'healthIntervalMs' | 'agentTimeoutMs' | 'bundleMaxBytes'> {
  const d = DEFAULT_OPTIONS;
  return {
    workers: positiveInt(raw.workers, 'workers', d.workers),
    healthIntervalMs: positiveDuration(raw.healthInterval, 'health-interval', d.healthIntervalMs),
    agentTimeoutMs: positiveDuration(raw.agentTimeout, 'agent-timeout', d.agentTimeoutMs),
    bundleMaxBytes: positiveInt(raw.bundleMaxBytes, 'bundle-max-bytes', d.bundleMaxBytes),
  };
}

function serverOptions(
  raw: RawControllerFlags,
): Omit<
  ControllerOptions,
  keyof ReturnType<typeof connectionOptions> | keyof ReturnType<typeof timingOptions>
> {
  const d = DEFAULT_OPTIONS;
  return {
    registerManagementCluster: raw.registerManagementCluster ?? d.registerManagementCluster,
    leaderElect: raw.leaderElect ?? d.leaderElect,
    leaderElectionNamespace: raw.leaderElectionNamespace || d.leaderElectionNamespace,
    leaderElectionId: raw.leaderElectionId || d.leaderElectionId,
    metricsBindAddress: raw.metricsBindAddress ?? d.metricsBindAddress,
    healthProbeBindAddress: raw.healthProbeBindAddress ?? d.healthProbeBindAddress,
    logLevel: logLevel(raw.logLevel ?? d.logLevel),
  };
}

function positiveInt(value: number | string | undefined, flag: string, fallback: number): number {
  return value === undefined ? fallback : parsePositiveInt(value, flag);
}

function positiveDuration(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = parseDuration(value, flag);
  if (ms <= 0) throw durationError(value, flag);
  return ms;
}

function logLevel(value: string): LogLevel {
  try {
    return parseLogLevel(value);
  } catch (err) {
    throw new OptionsError(
      `Invalid value "${value}" for --log-level: use debug, info, warn or error`,
      {
        cause: err,
      },
    );
  }
}

/**
 * Splits a bind address (`:8080`, `127.0.0.1:0`, `0`) into host and port; `undefined` when the
 * server is disabled (`0`, as controller-runtime means it).
 */
export function parseBindAddress(
  value: string,
  flag: string,
): { host: string; port: number } | undefined {
  if (value === '0') return undefined;
  const colon = value.lastIndexOf(':');
  const port = Number(value.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OptionsError(`Invalid value "${value}" for --${flag}: use HOST:PORT, :PORT or 0`);
  }
  return { host: value.slice(0, colon) || '0.0.0.0', port };
}
