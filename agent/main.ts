// Entry point of the `sveltos-agent` binary (the pull agent, run by the sveltos-applier-manager
// Deployment): resolves flags and env, starts the agent, and stops it cleanly on SIGTERM/SIGINT.
// The only place the agent reads process.env or sets the exit code.
import { createLogger } from '../lib/logger.js';
import { startAgent } from './agent.js';
import { startGroupWorker } from './group-worker.js';
import { OptionsError, USAGE, resolveOptions } from './options.js';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = resolveOptions(argv, process.env);
  const logger = createLogger({
    level: options.logLevel,
    base: {
      component: 'sveltos-agent',
      cluster: `${options.clusterNamespace}/${options.clusterName}`,
    },
  });
  logger.info('Starting agent', { heartbeatIntervalMs: options.heartbeatIntervalMs });
  const cluster = { namespace: options.clusterNamespace, name: options.clusterName };
  const agent = await startAgent(options, logger, [
    (clients, metrics) => startGroupWorker(clients, cluster, { logger, metrics }),
  ]);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info('Stopping agent', { signal });
      resolve();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  await agent.stop();
  logger.info('Agent stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sveltos-agent: ${message}\n`);
    process.exitCode = err instanceof OptionsError ? 2 : 1;
  },
);
