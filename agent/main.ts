// Entry point of the `sveltos-agent` binary (the pull agent, run by the sveltos-applier-manager
// Deployment): resolves flags and env, starts the agent, and stops it cleanly on SIGTERM/SIGINT.
// The only place the agent reads process.env or sets the exit code.
import { createLogger } from '../lib/logger.js';
import { runMain, waitForStopSignal } from '../lib/process-main.js';
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
  const signal = await waitForStopSignal();
  logger.info('Stopping agent', { signal });
  await agent.stop();
  logger.info('Agent stopped');
  return 0;
}

runMain('sveltos-agent', main, (err) => err instanceof OptionsError);
