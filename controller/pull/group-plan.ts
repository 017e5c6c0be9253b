// Pure planning of pull-mode staging for one (ClusterSummary, feature): the ConfigurationGroup
// and ConfigurationBundles with Sveltos' labels, annotations and owner reference, and how the
// agent's reported group status reads (trusted only when observedGeneration and
// observedRequestorHash match the group). No I/O; the staging executor writes these objects.
// Tests: group-plan.test.ts.
import { createHash } from 'node:crypto';
import { CLUSTER_SUMMARY, CONFIGURATION_BUNDLE, CONFIGURATION_GROUP } from '../../api/gvk.js';
import {
  PULL_MODE_CLUSTER_NAME_LABEL,
  PULL_MODE_INDEX_ANNOTATION,
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
} from '../../api/labels.js';
import type {
  ConfigurationBundleSpec,
  ConfigurationGroupSpec,
  ConfigurationGroupStatus,
  FeatureID,
  Spec,
} from '../../api/types/index.js';
import type { FeatureTarget } from '../features/feature-types.js';

/** Who asks for a group: always the ClusterSummary, per feature (as Sveltos). */
export interface PullRequestor {
  clusterNamespace: string;
  clusterName: string;
  summaryName: string;
  summaryUid: string | undefined;
  feature: FeatureID;
}

