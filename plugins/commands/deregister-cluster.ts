// `kubectl sveltos deregister cluster`: removes what `register cluster` wrote on the management
// cluster; `--pullmode` also prints the managed cluster's objects to delete there.
import type { CommandModule } from 'yargs';
import type { GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';
import { validateIdentity } from '../registration/register-options.js';

interface Args extends GlobalFlags {
  namespace?: string;
  cluster?: string;
  pullmode?: boolean;
}

export const deregisterClusterCommand: CommandModule<GlobalFlags, Args> = {
  command: 'cluster',
  describe: 'Remove a registered cluster and everything register created on the management cluster',
  builder: (y) =>
    y
      .option('namespace', {
        alias: 'n',
        type: 'string',
        describe: 'Namespace of the SveltosCluster',
      })
      .option('cluster', { type: 'string', describe: 'Name of the SveltosCluster' })
      .option('pullmode', {
        type: 'boolean',
        describe:
          'Also print the managed cluster objects to delete (pipe into kubectl delete -f -)',
      })
      .option('output', {
        alias: 'o',
        choices: ['yaml', 'json'] as const,
        describe: 'Output format',
      })
      .example(
        '$0 deregister cluster --namespace=aks --cluster=cluster02',
        'Remove a push-mode cluster',
      )
      .example(
        '$0 deregister cluster --namespace=rke2 --cluster=cluster01 --pullmode > cleanup.yaml',
        'Remove a pull-mode cluster; then "kubectl delete -f cleanup.yaml" on the managed cluster',
      ),
  handler: async (argv) => {
    const id = validateIdentity(argv.namespace, argv.cluster, 'deregister cluster');
    const { deregisterCluster } = await import('../registration/deregister.js');
    await deregisterCluster(
      {
        id,
        pullmode: argv.pullmode === true,
        management: { kubeconfig: argv.kubeconfig, context: argv.context },
      },
      processContext(argv),
    );
  },
};
