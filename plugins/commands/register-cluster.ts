// `kubectl sveltos register cluster`: flags as sveltosctl's (here `--kubeconfig` is the MANAGED
// cluster's kubeconfig; `--management-kubeconfig` and `--context` pick the management side).
// Thin: validates flags, then lazily loads the registration code (and client-node).
import type { CommandModule } from 'yargs';
import { CLIENT_VERSION } from '../../api/version.js';
import type { GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';
import { defaultAgentImage } from '../registration/names.js';
import { validateRegisterFlags } from '../registration/register-options.js';
import type { RegisterClusterFlags } from '../registration/register-options.js';

type Args = GlobalFlags & RegisterClusterFlags;

export const registerClusterCommand: CommandModule<GlobalFlags, Args> = {
  command: 'cluster',
  describe: 'Register a cluster with Sveltos (push mode, or pull mode with --pullmode)',
  builder: (y) =>
    y
      .option('namespace', {
        alias: 'n',
        type: 'string',
        describe: 'Namespace on the management cluster for the SveltosCluster',
      })
      .option('cluster', { type: 'string', describe: 'Name of the SveltosCluster' })
      .option('labels', {
        type: 'string',
        describe: 'Labels for the SveltosCluster: key1=value1,key2=value2',
      })
      .option('kubeconfig', {
        type: 'string',
        describe: "Push mode: the MANAGED cluster's kubeconfig file (stored in a Secret)",
      })
      .option('fleet-cluster-context', {
        type: 'string',
        describe: 'Push mode: context (in the management kubeconfig) of the cluster to register',
      })
      .option('pullmode', {
        type: 'boolean',
        describe: 'Pull mode: print the YAML to apply on the managed cluster',
      })
      .option('management-kubeconfig', {
        type: 'string',
        describe: 'Kubeconfig of the management cluster (default: KUBECONFIG or ~/.kube/config)',
      })
      .option('management-url', {
        type: 'string',
        describe: 'Pull mode: API server URL the agent dials (default: the current context server)',
      })
      .option('agent-image', {
        type: 'string',
        describe: `Pull mode: agent image (default ${defaultAgentImage(CLIENT_VERSION)})`,
      })
      .option('output', {
        alias: 'o',
        choices: ['yaml', 'json'] as const,
        describe: 'Output format',
      })
      .group(['kubeconfig', 'fleet-cluster-context', 'pullmode'], 'Mode (exactly one):')
      .example(
        '$0 register cluster --namespace=rke2 --cluster=cluster01 --pullmode --labels=env=test > rke2_reg.yaml',
        'Pull mode: register, then "kubectl apply -f rke2_reg.yaml" on the managed cluster',
      )
      .example(
        '$0 register cluster --namespace=aks --cluster=cluster02 --kubeconfig=aks.kubeconfig --labels=env=test',
        'Push mode with the managed cluster kubeconfig',
      )
      .example(
        '$0 register cluster --namespace=kind --cluster=dev --fleet-cluster-context=kind-dev',
        'Push mode from another context of your kubeconfig',
      ),
  handler: async (argv) => {
    const request = validateRegisterFlags(argv, defaultAgentImage(CLIENT_VERSION));
    const { registerCluster } = await import('../registration/register.js');
    await registerCluster(request, processContext(argv));
  },
};
