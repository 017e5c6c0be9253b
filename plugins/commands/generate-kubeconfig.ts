// `kubectl sveltos generate kubeconfig`: in the current cluster (the one to register in push
// mode), creates a ServiceAccount with the rights Sveltos needs and prints a kubeconfig for it.
import type { CommandModule } from 'yargs';
import { isDns1123Label, isDns1123Subdomain } from '../../api/k8s-names.js';
import { UsageError } from '../cli-errors.js';
import type { GlobalFlags } from '../command-context.js';
import { processContext } from '../command-context.js';
import {
  GENERATE_DEFAULT_NAMESPACE,
  GENERATE_DEFAULT_SERVICE_ACCOUNT,
} from '../registration/names.js';
import type { GenerateKubeconfigRequest } from '../registration/kubeconfig-for-sveltos.js';

interface Args extends GlobalFlags {
  namespace: string;
  serviceaccount: string;
  create?: boolean;
  expirationSeconds?: number;
}

const COMMAND = 'generate kubeconfig';

/** Validates the flags; throws UsageError naming the flag. */
export function validateGenerateFlags(argv: Args): GenerateKubeconfigRequest {
  const nsErrors = isDns1123Label(argv.namespace);
  if (nsErrors.length > 0)
    throw new UsageError(
      `Invalid --namespace "${argv.namespace}": ${nsErrors.join('; ')}`,
      COMMAND,
    );
  const saErrors = isDns1123Subdomain(argv.serviceaccount);
  if (saErrors.length > 0) {
    throw new UsageError(
      `Invalid --serviceaccount "${argv.serviceaccount}": ${saErrors.join('; ')}`,
      COMMAND,
    );
  }
  const exp = argv.expirationSeconds;
  if (exp !== undefined && (!Number.isInteger(exp) || exp < 600)) {
    throw new UsageError(
      `Invalid --expiration-seconds "${exp}": must be an integer of at least 600`,
      COMMAND,
    );
  }
  if (exp !== undefined && argv.create) {
    throw new UsageError(
      'Flags --create and --expiration-seconds cannot be used together',
      COMMAND,
    );
  }
  return {
    namespace: argv.namespace,
    serviceAccount: argv.serviceaccount,
    create: argv.create === true,
    expirationSeconds: exp,
  };
}

export const generateKubeconfigCommand: CommandModule<GlobalFlags, Args> = {
  command: 'kubeconfig',
  describe:
    'Create a ServiceAccount for Sveltos in the current cluster and print a kubeconfig for it',
  builder: (y) =>
    y
      .option('namespace', {
        alias: 'n',
        type: 'string',
        default: GENERATE_DEFAULT_NAMESPACE,
        describe: 'Namespace of the ServiceAccount',
      })
      .option('serviceaccount', {
        type: 'string',
        default: GENERATE_DEFAULT_SERVICE_ACCOUNT,
        describe: 'Name of the ServiceAccount',
      })
      .option('create', {
        type: 'boolean',
        describe: 'Use a long-lived token Secret instead of an expiring TokenRequest',
      })
      .option('expiration-seconds', {
        type: 'number',
        describe: 'Lifetime of the TokenRequest token (default: the server default)',
      })
      .example(
        '$0 generate kubeconfig --context=kind-dev > dev.kubeconfig',
        'Kubeconfig with an expiring token',
      )
      .example(
        '$0 generate kubeconfig --create > dev.kubeconfig',
        'Kubeconfig with a long-lived token',
      ),
  handler: async (argv) => {
    const request = validateGenerateFlags(argv);
    const ctx = processContext(argv);
    const { clientFor, loadSource } = await import('../registration/connect.js');
    const { kubeconfigForSveltos } = await import('../registration/kubeconfig-for-sveltos.js');
    const cluster = loadSource({ kubeconfig: argv.kubeconfig, context: argv.context }, ctx);
    const yaml = await kubeconfigForSveltos(
      clientFor(cluster, 'the cluster'),
      cluster,
      request,
      ctx,
    );
    ctx.print(yaml);
  },
};
