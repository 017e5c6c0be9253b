// The `sveltos-lab up` command: parses its flags, starts the whole lab (startLabEnvironment with
// the webhook and the controller) in this process, prints where everything is, and stops it on
// SIGINT/SIGTERM. Exit codes: 0 after a clean stop, 2 for bad arguments, 1 when the lab fails.
// Tests: test/e2e/lab-up.test.ts (as a process).
import { parseArgs } from 'node:util';
import { isDns1123Label } from '../api/k8s-names.js';
import { createLogger, parseLogLevel, type LogLevel } from '../lib/logger.js';
import {
  DEFAULT_CLUSTER_VERSION,
  DEFAULT_MGMT_VERSION,
  MANAGEMENT_CLUSTER,
  startLabEnvironment,
  type LabEnvironment,
} from './up.js';

export const UP_USAGE = `Usage: sveltos-lab up [--dir DIR] [--clusters NAME[=VERSION],NAME…] [--mgmt-version V]

Starts the lab in this process and keeps it running until SIGINT/SIGTERM: the management
cluster mgmt (with the project's CRDs), one virtual cluster per name, the chart repository and
the process kubelet, the sveltos-webhook admission webhook registered in mgmt, and
sveltos-controller (log in DIR/controller.log, health probes every 2 s, chart mirrors to the lab's
chart repository). Writes DIR/NAME.kubeconfig per cluster, DIR/charts.url and DIR/chart-mirrors;
prints "ready DIR" once everything serves.

Options:
  --dir DIR            where files go (default: a new temp dir)
  --clusters LIST      managed clusters, e.g. cluster01=v1.32.5,cluster02 (default version ${DEFAULT_CLUSTER_VERSION})
  --mgmt-version V     version mgmt reports (default ${DEFAULT_MGMT_VERSION})
  --port N             lab API server port (default 0: a free port)
  --chart-port N       chart repository port (default 0: a free port)
  --log-level L        debug, info, warn or error (default warn)
  -h, --help           show this help

Example:
  sveltos-lab up --dir .lab --clusters cluster01=v1.32.5,cluster02
  kubectl --kubeconfig .lab/mgmt.kubeconfig get crd
`;

/** Bad arguments of `sveltos-lab up` (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly reason = 'InvalidArguments';
}

interface UpArgs {
  dir?: string;
  clusters: { name: string; version?: string }[];
  mgmtVersion?: string;
  port: number;
  chartRepoPort: number;
  logLevel: LogLevel;
}

function checkVersion(flag: string, version: string | undefined): void {
  if (version !== undefined && !/^v\d+\.\d+\.\d+\S*$/.test(version)) {
    throw new UsageError(
      `Invalid ${flag} version "${version}": use a Kubernetes version such as v1.32.5`,
    );
  }
}

function parsePort(flag: string, value: string | undefined): number {
  const port = Number(value ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`Invalid ${flag} "${value ?? ''}": use a number from 0 to 65535`);
  }
  return port;
}

/** Parses `--clusters cluster01=v1.32.5,cluster02`. */
export function parseClusterList(value: string | undefined): { name: string; version?: string }[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const seen = new Set<string>([MANAGEMENT_CLUSTER]);
  return entries.map((entry) => {
    const [name = '', version] = entry.split('=', 2);
    const problems = isDns1123Label(name);
    if (problems.length > 0)
      throw new UsageError(`Invalid cluster name "${name}" in --clusters: ${problems.join('; ')}`);
    if (seen.has(name))
      throw new UsageError(`Cluster "${name}" appears twice in --clusters (mgmt is always there)`);
    seen.add(name);
    checkVersion(`--clusters ${name}`, version);
    return version ? { name, version } : { name };
  });
}

/** Parses the arguments of `sveltos-lab up`; `help` when asked for; throws UsageError. */
export function parseUpArgs(argv: string[]): UpArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dir: { type: 'string' },
        clusters: { type: 'string' },
        'mgmt-version': { type: 'string' },
        port: { type: 'string' },
        'chart-port': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  checkVersion('--mgmt-version', values['mgmt-version']);
  let logLevel: LogLevel;
  try {
    logLevel = parseLogLevel(values['log-level'] ?? 'warn');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    dir: values.dir,
    clusters: parseClusterList(values.clusters),
    mgmtVersion: values['mgmt-version'],
    port: parsePort('--port', values.port),
    chartRepoPort: parsePort('--chart-port', values['chart-port']),
    logLevel,
  };
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function describeEnvironment(env: LabEnvironment): string {
  const lines = [`Lab directory: ${env.dir}`, `API server: ${env.url}`];
  for (const [name, c] of Object.entries(env.clusters)) {
    lines.push(
      `  cluster ${name} (${c.cluster.version}): ${c.cluster.baseUrl}  kubeconfig ${c.kubeconfig}`,
    );
  }
  lines.push(`Chart repository: ${env.chartRepoUrl}`);
  for (const r of env.chartRepositories) lines.push(`  ${r.mirrors} -> ${r.url}/`);
  if (env.controller) {
    lines.push(
      `sveltos-controller (pid ${env.controller.pid}): log ${env.controller.logFile}`,
      `  metrics ${env.controller.metricsUrl}/metrics  health ${env.controller.healthUrl}/readyz`,
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * Runs `sveltos-lab up ARGV` until SIGINT/SIGTERM. Returns the exit code: 0 after a clean stop,
 * 2 for bad arguments, 1 when the lab cannot start.
 */
export async function runUpCommand(argv: string[]): Promise<number> {
  let args: UpArgs | 'help';
  try {
    args = parseUpArgs(argv);
  } catch (err) {
    process.stderr.write(`sveltos-lab up: ${(err as Error).message}\n\n${UP_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(UP_USAGE);
    return 0;
  }
  const signal = waitForSignal();
  const logger = createLogger({ level: args.logLevel, base: { component: 'sveltos-lab' } });
  let env: LabEnvironment;
  try {
    env = await startLabEnvironment({ ...args, logger, webhook: true, controller: true });
  } catch (err) {
    process.stderr.write(`sveltos-lab up: the lab did not start: ${(err as Error).message}\n`);
    return 1;
  }
  process.stderr.write(describeEnvironment(env));
  process.stdout.write(`ready ${env.dir}\n`);
  const received = await signal;
  process.stderr.write(`Received ${received}: stopping the lab\n`);
  await env.stop();
  return 0;
}
