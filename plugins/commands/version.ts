// `kubectl sveltos version`: the client version, and the management cluster's version when it
// can be reached (an unreachable or unconfigured cluster is a warning, not a failure).
import type { CommandModule } from 'yargs';
import { CLIENT_VERSION } from '../../api/version.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';

interface Args extends GlobalFlags {
  client?: boolean;
}

/** The structured form printed with `-o json|yaml`, shaped like `kubectl version -o json`. */
export interface VersionInfo {
  clientVersion: { gitVersion: string };
  serverVersion?: {
    major: string;
    minor: string;
    gitVersion: string;
    platform?: string | undefined;
  };
}

async function serverVersion(
  argv: Args,
  ctx: CommandContext,
): Promise<VersionInfo['serverVersion']> {
  try {
    const { clientFor, loadSource } = await import('../registration/connect.js');
    const cluster = loadSource({ kubeconfig: argv.kubeconfig, context: argv.context }, ctx);
    return await clientFor(cluster, 'the management cluster', 5_000).serverVersion();
  } catch (err) {
    ctx.warn(err instanceof Error ? err.message : String(err));
    return undefined;
  }
}

/** Text form: `Client Version: …` and, when known, `Server Version: …`. */
export function formatVersion(info: VersionInfo): string {
  const lines = [`Client Version: ${info.clientVersion.gitVersion}`];
  if (info.serverVersion) lines.push(`Server Version: ${info.serverVersion.gitVersion}`);
  return `${lines.join('\n')}\n`;
}

export const versionCommand: CommandModule<GlobalFlags, Args> = {
  command: 'version',
  describe: 'Print the client version and the management cluster version',
  builder: (y) =>
    y
      .option('client', { type: 'boolean', describe: 'Print only the client version' })
      .option('output', {
        alias: 'o',
        choices: ['yaml', 'json'] as const,
        describe: 'Output format',
      })
      .example('$0 version', 'Client and management cluster versions')
      .example('$0 version --client -o json', 'Client version as JSON'),
  handler: async (argv) => {
    const ctx = processContext(argv);
    const info: VersionInfo = { clientVersion: { gitVersion: CLIENT_VERSION } };
    if (!argv.client) {
      const server = await serverVersion(argv, ctx);
      if (server) info.serverVersion = server;
    }
    if (!ctx.output) return ctx.print(formatVersion(info));
    const { formatObjects } = await import('../output.js');
    ctx.print(formatObjects([info], ctx.output).replace(/^---\n/, ''));
  },
};
