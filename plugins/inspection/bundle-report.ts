// The model behind `kubectl sveltos bundles`: from the pull-mode SveltosClusters,
// ConfigurationGroups and ConfigurationBundles read on the management cluster, one entry per
// cluster (its agent heartbeat) holding one summary per group (profile, feature, action, bundle
// and resource counts, bytes, hash checks, the status as the agent last reported it for this
// generation). Pure: no client, no clock (the caller passes `now` to the renderers).
import {
  PULL_MODE_CLUSTER_NAME_LABEL,
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
} from '../../api/labels.js';
import type {
  ConfigurationBundle,
  ConfigurationGroup,
  ProfileKind,
  SveltosCluster,
} from '../../api/types/index.js';
import { bundleHashMatches } from '../../lib/bundle-hash.js';

/** `--profile KIND/NAME`. */
export interface ProfileRef {
  kind: ProfileKind;
  name: string;
}

/** What the user asked to see; `namespace` undefined means all namespaces (`-A`). */
export interface BundleScope {
  namespace?: string | undefined;
  cluster?: string | undefined;
  profile?: ProfileRef | undefined;
}

/** One ConfigurationGroup as the table and `-o json` show it. */
export interface GroupSummary {
  namespace: string;
  name: string;
  cluster: string;
  profile?: { kind: string; name: string; namespace?: string | undefined } | undefined;
  requestor: { kind: string; name: string };
  feature: string;
  action: string;
  phase: string;
  /** Items the group lists; `missingBundles` of them do not exist. */
  bundles: number;
  missingBundles: number;
  /** Existing bundles whose content hashes to what the group lists. */
  verifiedBundles: number;
  resources: number;
  sizeBytes: number;
  /** The agent's status for this generation, `Preparing` or `Pending` (not processed yet). */
  status: string;
  failureMessage?: string | undefined;
  generation?: number | undefined;
  observedGeneration?: number | undefined;
  requestorHash?: string | undefined;
  observedRequestorHash?: string | undefined;
  creationTimestamp?: string | undefined;
}

/** A pull-mode cluster and its agent's heartbeat; `registered` false when no SveltosCluster. */
export interface ClusterHeartbeat {
  namespace: string;
  name: string;
  registered: boolean;
  ready: boolean;
  agentLastReportTime?: string | undefined;
  connectionStatus?: string | undefined;
  failureMessage?: string | undefined;
}

/** A cluster with the groups waiting for or being processed by its agent. */
export interface ClusterEntry extends ClusterHeartbeat {
  groups: GroupSummary[];
}

/** The whole answer of `kubectl sveltos bundles`. */
export interface BundleReport {
  scope: BundleScope;
  clusters: ClusterEntry[];
  /** True when no group is in scope: the agents have everything. */
  everythingDelivered: boolean;
}

/** Objects read from the management cluster in the scope's namespace(s). */
export interface ReportInput {
  scope: BundleScope;
  clusters: readonly SveltosCluster[];
  groups: readonly ConfigurationGroup[];
  bundles: readonly ConfigurationBundle[];
}

