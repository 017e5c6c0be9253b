// Reads what `kubectl sveltos bundles` shows from the management cluster: SveltosClusters,
// ConfigurationGroups and ConfigurationBundles of the scope's namespace (or all), and checks
// that a named cluster, profile or group exists, failing with a CliError that names it. Loaded
// lazily by the command handlers (it runs with a KubeClient, i.e. client-node).
import {
  CLUSTER_PROFILE,
  CONFIGURATION_BUNDLE,
  CONFIGURATION_GROUP,
  PROFILE,
  SVELTOS_CLUSTER,
} from '../../api/gvk.js';
import type { KindInfo } from '../../api/gvk.js';
import {
  PULL_MODE_CLUSTER_NAME_LABEL,
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
} from '../../api/labels.js';
import type {
  ConfigurationBundle,
  ConfigurationGroup,
  SveltosCluster,
} from '../../api/types/index.js';
import type { KubeClient } from '../../lib/kube-client.js';
import { ResourceTypeNotFoundError } from '../../lib/kube-errors.js';
import { CliError } from '../cli-errors.js';
import type { BundleScope, ReportInput } from '../inspection/bundle-report.js';
import { groupClusterName, groupHasProfile } from '../inspection/bundle-report.js';
import { describeScope } from '../inspection/bundle-table.js';

/** Lists a Sveltos kind; an unknown kind means the CRDs are not installed. */
async function listKind<T>(
  client: KubeClient,
  kind: KindInfo,
  opts: { namespace?: string | undefined; labelSelector?: string | undefined },
): Promise<T[]> {
  try {
    const query = {
      ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
      ...(opts.labelSelector !== undefined ? { labelSelector: opts.labelSelector } : {}),
    };
    return (await client.list(kind.apiVersion, kind.kind, query)) as T[];
  } catch (err) {
    if (!(err instanceof ResourceTypeNotFoundError)) throw err;
    throw new CliError(
      'CrdMissing',
      `The management cluster does not serve ${kind.kind} (${kind.apiVersion}): are the Sveltos CRDs installed?`,
      { cause: err },
    );
  }
}

function clusterSelector(cluster: string | undefined): string | undefined {
  return cluster === undefined ? undefined : `${PULL_MODE_CLUSTER_NAME_LABEL}=${cluster}`;
}

/** Reads the clusters, groups and bundles of the scope's namespace (all when undefined). */
export async function readReportInput(
  client: KubeClient,
  scope: BundleScope,
): Promise<ReportInput> {
  const namespace = scope.namespace;
  const [clusters, groups, bundles] = await Promise.all([
    listKind<SveltosCluster>(client, SVELTOS_CLUSTER, { namespace }),
    listKind<ConfigurationGroup>(client, CONFIGURATION_GROUP, {
      namespace,
      labelSelector: clusterSelector(scope.cluster),
    }),
    listKind<ConfigurationBundle>(client, CONFIGURATION_BUNDLE, { namespace }),
  ]);
  return { scope, clusters, groups, bundles };
}

function where(namespace: string | undefined): string {
  return namespace === undefined ? 'in any namespace' : `in namespace "${namespace}"`;
}

/**
 * Throws CliError `ClusterNotFound` / `NotPullMode` for a `--cluster` that is not a pull-mode
 * SveltosCluster in scope (groups left by a deleted cluster still count as found).
 */
export function checkCluster(input: ReportInput): void {
  const name = input.scope.cluster;
  if (name === undefined) return;
  const matches = input.clusters.filter((c) => c.metadata.name === name);
  if (matches.some((c) => c.spec?.pullMode === true)) return;
  if (input.groups.some((g) => groupClusterName(g) === name)) return;
  const push = matches[0];
  if (push) {
    throw new CliError(
      'NotPullMode',
      `SveltosCluster ${push.metadata.namespace}/${name} is in push mode: the management cluster deploys to it directly, so it has no bundles`,
    );
  }
  throw new CliError(
    'ClusterNotFound',
    `SveltosCluster "${name}" not found ${where(input.scope.namespace)}`,
  );
}

