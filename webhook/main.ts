// Entry point of the `sveltos-webhook` binary: resolves flags/env and credentials, starts the
// server, and stops it cleanly on SIGTERM/SIGINT (in-flight requests finish, then exit 0).
// The only place the webhook reads process.env or exits.
import { homedir } from 'node:os';
import { createLogger } from '../lib/logger.js';
import { runMain, waitForStopSignal } from '../lib/process-main.js';
import { resolveKubeconfig } from './kube-credentials.js';
import { OptionsError, USAGE, resolveOptions } from './options.js';
import { startWebhookServer } from './server.js';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = resolveOptions(argv, process.env);
  const logger = createLogger({ level: options.logLevel, base: { component: 'webhook' } });
  const kubeconfig = resolveKubeconfig({
    kubeconfig: options.kubeconfig,
    env: process.env,
    homeDir: homedir(),
  });
  if (!kubeconfig) {
    logger.warn('No API credentials: stored profiles are not read and caBundle is not patched');
  }
  const server = await startWebhookServer({ ...options, logger, kubeconfig });
  const signal = await waitForStopSignal();
  logger.info('Stopping webhook', { signal });
  await server.stop();
  logger.info('Webhook stopped');
  return 0;
}

runMain('sveltos-webhook', main, (err) => err instanceof OptionsError);
