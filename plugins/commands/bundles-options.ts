// Flags of `kubectl sveltos bundles` and `bundles show`, validated into a BundleScope: `-n` or
// `-A` (not both; neither means the kubeconfig context's namespace, else `default`, as kubectl),
// `--cluster NAME`, `--profile KIND/NAME`, `--feature`. Pure; every refusal is a UsageError
// naming the flag. Tests in bundles-options.test.ts.
import { isDns1123Label, isDns1123Subdomain } from '../../api/k8s-names.js';
import type { ProfileKind } from '../../api/types/index.js';
import { UsageError } from '../cli-errors.js';
import type { Argv } from 'yargs';
import type { GlobalFlags } from '../command-context.js';
import type { BundleScope, ProfileRef } from '../inspection/bundle-report.js';

/** Flags shared by `bundles` and `bundles show`. */
export interface BundlesFlags extends GlobalFlags {
  namespace?: string | undefined;
  allNamespaces?: boolean | undefined;
  cluster?: string | undefined;
  profile?: string | undefined;
}

/** The features a group can be for (Sveltos' requestorfeature values). */
export const FEATURES = ['Resources', 'Helm', 'Kustomize'] as const;

const PROFILE_KINDS: Record<string, ProfileKind> = {
  clusterprofile: 'ClusterProfile',
  clusterprofiles: 'ClusterProfile',
  profile: 'Profile',
  profiles: 'Profile',
};

/** Parses `KIND/NAME` (`ClusterProfile/x`, `clusterprofile/x`, `Profile/x`). */
export function parseProfileRef(text: string, command: string): ProfileRef {
  const [kindText = '', name = '', ...rest] = text.split('/');
  const kind = PROFILE_KINDS[kindText.toLowerCase()];
  if (!kind || rest.length > 0 || name === '') {
    throw new UsageError(
      `Invalid --profile "${text}": expected ClusterProfile/NAME or Profile/NAME`,
      command,
    );
  }
  const problems = isDns1123Subdomain(name);
  if (problems.length > 0) {
    throw new UsageError(`Invalid --profile "${text}": name ${problems.join('; ')}`, command);
  }
  return { kind, name };
}

function checkName(
  flag: string,
  value: string | undefined,
  command: string,
  rule: (v: string) => string[] = isDns1123Label,
): void {
  if (value === undefined) return;
  const problems = rule(value);
  if (problems.length > 0) {
    throw new UsageError(`Invalid --${flag} "${value}": ${problems.join('; ')}`, command);
  }
}

/**
 * The scope the flags select; `contextNamespace` is the kubeconfig context's namespace.
 * Throws UsageError for `-n` with `-A`, a malformed namespace, cluster or profile.
 */
export function resolveScope(
  flags: BundlesFlags,
  contextNamespace: string | undefined,
  command: string,
): BundleScope {
  if (flags.namespace !== undefined && flags.allNamespaces) {
    throw new UsageError('Flags --namespace and --all-namespaces cannot be used together', command);
  }
  checkName('namespace', flags.namespace, command);
  checkName('cluster', flags.cluster, command);
  const namespace = flags.allNamespaces
    ? undefined
    : (flags.namespace ?? contextNamespace ?? 'default');
  return {
    namespace,
    ...(flags.cluster !== undefined ? { cluster: flags.cluster } : {}),
    ...(flags.profile !== undefined ? { profile: parseProfileRef(flags.profile, command) } : {}),
  };
}

/** Checks how `bundles show` names its group: GROUP, or --cluster with --profile. */
export function checkShowSelection(
  flags: BundlesFlags & { group?: string | undefined; feature?: string | undefined },
  command: string,
): void {
  const byFlags = flags.cluster !== undefined || flags.profile !== undefined;
  if (flags.group !== undefined && (byFlags || flags.feature !== undefined)) {
    throw new UsageError(
      'Give either GROUP or --cluster with --profile (and --feature), not both',
      command,
    );
  }
  if (flags.group === undefined && (flags.cluster === undefined || flags.profile === undefined)) {
    throw new UsageError(
      'A group is required: GROUP, or --cluster with --profile (and --feature)',
      command,
    );
  }
  checkName('group', flags.group, command, isDns1123Subdomain);
}

/** The yargs types of the scope flags. */
export interface ScopeOptionTypes {
  namespace: string | undefined;
  'all-namespaces': boolean | undefined;
  cluster: string | undefined;
  profile: string | undefined;
}

/** Declares `-n`, `-A`, `--cluster` and `--profile` on a command. */
export function scopeOptions<T>(y: Argv<T>): Argv<T & ScopeOptionTypes> {
  return y
    .option('namespace', {
      alias: 'n',
      type: 'string',
      describe: 'Namespace of the clusters (default: the context namespace, else default)',
    })
    .option('all-namespaces', {
      alias: 'A',
      type: 'boolean',
      describe: 'Clusters of every namespace',
    })
    .option('cluster', { type: 'string', describe: 'Only this SveltosCluster' })
    .option('profile', {
      type: 'string',
      describe: 'Only this profile: ClusterProfile/NAME or Profile/NAME',
    });
}