async function profileExists(client: KubeClient, scope: BundleScope): Promise<boolean> {
  const ref = scope.profile;
  if (!ref) return true;
  if (ref.kind === 'ClusterProfile') {
    const found = await client.get({ ...kindRef(CLUSTER_PROFILE), name: ref.name });
    return found !== undefined;
  }
  if (scope.namespace !== undefined) {
    const ns = scope.namespace;
    return (await client.get({ ...kindRef(PROFILE), name: ref.name, namespace: ns })) !== undefined;
  }
  const all = await client.list(PROFILE.apiVersion, PROFILE.kind);
  return all.some((p) => p.metadata.name === ref.name);
}

function kindRef(kind: KindInfo): { apiVersion: string; kind: string } {
  return { apiVersion: kind.apiVersion, kind: kind.kind };
}

/**
 * Throws CliError `ProfileNotFound` for a `--profile` that neither exists nor is the source of a
 * group in scope (groups of a deleted profile, being withdrawn, still count as found).
 */
export async function checkProfile(client: KubeClient, input: ReportInput): Promise<void> {
  const ref = input.scope.profile;
  if (!ref || input.groups.some((g) => groupHasProfile(g, ref))) return;
  if (await profileExists(client, input.scope)) return;
  const place = ref.kind === 'Profile' ? ` ${where(input.scope.namespace)}` : '';
  throw new CliError('ProfileNotFound', `${ref.kind} "${ref.name}" not found${place}`);
}

/** What `bundles show` looks for: a group by name, or by cluster, profile and feature. */
export interface GroupSelection {
  scope: BundleScope;
  group?: string | undefined;
  feature?: string | undefined;
}

/** A group with everything `bundles show` prints about it. */
export interface GroupWorld {
  group: ConfigurationGroup;
  bundles: ConfigurationBundle[];
  cluster?: SveltosCluster | undefined;
}

function pickOne(groups: ConfigurationGroup[], sel: GroupSelection): ConfigurationGroup {
  const [first, ...rest] = groups;
  if (first && rest.length === 0) return first;
  if (!first) {
    const what = sel.group
      ? `ConfigurationGroup "${sel.group}"`
      : `No ConfigurationGroup for ${describeScope(sel.scope)}${sel.feature ? `, feature ${sel.feature}` : ''}`;
    const message = sel.group
      ? `${what} not found ${where(sel.scope.namespace)}`
      : `${what}: everything has been delivered, or nothing was staged`;
    throw new CliError('GroupNotFound', message);
  }
  const names = groups.map((g) => `${g.metadata.namespace}/${g.metadata.name}`).join(', ');
  const hint = sel.group ? 'give -n NAMESPACE' : 'add --feature';
  throw new CliError('Ambiguous', `${groups.length} ConfigurationGroups match (${names}): ${hint}`);
}

function matches(g: ConfigurationGroup, sel: GroupSelection): boolean {
  if (sel.group !== undefined) return g.metadata.name === sel.group;
  const feature = g.metadata.labels?.[PULL_MODE_REQUESTOR_FEATURE_LABEL];
  if (sel.feature !== undefined && feature !== sel.feature) return false;
  return !sel.scope.profile || groupHasProfile(g, sel.scope.profile);
}

/** Finds the one group `sel` names and reads its bundles and SveltosCluster. */
export async function readGroupWorld(client: KubeClient, sel: GroupSelection): Promise<GroupWorld> {
  const input = await readReportInput(client, sel.scope);
  if (sel.group === undefined) {
    checkCluster(input);
    await checkProfile(client, input);
  }
  const group = pickOne(
    input.groups.filter((g) => matches(g, sel)),
    sel,
  );
  const ns = group.metadata.namespace;
  const clusterName = groupClusterName(group);
  return {
    group,
    bundles: input.bundles.filter((b) => b.metadata.namespace === ns),
    cluster: input.clusters.find(
      (c) => c.metadata.namespace === ns && c.metadata.name === clusterName,
    ),
  };
}
