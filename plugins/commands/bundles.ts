// `kubectl sveltos bundles`: per pull-mode cluster, its agent's heartbeat and the
// ConfigurationGroups waiting for or being processed by that agent (one row per group), with
// `bundles show` (bundles-show.ts) for one group's bundles and objects. Thin: flags are checked
// here, then the reader (client-node) and renderers are loaded lazily.
import type { CommandModule } from 'yargs';
import type { GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';
import type { BundlesFlags } from './bundles-options.js';
import { resolveScope, scopeOptions } from './bundles-options.js';
import { bundlesShowCommand } from './bundles-show.js';

const COMMAND = 'bundles';

type Args = BundlesFlags;

export const bundlesCommand: CommandModule<GlobalFlags, Args> = {
  command: COMMAND,
  describe: 'Show what waits for the agents of pull-mode clusters (ConfigurationGroups, bundles)',
  builder: (y) =>
    scopeOptions(y)
      .option('output', {
        alias: 'o',
        choices: ['wide', 'json', 'yaml'] as const,
        describe: 'Output format',
      })
      .command(bundlesShowCommand)
      .example('$0 bundles -n rke2', 'Groups waiting for the agents of clusters in namespace rke2')
      .example(
        '$0 bundles -A --profile ClusterProfile/deploy-kyverno -o wide',
        "One profile's groups everywhere, with hashes and messages",
      )
      .example(
        '$0 bundles show -n rke2 --cluster cluster01 --profile ClusterProfile/deploy-kyverno --feature Resources',
        'One group in detail',
      ),
  handler: async (argv) => {
    resolveScope(argv, undefined, COMMAND);
    const ctx = processContext(argv);
    const { clientFor, loadSource } = await import('../registration/connect.js');
    const loaded = loadSource({ kubeconfig: argv.kubeconfig, context: argv.context }, ctx);
    const scope = resolveScope(argv, loaded.namespace, COMMAND);
    const client = clientFor(loaded, 'the management cluster');
    const { checkCluster, checkProfile, readReportInput } = await import('./bundles-data.js');
    const input = await readReportInput(client, scope);
    checkCluster(input);
    await checkProfile(client, input);
    const { buildBundleReport } = await import('../inspection/bundle-report.js');
    const { machineText, renderReport, reportDocument } =
      await import('../inspection/bundle-table.js');
    const report = buildBundleReport(input);
    if (ctx.output === 'json' || ctx.output === 'yaml') {
      return ctx.print(machineText(reportDocument(report), ctx.output));
    }
    ctx.print(renderReport(report, { now: new Date(), wide: ctx.output === 'wide' }));
  },
};