function key(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** The cluster name a group is for (Sveltos' clustername label). */
export function groupClusterName(group: ConfigurationGroup): string {
  return group.metadata.labels?.[PULL_MODE_CLUSTER_NAME_LABEL] ?? '';
}

/**
 * The status to show: `Preparing` while the controller writes bundles, the agent's reported
 * status when it reflects this generation and requestor hash, else `Pending`.
 */
export function groupStatus(group: ConfigurationGroup): string {
  if (group.spec?.updatePhase === 'Preparing') return 'Preparing';
  const s = group.status;
  const current =
    s?.observedGeneration === group.metadata.generation &&
    s?.observedRequestorHash === group.spec?.requestorHash;
  return s?.status && current ? s.status : 'Pending';
}

/** True when the group's profile is `ref` (by sourceRef). */
export function groupHasProfile(group: ConfigurationGroup, ref: ProfileRef): boolean {
  const source = group.spec?.sourceRef;
  return source?.kind === ref.kind && source.name === ref.name;
}

/** The bundles of a group in item order, each `undefined` when it does not exist. */
export function groupBundles(
  group: ConfigurationGroup,
  index: ReadonlyMap<string, ConfigurationBundle>,
): Array<ConfigurationBundle | undefined> {
  return (group.spec?.configurationItem ?? []).map((item) =>
    index.get(key(item.contentRef?.namespace || group.metadata.namespace, item.contentRef?.name)),
  );
}

/** Bundles keyed by `namespace/name`. */
export function indexBundles(
  bundles: readonly ConfigurationBundle[],
): Map<string, ConfigurationBundle> {
  return new Map(bundles.map((b) => [key(b.metadata.namespace, b.metadata.name), b]));
}

function bundleCounts(
  group: ConfigurationGroup,
  index: ReadonlyMap<string, ConfigurationBundle>,
): Pick<GroupSummary, 'missingBundles' | 'verifiedBundles' | 'resources' | 'sizeBytes'> {
  const items = group.spec?.configurationItem ?? [];
  const counts = { missingBundles: 0, verifiedBundles: 0, resources: 0, sizeBytes: 0 };
  groupBundles(group, index).forEach((bundle, i) => {
    if (!bundle) return void counts.missingBundles++;
    const resources = bundle.spec?.resources ?? [];
    counts.resources += resources.length;
    counts.sizeBytes += resources.reduce((n, r) => n + Buffer.byteLength(r), 0);
    if (bundleHashMatches(resources, items[i]?.hash)) counts.verifiedBundles++;
  });
  return counts;
}

function requestorOf(group: ConfigurationGroup): GroupSummary['requestor'] {
  return {
    kind: group.metadata.labels?.[PULL_MODE_REQUESTOR_KIND_LABEL] ?? '',
    name: group.metadata.annotations?.[PULL_MODE_REQUESTOR_NAME_ANNOTATION] ?? '',
  };
}

function profileOf(group: ConfigurationGroup): GroupSummary['profile'] {
  const source = group.spec?.sourceRef;
  return source?.kind && source.name ? pick(source) : undefined;
}

function generations(
  group: ConfigurationGroup,
): Pick<
  GroupSummary,
  'generation' | 'observedGeneration' | 'requestorHash' | 'observedRequestorHash' | 'failureMessage'
> {
  const status = group.status ?? {};
  return {
    failureMessage: status.failureMessage || undefined,
    generation: group.metadata.generation,
    observedGeneration: status.observedGeneration,
    requestorHash: group.spec?.requestorHash,
    observedRequestorHash: status.observedRequestorHash,
  };
}

/** Summarises one group against the bundles that exist. */
export function summarizeGroup(
  group: ConfigurationGroup,
  index: ReadonlyMap<string, ConfigurationBundle>,
): GroupSummary {
  const spec = group.spec ?? {};
  return {
    namespace: group.metadata.namespace ?? '',
    name: group.metadata.name ?? '',
    cluster: groupClusterName(group),
    profile: profileOf(group),
    requestor: requestorOf(group),
    feature: group.metadata.labels?.[PULL_MODE_REQUESTOR_FEATURE_LABEL] ?? '',
    action: spec.action ?? 'Deploy',
    phase: spec.updatePhase ?? 'Ready',
    bundles: spec.configurationItem?.length ?? 0,
    ...bundleCounts(group, index),
    status: groupStatus(group),
    ...generations(group),
    creationTimestamp: group.metadata.creationTimestamp,
  };
}

function pick(source: { kind?: string; name?: string; namespace?: string }): {
  kind: string;
  name: string;
  namespace?: string;
} {
  const ref = { kind: source.kind ?? '', name: source.name ?? '' };
  return source.namespace ? { ...ref, namespace: source.namespace } : ref;
}

/** The heartbeat view of a SveltosCluster. */
export function heartbeatOf(cluster: SveltosCluster): ClusterHeartbeat {
  const s = cluster.status;
  return {
    namespace: cluster.metadata.namespace ?? '',
    name: cluster.metadata.name ?? '',
    registered: true,
    ready: s?.ready === true,
    agentLastReportTime: s?.agentLastReportTime,
    connectionStatus: s?.connectionStatus,
    failureMessage: s?.failureMessage || undefined,
  };
}

function inScope(group: ConfigurationGroup, scope: BundleScope): boolean {
  if (scope.cluster !== undefined && groupClusterName(group) !== scope.cluster) return false;
  return !scope.profile || groupHasProfile(group, scope.profile);
}

function byName(a: { namespace: string; name: string }, b: typeof a): number {
  return key(a.namespace, a.name).localeCompare(key(b.namespace, b.name));
}

function groupOrder(a: GroupSummary, b: GroupSummary): number {
  const pa = `${a.profile?.kind ?? ''}/${a.profile?.name ?? ''}/${a.feature}/${a.name}`;
  const pb = `${b.profile?.kind ?? ''}/${b.profile?.name ?? ''}/${b.feature}/${b.name}`;
  return pa.localeCompare(pb);
}

/**
 * Builds the report: every pull-mode cluster in scope (even with nothing waiting), plus an
 * unregistered entry for groups whose SveltosCluster is gone; groups filtered by cluster and
 * profile, sorted by profile and feature.
 */
export function buildBundleReport(input: ReportInput): BundleReport {
  const { scope } = input;
  const entries = new Map<string, ClusterEntry>();
  for (const c of input.clusters) {
    if (c.spec?.pullMode !== true) continue;
    if (scope.cluster !== undefined && c.metadata.name !== scope.cluster) continue;
    entries.set(key(c.metadata.namespace, c.metadata.name), { ...heartbeatOf(c), groups: [] });
  }
  const index = indexBundles(input.bundles);
  const groups = input.groups.filter((g) => inScope(g, scope));
  for (const g of groups) {
    const summary = summarizeGroup(g, index);
    const k = key(summary.namespace, summary.cluster);
    let entry = entries.get(k);
    if (!entry) {
      const missing = { namespace: summary.namespace, name: summary.cluster, registered: false };
      entry = { ...missing, ready: false, groups: [] };
      entries.set(k, entry);
    }
    entry.groups.push(summary);
  }
  const clusters = [...entries.values()].sort(byName);
  for (const c of clusters) c.groups.sort(groupOrder);
  return { scope, clusters, everythingDelivered: groups.length === 0 };
}
