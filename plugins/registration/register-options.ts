// Turns the flags of `register cluster` and `deregister cluster` into a validated request:
// names checked with Kubernetes' rules, labels parsed, exactly one registration mode chosen,
// pull-only flags refused in push mode. Every refusal is a UsageError (exit 2) naming the flag.
// Pure; tests in register-options.test.ts.
import { isDns1123Label } from '../../api/k8s-names.js';
import { UsageError } from '../cli-errors.js';
import { InvalidLabelsError, parseLabels } from './labels.js';
import type { ClusterIdentity } from './mgmt-objects.js';

/** Flags of `register cluster`, as yargs parsed them. */
export interface RegisterClusterFlags {
  namespace?: string | undefined;
  cluster?: string | undefined;
  labels?: string | undefined;
  kubeconfig?: string | undefined;
  fleetClusterContext?: string | undefined;
  pullmode?: boolean | undefined;
  managementKubeconfig?: string | undefined;
  managementUrl?: string | undefined;
  agentImage?: string | undefined;
  context?: string | undefined;
}

/** How the managed cluster is reached. */
export type RegistrationMode =
  | { kind: 'push-file'; kubeconfigFile: string }
  | { kind: 'push-context'; context: string }
  | { kind: 'pull'; managementUrl?: string | undefined; agentImage: string };

/** A validated `register cluster` request. */
export interface RegisterRequest {
  id: ClusterIdentity;
  labels: Record<string, string>;
  mode: RegistrationMode;
  /** Where the management cluster is found (`--management-kubeconfig`, `--context`). */
  management: { kubeconfig?: string | undefined; context?: string | undefined };
}

const COMMAND = 'register cluster';

/** Validates `--namespace` and `--cluster`; both must be RFC 1123 labels. */
export function validateIdentity(
  namespace: string | undefined,
  cluster: string | undefined,
  command = COMMAND,
): ClusterIdentity {
  if (!namespace) throw new UsageError('Missing required flag --namespace', command);
  if (!cluster) throw new UsageError('Missing required flag --cluster', command);
  checkName('--namespace', namespace, command);
  checkName('--cluster', cluster, command);
  return { namespace, name: cluster };
}

function checkName(flag: string, value: string, command: string): void {
  const errors = isDns1123Label(value);
  if (errors.length > 0) {
    throw new UsageError(`Invalid ${flag} "${value}": ${errors.join('; ')}`, command);
  }
}

/** Validates every flag of `register cluster` (default agent image passed in). */
export function validateRegisterFlags(
  flags: RegisterClusterFlags,
  defaultAgentImage: string,
): RegisterRequest {
  const id = validateIdentity(flags.namespace, flags.cluster);
  return {
    id,
    labels: labelsFlag(flags.labels),
    mode: chooseMode(flags, defaultAgentImage),
    management: { kubeconfig: flags.managementKubeconfig, context: flags.context },
  };
}

function labelsFlag(value: string | undefined): Record<string, string> {
  try {
    return parseLabels(value);
  } catch (err) {
    if (err instanceof InvalidLabelsError) throw new UsageError(err.message, COMMAND);
    throw err;
  }
}

function chooseMode(flags: RegisterClusterFlags, defaultAgentImage: string): RegistrationMode {
  const chosen = [
    flags.kubeconfig ? '--kubeconfig' : '',
    flags.fleetClusterContext ? '--fleet-cluster-context' : '',
    flags.pullmode ? '--pullmode' : '',
  ].filter((f) => f !== '');
  if (chosen.length === 0) {
    throw new UsageError(
      'One of --kubeconfig, --fleet-cluster-context (push mode) or --pullmode is required',
      COMMAND,
    );
  }
  if (chosen.length > 1) {
    throw new UsageError(`Flags ${chosen.join(' and ')} cannot be used together`, COMMAND);
  }
  if (flags.pullmode) return pullMode(flags, defaultAgentImage);
  refusePullOnlyFlags(flags);
  if (flags.kubeconfig) return { kind: 'push-file', kubeconfigFile: flags.kubeconfig };
  return { kind: 'push-context', context: flags.fleetClusterContext ?? '' };
}

function refusePullOnlyFlags(flags: RegisterClusterFlags): void {
  for (const [flag, value] of [
    ['--management-url', flags.managementUrl],
    ['--agent-image', flags.agentImage],
  ] as const) {
    if (value !== undefined) throw new UsageError(`Flag ${flag} requires --pullmode`, COMMAND);
  }
}

function pullMode(flags: RegisterClusterFlags, defaultAgentImage: string): RegistrationMode {
  if (flags.managementUrl !== undefined) checkUrl(flags.managementUrl);
  if (flags.agentImage !== undefined && flags.agentImage.trim() === '') {
    throw new UsageError('Invalid --agent-image "": an image reference is required', COMMAND);
  }
  return {
    kind: 'pull',
    managementUrl: flags.managementUrl?.replace(/\/+$/, ''),
    agentImage: flags.agentImage ?? defaultAgentImage,
  };
}

function checkUrl(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new UsageError(
      `Invalid --management-url "${value}": expected an http(s) URL such as https://mgmt.example.com:6443`,
      COMMAND,
    );
  }
}
