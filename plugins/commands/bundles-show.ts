// `kubectl sveltos bundles show`: one ConfigurationGroup — named, or found by --cluster,
// --profile and --feature — with each bundle's objects and whether its hash verifies against
// the hash the group lists. Thin: flags checked here, reading and rendering loaded lazily.
import type { CommandModule } from 'yargs';
import type { GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';
import type { BundlesFlags } from './bundles-options.js';
import { FEATURES, checkShowSelection, resolveScope, scopeOptions } from './bundles-options.js';

const COMMAND = 'bundles show';

interface Args extends BundlesFlags {
  group?: string | undefined;
  feature?: string | undefined;
}

export const bundlesShowCommand: CommandModule<GlobalFlags, Args> = {
  command: 'show [group]',
  describe: "Print one ConfigurationGroup's bundles, their objects and hash checks",
  builder: (y) =>
    scopeOptions(y)
      .positional('group', { type: 'string', describe: 'Name of the ConfigurationGroup' })
      .option('feature', {
        choices: FEATURES,
        describe: 'With --cluster and --profile: the feature of the group',
      })
      .option('output', {
        alias: 'o',
        choices: ['json', 'yaml'] as const,
        describe: 'Output format',
      })
      .example('$0 bundles show -n rke2 cg-7f3a9', 'A group by name')
      .example(
        '$0 bundles show -n rke2 --cluster cluster01 --profile ClusterProfile/deploy-kyverno --feature Helm',
        'The Helm group of a profile for one cluster',
      ),
  handler: async (argv) => {
    checkShowSelection(argv, COMMAND);
    resolveScope(argv, undefined, COMMAND);
    const ctx = processContext(argv);
    const { clientFor, loadSource } = await import('../registration/connect.js');
    const loaded = loadSource({ kubeconfig: argv.kubeconfig, context: argv.context }, ctx);
    const scope = resolveScope(argv, loaded.namespace, COMMAND);
    const client = clientFor(loaded, 'the management cluster');
    const { readGroupWorld } = await import('./bundles-data.js');
    const world = await readGroupWorld(client, { scope, group: argv.group, feature: argv.feature });
    const { describeGroup, renderGroupDetail } = await import('../inspection/bundle-detail.js');
    const detail = describeGroup(world.group, world.bundles, world.cluster);
    if (ctx.output === 'json' || ctx.output === 'yaml') {
      const { machineText } = await import('../inspection/bundle-table.js');
      return ctx.print(machineText(detail, ctx.output));
    }
    ctx.print(renderGroupDetail(detail, new Date()));
  },
};
