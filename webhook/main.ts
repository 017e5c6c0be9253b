// Entry point of the `sveltos-webhook` binary: resolves flags/env and credentials, starts the
// server, and stops it cleanly on SIGTERM/SIGINT (in-flight requests finish, then exit 0).
// The only place the webhook reads process.env or exits.
import { homedir } from 'node:os';
import { createLogger } from '../lib/logger.js';
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
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info('Stopping webhook', { signal });
      resolve();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  await server.stop();
  logger.info('Webhook stopped');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`sveltos-webhook: ${message}\n`);
    process.exitCode = err instanceof OptionsError ? 2 : 1;
  },
);
