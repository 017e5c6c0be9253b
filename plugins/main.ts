// Entry point of `kubectl-sveltos`, run by kubectl as `kubectl sveltos …`. Registers the
// kubectl-style global flags and the command tree; command files stay light and load the
// Kubernetes client only inside their handlers, so `--help` is fast. The only place that sets
// the exit code: 0 success, 1 failure, 2 usage error (kubectl-like `error: …` on stderr).
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import {
  UsageError,
  commandPath,
  exitCodeFor,
  formatError,
  rewriteYargsMessage,
} from './cli-errors.js';
import { bundlesCommand } from './commands/bundles.js';
import { deregisterClusterCommand } from './commands/deregister-cluster.js';
import { generateKubeconfigCommand } from './commands/generate-kubeconfig.js';
import { registerClusterCommand } from './commands/register-cluster.js';
import { validateCommand } from './commands/validate.js';
import { versionCommand } from './commands/version.js';

const SCRIPT = 'kubectl sveltos';

function group(y: Argv, noun: string): Argv {
  return y.demandCommand(1, `A resource is required: kubectl sveltos ${noun} <resource>`);
}

function buildCli(args: string[]): Argv {
  return yargs(args)
    .scriptName(SCRIPT)
    .usage('$0 <command> [options]\n\nManage add-ons across Kubernetes clusters, Sveltos-style.')
    .option('kubeconfig', { type: 'string', global: true, describe: 'Path to the kubeconfig file' })
    .option('context', { type: 'string', global: true, describe: 'Kubeconfig context to use' })
    .option('v', { type: 'count', global: true, describe: 'Verbose: debug lines and stack traces' })
    .group(['context', 'v', 'help'], 'Global flags:')
    .command('register', 'Register a cluster with Sveltos', (y) =>
      group(y.command(registerClusterCommand), 'register'),
    )
    .command('deregister', 'Deregister a cluster from Sveltos', (y) =>
      group(y.command(deregisterClusterCommand), 'deregister'),
    )
    .command('generate', 'Generate credentials for Sveltos', (y) =>
      group(y.command(generateKubeconfigCommand), 'generate'),
    )
    .command(bundlesCommand)
    .command(validateCommand)
    .command(versionCommand)
    .demandCommand(1, 'A command is required')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(120, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(rewriteYargsMessage(msg, args), commandPath(args));
    });
}

async function main(args: string[]): Promise<number> {
  try {
    await buildCli(args).parseAsync();
    return 0;
  } catch (err) {
    const verbose = args.some((a) => /^-v+$|^--v(=|$)/.test(a));
    process.stderr.write(formatError(err, verbose, SCRIPT));
    return exitCodeFor(err);
  }
}

process.exitCode = await main(hideBin(process.argv));
