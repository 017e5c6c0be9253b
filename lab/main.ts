// Entry point of `sveltos-lab`: dispatches to a sub-command, each imported only when used so
// `--help` and usage errors stay fast. Exit codes: the sub-command's, 2 for usage errors.
// The only place in lab/ that sets process.exitCode.

const USAGE = `Usage: sveltos-lab <command> [options]

Commands:
  up          start the whole lab (management cluster, managed clusters, chart repository,
              process kubelet) and keep it running
  apiserver   serve one lab cluster on an HTTPS port
  fault       show or change fault injection of a running lab cluster
  demo        replay the seed blog post on lab clusters

Run "sveltos-lab <command> --help" for a command's options.
`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  up: async () => (await import('./up-command.js')).runUpCommand,
  apiserver: async () => (await import('./apiserver-command.js')).runApiserverCommand,
  fault: async () => {
    const { runFaultCommand } = await import('./faults/fault-command.js');
    return (argv) => runFaultCommand(argv);
  },
  demo: async () => (await import('./demo/run-demo.js')).runDemo,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stderr.write(`sveltos-lab: no command given\n\n${USAGE}`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`sveltos-lab: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  const run = await load();
  return run(rest);
}

process.exitCode = await main(process.argv.slice(2));
