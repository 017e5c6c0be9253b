// Entry point of `kubectl-sveltos`, run by kubectl as `kubectl sveltos …`. Commands are
// registered lazily so `--help` never pays for loading the Kubernetes client.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CLIENT_VERSION } from '../api/version.js';

async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('kubectl sveltos')
    .usage('$0 <command> [options]\n\nManage add-ons across Kubernetes clusters, Sveltos-style.')
    .command(
      'version',
      'Print the client version',
      () => {},
      () => {
        process.stdout.write(`Client Version: ${CLIENT_VERSION}\n`);
      },
    )
    .demandCommand(1, 'error: a command is required')
    .recommendCommands()
    .strict()
    .help()
    .parseAsync();
}

main(hideBin(process.argv)).catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
