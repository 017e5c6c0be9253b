// `sveltos-lab apiserver`: one lab cluster served at the root of an HTTPS port, its admin
// kubeconfig written to a file, state kept in `--data-dir` across restarts. Prints
// `ready https://127.0.0.1:PORT` once serving; stops cleanly on SIGINT/SIGTERM.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseLogLevel } from '../lib/logger.js';
import { startLabServer } from './apiserver/server.js';

const USAGE = `Usage: sveltos-lab apiserver [--port N] [--kubeconfig FILE] [--data-dir DIR] [--version V]

Serves a Kubernetes API server (one lab cluster) on https://127.0.0.1:PORT.

Options:
  --port N           port to listen on (default 0: a free port)
  --kubeconfig FILE  where to write the admin kubeconfig (default DIR/kubeconfig with
                     --data-dir, else ./sveltos-lab.kubeconfig)
  --data-dir DIR     keep state in DIR: objects and resourceVersions survive a restart
  --version V        Kubernetes version reported by /version (default v1.32.5)
  --log-level L      debug, info, warn or error (default info; requests log at debug)
  -h, --help         show this help
`;

interface ApiserverArgs {
  port: number;
  kubeconfig: string;
  dataDir?: string;
  version?: string;
  logLevel: ReturnType<typeof parseLogLevel>;
}

function parsePort(value: string | undefined): number {
  const port = Number(value ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid --port "${value ?? ''}": use a number from 0 to 65535`);
  }
  return port;
}

function checkVersion(version: string | undefined): void {
  if (version !== undefined && !/^v\d+\.\d+\.\d+/.test(version)) {
    throw new Error(`Invalid --version "${version}": use a Kubernetes version such as v1.32.5`);
  }
}

function parse(argv: string[]): ApiserverArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      kubeconfig: { type: 'string' },
      'data-dir': { type: 'string' },
      version: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  checkVersion(values.version);
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : undefined;
  const defaultKubeconfig = dataDir ? join(dataDir, 'kubeconfig') : 'sveltos-lab.kubeconfig';
  return {
    port: parsePort(values.port),
    kubeconfig: resolve(values.kubeconfig ?? defaultKubeconfig),
    dataDir,
    version: values.version,
    logLevel: parseLogLevel(values['log-level'] ?? 'info'),
  };
}

function waitForSignal(): Promise<string> {
  return new Promise((done) => {
    const on = (signal: string): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Runs `sveltos-lab apiserver ARGV` until SIGINT/SIGTERM. Returns the exit code: 0 after a
 * clean stop, 2 for bad arguments, 1 when the server cannot start.
 */
export async function runApiserverCommand(argv: string[]): Promise<number> {
  let args: ApiserverArgs | 'help';
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`sveltos-lab apiserver: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const signal = waitForSignal();
  const server = await startLabServer({
    port: args.port,
    logLevel: args.logLevel,
    ...(args.dataDir ? { dataDir: args.dataDir } : {}),
    ...(args.version ? { defaultVersion: args.version } : {}),
  });
  const cluster = server.addCluster('default', { root: true });
  if (args.version) cluster.version = args.version;
  writeFileSync(args.kubeconfig, cluster.kubeconfig({ contextName: 'sveltos-lab' }), {
    mode: 0o600,
  });
  process.stderr.write(`Wrote the admin kubeconfig to ${args.kubeconfig}\n`);
  process.stdout.write(`ready ${server.url}\n`);
  await signal;
  await server.stop();
  return 0;
}
