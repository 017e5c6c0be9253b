// Entry point of the `sveltos-controller` binary: parses flags (controller/options.ts), reads
// the process environment once, starts the controller, and stops it gracefully on SIGTERM or
// SIGINT (loops drained, Lease released). Exits 1 when leadership is lost so Kubernetes restarts
// the Pod, 2 on a bad flag. The only place the controller reads process.env or exits.
import { homedir } from 'node:os';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { createLogger } from '../lib/logger.js';
import { DEFAULT_OPTIONS, OptionsError, resolveOptions } from './options.js';
import type { RawControllerFlags } from './options.js';
import { startController } from './start.js';

function parseFlags(argv: string[]): RawControllerFlags {
  const d = DEFAULT_OPTIONS;
  return yargs(argv)
    .scriptName('sveltos-controller')
    .usage(
      '$0 [flags]\n\nReconciles SveltosClusters, ClusterProfiles/Profiles and ClusterSummaries.',
    )
    .option('kubeconfig', {
      type: 'string',
      describe:
        'Kubeconfig of the management cluster (default: KUBECONFIG, in-cluster, ~/.kube/config)',
    })
    .option('context', { type: 'string', describe: 'Kubeconfig context to use' })
    .option('workers', {
      type: 'number',
      default: d.workers,
      describe: 'Concurrent reconciles per controller',
    })
    .option('health-interval', {
      type: 'string',
      default: '60s',
      describe: 'How often push clusters are probed (Go duration)',
    })
    .option('agent-timeout', {
      type: 'string',
      default: '10m',
      describe: 'A pull cluster whose agent heartbeat is older is not ready',
    })
    .option('register-management-cluster', {
      type: 'boolean',
      default: false,
      describe: 'Register this cluster as SveltosCluster mgmt/mgmt',
    })
    .option('helm-repository-mirror', {
      type: 'string',
      array: true,
      describe: 'FROM=TO: fetch charts of repository URL prefix FROM from TO (repeatable)',
    })
    .option('helm-repository-mirror-configmap', {
      type: 'string',
      describe: 'NAMESPACE/NAME of a ConfigMap with more FROM: TO mirrors',
    })
    .option('bundle-max-bytes', {
      type: 'number',
      default: d.bundleMaxBytes,
      describe: 'Largest pull-mode ConfigurationBundle',
    })
    .option('leader-elect', {
      type: 'boolean',
      default: true,
      describe: 'Elect a leader with a Lease (one active replica)',
    })
    .option('leader-election-namespace', {
      type: 'string',
      default: d.leaderElectionNamespace,
      describe: 'Namespace of the Lease',
    })
    .option('leader-election-id', {
      type: 'string',
      default: d.leaderElectionId,
      describe: 'Name of the Lease',
    })
    .option('metrics-bind-address', {
      type: 'string',
      default: d.metricsBindAddress,
      describe: 'HOST:PORT of /metrics (0 disables)',
    })
    .option('health-probe-bind-address', {
      type: 'string',
      default: d.healthProbeBindAddress,
      describe: 'HOST:PORT of /healthz and /readyz (0 disables)',
    })
    .option('log-level', {
      type: 'string',
      default: 'info',
      describe: 'debug, info, warn or error',
    })
    .example(
      '$0 --kubeconfig mgmt.kubeconfig --health-interval 2s',
      'Probe clusters every 2 seconds',
    )
    .strict()
    .help()
    .parseSync();
}

async function main(argv: string[]): Promise<number> {
  const options = resolveOptions(parseFlags(argv));
  const logger = createLogger({
    level: options.logLevel,
    base: { component: 'sveltos-controller' },
  });
  let exitCode = 0;
  let finish: (() => void) | undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const controller = await startController(options, {
    logger,
    env: {
      kubeconfigEnv: process.env.KUBECONFIG,
      homeDir: homedir(),
      serviceHost: process.env.KUBERNETES_SERVICE_HOST,
      servicePort: process.env.KUBERNETES_SERVICE_PORT,
    },
    onLostLeadership: () => {
      exitCode = 1;
      finish?.();
    },
  });
  const onSignal = (signal: string): void => {
    logger.info('Received signal', { signal });
    finish?.();
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  await finished;
  await controller.stop();
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
    // Keep-alive sockets and timers must not hold the process after a clean stop.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sveltos-controller: ${message}\n`);
    process.exitCode = err instanceof OptionsError ? 2 : 1;
  },
);
