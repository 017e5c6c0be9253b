// The contract between the ClusterSummary reconciler (core) and the feature resolvers and
// deliverers (push: controller/push, pull: controller/pull). Types only: no I/O, no logic.
// The reconciler resolves each feature to a DesiredFeature, decides with determineFeatureState
// whether to deliver, and records the FeatureOutcome in ClusterSummary status.
import type {
  ClusterSummary,
  FeatureID,
  FeatureStatus,
  HelmChartAction,
  HelmChartSummary,
  HelmOptions,
  ProfileKind,
  SveltosCluster,
} from '../../api/types/index.js';
import type { KubeObject } from '../../lib/kube-client.js';
import type { ControllerContext } from '../context.js';

export type { FeatureID, FeatureStatus };

/** Where one feature goes: the summary being reconciled, its cluster and its owner profile. */
export interface FeatureTarget {
  summary: ClusterSummary;
  cluster: SveltosCluster;
  profileKind: ProfileKind;
  profileName: string;
  /** The profile's tier (default 100); lower wins a conflict. */
  tier: number;
}

/**
 * A Helm chart with everything resolved: repository URL after mirror rewriting, values merged
 * from `values` and `valuesFrom` into one YAML document.
 */
export interface ResolvedHelmChart {
  repositoryURL: string;
  repositoryName: string;
  chartName: string;
  chartVersion: string;
  releaseName: string;
  releaseNamespace: string;
  /** Merged values as YAML ('' when none). */
  values: string;
  helmChartAction: HelmChartAction;
  options?: HelmOptions;
}

/** What one feature must deploy, computed by the push developer's `resolveFeature()`. */
export interface DesiredFeature {
  feature: FeatureID;
  /** sha256 over every input that changes what is deployed. */
  hash: string;
  /** Resources: rendered objects with owner labels/annotations applied. */
  objects?: KubeObject[];
  /** Helm: chart + version + merged values (+ repository after mirror rewrite). */
  charts?: ResolvedHelmChart[];
}

/** What a deliverer did with a feature; recorded as that feature's FeatureSummary. */
export interface FeatureOutcome {
  /** Provisioning | Provisioned | Failed | FailedNonRetriable | Removing | Removed | AgentRemoving. */
  status: FeatureStatus;
  failureMessage?: string;
  helmReleaseSummaries?: HelmChartSummary[];
  /** Kinds deployed, as `Kind.version.group`. */
  deployedGroupVersionKind?: string[];
  /** Ask to be called again after this delay (e.g. pull mode waits for the agent). */
  requeueAfterMs?: number;
  /**
   * Failed only because another profile holds what this one wants (a tier conflict): retried,
   * but never turned FailedNonRetriable, since the winner may withdraw at any time.
   */
  conflict?: boolean;
}

/**
 * Delivers features to one kind of cluster (push: dials the cluster; pull: stages bundles).
 * Implementations throw NonRetriableError (lib/reconcile-result.ts) for failures no retry can
 * fix, any other error for retriable ones, or return a Failed/FailedNonRetriable outcome.
 */
export interface FeatureDeliverer {
  deploy(
    target: FeatureTarget,
    desired: DesiredFeature,
    ctx: ControllerContext,
  ): Promise<FeatureOutcome>;
  withdraw(
    target: FeatureTarget,
    feature: FeatureID,
    ctx: ControllerContext,
  ): Promise<FeatureOutcome>;
}

/**
 * Computes a feature's DesiredFeature (`resolveFeature` in controller/features/resolve-feature.ts).
 * Throws NonRetriableError for a spec that can never deploy, other errors for transient ones.
 */
export type FeatureResolver = (
  target: FeatureTarget,
  feature: FeatureID,
  ctx: ControllerContext,
) => Promise<DesiredFeature> | DesiredFeature;
