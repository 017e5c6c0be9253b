// Flags of the `sveltos-agent` binary, as `kubectl sveltos register cluster --pullmode` prints
// them (Sveltos' sveltos-applier flags). Unknown Sveltos flags (`--v`, `--metrics-bind-address`…)
// are accepted and ignored so a Deployment written for Sveltos starts. Pure: env is passed in.
import { parseLogLevel } from '../lib/logger.js';
import type { LogLevel } from '../lib/logger.js';

/** Resolved options of one agent run. */
export interface AgentOptions {
  clusterNamespace: string;
  clusterName: string;
  clusterType: string;
  /** Secret in `projectsveltos` of the managed cluster holding the management kubeconfig. */
  secretWithKubeconfig: string;
  /** Namespace of that Secret in the managed cluster. */
  secretNamespace: string;
  heartbeatIntervalMs: number;
  /** Host port of /healthz, /readyz, /metrics; undefined = no probe server. */
  probePort: number | undefined;
  logLevel: LogLevel;
}

/** A flag value the agent cannot work with; exit code 2. */
export class OptionsError extends Error {
  readonly reason = 'InvalidOption';
}

export const USAGE = `Usage: sveltos-agent --cluster-namespace NS --cluster-name NAME --secret-with-kubeconfig SECRET [flags]

The pull-mode agent: runs in a managed cluster, reports a heartbeat on its SveltosCluster in the
management cluster and applies the ConfigurationGroups staged for it.

Flags:
  --cluster-namespace NS          namespace of the SveltosCluster in the management cluster
  --cluster-name NAME             name of the SveltosCluster
  --cluster-type TYPE             sveltos (default)
  --secret-with-kubeconfig NAME   Secret (namespace projectsveltos, key kubeconfig) with the
                                  management cluster's kubeconfig
  --heartbeat-interval DURATION   e.g. 5s, 1m (default 5s)
  --health-probe-bind-address :P  probe address (container port P; mapped by SVELTOS_LAB_PORT_P)
  --log-level LEVEL               debug, info, warn, error (default info)
  --help                          this text
Other Sveltos flags (--v, --metrics-bind-address, …) are accepted and ignored.
`;

const DEFAULT_HEARTBEAT_MS = 5_000;

/** Splits `--a=b` / `--a b` tokens into a map; a flag without value maps to `true`. */
export function parseFlags(argv: string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-')) continue;
    const name = token.replace(/^--?/, '');
    const eq = name.indexOf('=');
    if (eq >= 0) {
      flags.set(name.slice(0, eq), name.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-')) {
      flags.set(name, next);
      i++;
    } else flags.set(name, true);
  }
  return flags;
}

/** Parses `5s`, `1m`, `500ms`, `1h` or a bare number of seconds into milliseconds. */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new OptionsError(`Invalid duration "${value}": use e.g. 5s, 1m or 500ms`);
  const factor = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1_000;
  const ms = Number(m[1]) * factor;
  if (ms <= 0) throw new OptionsError(`Invalid duration "${value}": must be positive`);
  return ms;
}

function text(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function required(flags: Map<string, string | true>, name: string): string {
  const v = text(flags, name);
  if (!v) throw new OptionsError(`Flag --${name} is required`);
  return v;
}

/**
 * Host port for a bind address such as `:8081`: `SVELTOS_LAB_PORT_8081` when the lab maps it,
 * else the port itself; `0` or an empty address disables the probe server.
 */
export function resolveProbePort(
  address: string | undefined,
  env: Record<string, string | undefined>,
): number | undefined {
  if (address === undefined) return env.PORT ? Number(env.PORT) : undefined;
  const m = /:(\d+)$/.exec(address);
  if (!m || m[1] === '0') return undefined;
  const mapped = env[`SVELTOS_LAB_PORT_${m[1]}`];
  return Number(mapped ?? m[1]);
}

/** Resolves the agent's options; throws OptionsError naming the flag. */
export function resolveOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): AgentOptions {
  const flags = parseFlags(argv);
  const heartbeat = text(flags, 'heartbeat-interval');
  return {
    clusterNamespace: required(flags, 'cluster-namespace'),
    clusterName: required(flags, 'cluster-name'),
    clusterType: text(flags, 'cluster-type') ?? 'sveltos',
    secretWithKubeconfig: required(flags, 'secret-with-kubeconfig'),
    secretNamespace: text(flags, 'secret-namespace') ?? 'projectsveltos',
    heartbeatIntervalMs: heartbeat ? parseDuration(heartbeat) : DEFAULT_HEARTBEAT_MS,
    probePort: resolveProbePort(text(flags, 'health-probe-bind-address'), env),
    logLevel: parseLogLevel(text(flags, 'log-level') ?? 'info'),
  };
}