/** Metadata of a staged object as read back from the management cluster. */
export interface StagedMeta {
  name: string;
  namespace?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A ConfigurationGroup as listed. */
export interface StagedGroup {
  metadata: StagedMeta;
  spec?: ConfigurationGroupSpec;
  status?: ConfigurationGroupStatus;
}

/** A ConfigurationBundle as listed. */
export interface StagedBundle {
  metadata: StagedMeta;
  spec?: ConfigurationBundleSpec;
}

/** The content of one bundle to stage: YAML resources plus Sveltos' per-bundle fields. */
export interface BundleContent {
  resources: string[];
  /** Helm release fields (helmReleaseName, isLastHelmReleaseBundle …) when from a chart. */
  extra?: Omit<ConfigurationBundleSpec, 'resources'>;
}

/** The requestor of a target's feature. */
export function requestorOf(target: FeatureTarget, feature: FeatureID): PullRequestor {
  return {
    clusterNamespace: target.cluster.metadata.namespace ?? '',
    clusterName: target.cluster.metadata.name ?? '',
    summaryName: target.summary.metadata.name ?? '',
    summaryUid: target.summary.metadata.uid,
    feature,
  };
}

/** Labels on both groups and bundles of a requestor. */
export function stagingLabels(r: PullRequestor): Record<string, string> {
  return {
    [PULL_MODE_CLUSTER_NAME_LABEL]: r.clusterName,
    [PULL_MODE_REQUESTOR_KIND_LABEL]: CLUSTER_SUMMARY.kind,
    [PULL_MODE_REQUESTOR_FEATURE_LABEL]: r.feature,
  };
}

/** Label selector (string form) matching a requestor's groups or bundles. */
export function stagingSelector(r: PullRequestor): string {
  return Object.entries(stagingLabels(r))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** True when the object belongs to this requestor (the name is an annotation, as in Sveltos). */
export function ownedBy(meta: StagedMeta, r: PullRequestor): boolean {
  return meta.annotations?.[PULL_MODE_REQUESTOR_NAME_ANNOTATION] === r.summaryName;
}

/** The requestorHash of a group: the feature hash (hex) as the base64 of its bytes (`byte`). */
export function requestorHashOf(featureHash: string): string {
  const bytes = /^[0-9a-f]+$/i.test(featureHash) && featureHash.length % 2 === 0;
  return (bytes ? Buffer.from(featureHash, 'hex') : Buffer.from(featureHash)).toString('base64');
}

/** requestorHash of a Remove group (stable, distinct from any deploy hash). */
export function removeHashOf(r: PullRequestor): string {
  const h = createHash('sha256').update(`Remove/${r.summaryName}/${r.feature}`);
  return h.digest('base64');
}

function ownerReferences(r: PullRequestor): Record<string, unknown>[] {
  if (!r.summaryUid) return [];
  return [
    {
      apiVersion: CLUSTER_SUMMARY.apiVersion,
      kind: CLUSTER_SUMMARY.kind,
      name: r.summaryName,
      uid: r.summaryUid,
    },
  ];
}

function metadataOf(
  r: PullRequestor,
  name: string,
  annotations: Record<string, string>,
): Record<string, unknown> {
  const owners = ownerReferences(r);
  return {
    name,
    namespace: r.clusterNamespace,
    labels: stagingLabels(r),
    annotations: { [PULL_MODE_REQUESTOR_NAME_ANNOTATION]: r.summaryName, ...annotations },
    ...(owners.length > 0 ? { ownerReferences: owners } : {}),
  };
}

/** The ConfigurationBundle at `index` of a requestor, to be server-side applied. */
export function bundleObject(
  r: PullRequestor,
  name: string,
  index: number,
  content: BundleContent,
): Record<string, unknown> {
  return {
    apiVersion: CONFIGURATION_BUNDLE.apiVersion,
    kind: CONFIGURATION_BUNDLE.kind,
    metadata: metadataOf(r, name, { [PULL_MODE_INDEX_ANNOTATION]: String(index) }),
    spec: { ...content.extra, resources: content.resources },
  };
}

/** What the group carries besides its items. */
export interface GroupSettings {
  action: 'Deploy' | 'Remove';
  requestorHash: string;
  tier: number;
  sourceRef?: { apiVersion: string; kind: string; name: string; namespace?: string };
  /** Profile settings the agent honours (leavePolicies, continueOnError …). */
  profileFields?: Partial<ConfigurationGroupSpec>;
}

/**
 * The profile settings a group carries for the agent, from the summary's profile spec; only
 * the fields the profile sets.
 */
export function profileFieldsOf(
  spec: ProfileSpecFields | undefined,
): Partial<ConfigurationGroupSpec> {
  if (!spec) return {};
  const fields: Partial<ConfigurationGroupSpec> = {
    continueOnConflict: spec.continueOnConflict,
    continueOnError: spec.continueOnError,
    maxConsecutiveFailures: spec.maxConsecutiveFailures,
    driftExclusions: spec.driftExclusions,
    reloader: spec.reloader,
  };
  if (spec.stopMatchingBehavior === 'LeavePolicies') fields.leavePolicies = true;
  if (spec.syncMode === 'ContinuousWithDriftDetection') fields.driftDetection = true;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** The profile spec fields a group copies. */
export type ProfileSpecFields = Pick<
  Spec,
  | 'continueOnConflict'
  | 'continueOnError'
  | 'maxConsecutiveFailures'
  | 'driftExclusions'
  | 'reloader'
  | 'stopMatchingBehavior'
  | 'syncMode'
>;

/** The ConfigurationGroup of a requestor, listing each bundle with its content hash. */
export function groupObject(
  r: PullRequestor,
  name: string,
  items: { bundleName: string; hash: string }[],
  settings: GroupSettings,
): Record<string, unknown> {
  const spec: ConfigurationGroupSpec = {
    ...settings.profileFields,
    action: settings.action,
    updatePhase: 'Ready',
    requestorHash: settings.requestorHash,
    tier: settings.tier,
    ...(settings.sourceRef ? { sourceRef: settings.sourceRef } : {}),
    configurationItem: items.map((i) => ({
      contentRef: {
        apiVersion: CONFIGURATION_BUNDLE.apiVersion,
        kind: CONFIGURATION_BUNDLE.kind,
        name: i.bundleName,
        namespace: r.clusterNamespace,
      },
      hash: i.hash,
    })),
  };
  return {
    apiVersion: CONFIGURATION_GROUP.apiVersion,
    kind: CONFIGURATION_GROUP.kind,
    metadata: metadataOf(r, name, {}),
    spec,
  };
}

/** Index of a staged bundle (its annotation); -1 when absent or malformed. */
export function bundleIndex(b: StagedBundle): number {
  const raw = b.metadata.annotations?.[PULL_MODE_INDEX_ANNOTATION];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/**
 * Names for `count` bundles: the existing bundle of each index is reused (updated in place),
 * missing ones get `fresh()`; `stale` lists existing bundles beyond the new count (or duplicates).
 */
export function assignBundleNames(
  existing: readonly StagedBundle[],
  count: number,
  fresh: () => string,
): { names: string[]; stale: string[] } {
  const byIndex = new Map<number, string>();
  const stale: string[] = [];
  for (const b of existing) {
    const i = bundleIndex(b);
    if (i < 0 || i >= count || byIndex.has(i)) stale.push(b.metadata.name);
    else byIndex.set(i, b.metadata.name);
  }
  const names = Array.from({ length: count }, (_, i) => byIndex.get(i) ?? fresh());
  return { names, stale };
}

/** How the agent's report on a group reads for the controller. */
export type GroupState =
  | { kind: 'absent' }
  | { kind: 'other'; why: string }
  | { kind: 'pending' }
  | { kind: 'provisioned'; deployedGroupVersionKind: string[] }
  | { kind: 'removed' }
  | { kind: 'failed'; message: string };

/**
 * Classifies a group against the action and requestorHash the controller wants. The status is
 * believed only when the agent observed this generation and this requestorHash.
 */
export function classifyGroup(
  group: StagedGroup | undefined,
  want: { action: 'Deploy' | 'Remove'; requestorHash: string },
): GroupState {
  if (!group) return { kind: 'absent' };
  const why = staleReason(group.spec ?? {}, want);
  if (why) return { kind: 'other', why };
  const s = group.status;
  const trusted =
    !!s?.status &&
    s.observedGeneration === group.metadata.generation &&
    s.observedRequestorHash === group.spec?.requestorHash;
  return trusted ? reportedState(s) : { kind: 'pending' };
}

/** Why a group does not (yet) carry what the controller wants ('' = it does). */
function staleReason(
  spec: ConfigurationGroupSpec,
  want: { action: 'Deploy' | 'Remove'; requestorHash: string },
): string {
  if ((spec.action ?? 'Deploy') !== want.action) return 'action differs';
  if (spec.requestorHash !== want.requestorHash) return 'requestorHash differs';
  if ((spec.updatePhase ?? 'Ready') !== 'Ready') return 'group is being prepared';
  return '';
}

function reportedState(s: ConfigurationGroupStatus): GroupState {
  switch (s.status) {
    case 'Provisioned':
      return { kind: 'provisioned', deployedGroupVersionKind: s.deployedGroupVersionKind ?? [] };
    case 'Removed':
      return { kind: 'removed' };
    case 'Failed':
    case 'FailedNonRetriable':
      return { kind: 'failed', message: s.failureMessage ?? `agent reported ${s.status}` };
    default:
      return { kind: 'pending' };
  }
}
