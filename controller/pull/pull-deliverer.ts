// The FeatureDeliverer for pull-mode clusters: never dials the cluster, stages one
// ConfigurationGroup and its ConfigurationBundles per (ClusterSummary, feature) for the agent,
// and turns the agent's trusted report into the feature's outcome (Provisioned → staging
// deleted; Failed → group deleted so core's retry restages it; otherwise Provisioning with a
// safety-net requeue — group-watch.ts wakes the summary as soon as the agent reports).
// Withdrawal stages a Remove group. Idempotent: called again every requeue.
// Tests: group-plan/helm-manifests/render-cache unit tests, test/e2e/pull-controller*.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLUSTER_PROFILE, PROFILE } from '../../api/gvk.js';
import type { FeatureID, HelmChartSummary } from '../../api/types/index.js';
import { HelmCli } from '../../lib/helm-cli.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import type { ControllerContext } from '../context.js';
import { hashOf } from '../features/feature-hash.js';
import type {
  DesiredFeature,
  FeatureDeliverer,
  FeatureOutcome,
  FeatureTarget,
} from '../features/feature-types.js';
import { failedOutcome, summaryKey } from '../features/feature-outcome.js';
import { parseValues } from '../features/helm-values.js';
import { BundleTooLargeError, splitIntoBundles } from './bundle-split.js';
import {
  classifyGroup,
  profileFieldsOf,
  removeHashOf,
  requestorHashOf,
  requestorOf,
} from './group-plan.js';
import type { BundleContent, GroupSettings, GroupState, StagedGroup } from './group-plan.js';
import { renderCharts } from './helm-render.js';
import { RenderCache } from './render-cache.js';
import { clearStaging, deleteGroup, readGroup, stageGroup } from './staging-executor.js';

export interface PullDelivererOptions {
  /** Safety-net delay before reading the group again (default 10 s; group-watch.ts reacts first). */
  requeueAfterMs?: number;
  /**
   * The same while the cluster is not ready (its agent's heartbeat is stale; default 30 s):
   * core reconciles the cluster's summaries anyway when it turns ready again.
   */
  idleRequeueAfterMs?: number;
  /** Rendered charts kept in memory (default 64). */
  renderCacheEntries?: number;
  /** helm binary (default resolveHelmBinary()). */
  helmBinary?: string;
  /** Environment helm may see (PATH, proxies). */
  env?: Record<string, string | undefined>;
}

/** The pull deliverer; `close()` removes its private helm directory. */
export interface PullDeliverer extends FeatureDeliverer {
  close(): void;
}

interface Deps {
  helm: HelmCli;
  cache: RenderCache;
  requeueAfterMs: number;
  idleRequeueAfterMs: number;
}

/** Builds the pull deliverer (one per controller process). */
export function createPullDeliverer(opts: PullDelivererOptions = {}): PullDeliverer {
  const home = mkdtempSync(join(tmpdir(), 'sveltos-pull-helm-'));
  const deps: Deps = {
    helm: new HelmCli({
      homeDir: home,
      ...(opts.helmBinary ? { binary: opts.helmBinary } : {}),
      env: opts.env ?? { PATH: process.env.PATH },
    }),
    cache: new RenderCache(opts.renderCacheEntries ?? 64),
    requeueAfterMs: opts.requeueAfterMs ?? 10_000,
    idleRequeueAfterMs: opts.idleRequeueAfterMs ?? 30_000,
  };
  return {
    deploy: (target, desired, ctx) =>
      guarded(target, desired.feature, ctx, () => deploy(target, desired, ctx, deps)),
    withdraw: (target, feature, ctx) =>
      guarded(target, feature, ctx, () => withdraw(target, feature, ctx, deps)),
    close: () => rmSync(home, { recursive: true, force: true }),
  };
}

function settingsOf(
  target: FeatureTarget,
  action: 'Deploy' | 'Remove',
  requestorHash: string,
): GroupSettings {
  const profile = target.profileKind === 'Profile' ? PROFILE : CLUSTER_PROFILE;
  return {
    action,
    requestorHash,
    tier: target.tier,
    profileFields: profileFieldsOf(target.summary.spec?.clusterProfileSpec),
    sourceRef: {
      apiVersion: profile.apiVersion,
      kind: profile.kind,
      name: target.profileName,
      ...(target.profileKind === 'Profile'
        ? { namespace: target.summary.metadata.namespace ?? '' }
        : {}),
    },
  };
}

async function deploy(
  target: FeatureTarget,
  desired: DesiredFeature,
  ctx: ControllerContext,
  deps: Deps,
): Promise<FeatureOutcome> {
  const r = requestorOf(target, desired.feature);
  const requestorHash = requestorHashOf(desired.hash);
  const group = await readGroup(ctx.mgmt.http, r);
  const state = classifyGroup(group, { action: 'Deploy', requestorHash });
  const helm = helmSummaries(target, desired);
  const clear = (): Promise<void> => clearStaging(ctx.mgmt.http, r, group);
  const settled = await settle(state, { feature: r.feature, group, ctx, clear });
  if (settled) return { ...settled, ...helm };
  if (state.kind !== 'pending') {
    const contents = await contentsOf(target, desired, ctx, deps);
    const staged = await stageGroup(ctx.mgmt.http, r, contents, {
      ...settingsOf(target, 'Deploy', requestorHash),
    });
    ctx.logger.info('Staged ConfigurationGroup', {
      namespace: r.clusterNamespace,
      name: staged.groupName,
      summary: r.summaryName,
      feature: r.feature,
      bundles: staged.bundleBytes.length,
      bytes: staged.bundleBytes.reduce((a, b) => a + b, 0),
    });
  }
  return { status: 'Provisioning', requeueAfterMs: agentWaitMs(target, deps), ...helm };
}

async function withdraw(
  target: FeatureTarget,
  feature: FeatureID,
  ctx: ControllerContext,
  deps: Deps,
): Promise<FeatureOutcome> {
  const r = requestorOf(target, feature);
  const requestorHash = removeHashOf(r);
  const group = await readGroup(ctx.mgmt.http, r);
  const state = classifyGroup(group, { action: 'Remove', requestorHash });
  const clear = (): Promise<void> => clearStaging(ctx.mgmt.http, r, group);
  const settled = await settle(state, { feature, group, ctx, clear });
  if (settled) return feature === 'Helm' ? { ...settled, helmReleaseSummaries: [] } : settled;
  if (state.kind !== 'pending') {
    await stageGroup(ctx.mgmt.http, r, [], settingsOf(target, 'Remove', requestorHash));
  }
  return { status: 'Removing', requeueAfterMs: agentWaitMs(target, deps) };
}

/** How long to wait for the agent: short while its heartbeat is fresh, long otherwise. */
function agentWaitMs(target: FeatureTarget, deps: Deps): number {
  if (target.cluster.status?.ready === true) return deps.requeueAfterMs;
  return Math.max(deps.requeueAfterMs, deps.idleRequeueAfterMs);
}

/** What settle needs: the group read, the context and how to clear the staging. */
interface SettleInput {
  feature: FeatureID;
  group: StagedGroup | undefined;
  ctx: ControllerContext;
  clear: () => Promise<void>;
}

/**
 * The outcome of a group the agent finished with: done → staging cleared; failed → the group
 * is deleted (bundles stay) so that core's retry restages it and the agent tries again. The
 * deploy latency metric gets the group's age (staged → reported).
 */
async function settle(state: GroupState, input: SettleInput): Promise<FeatureOutcome | undefined> {
  const { group, ctx } = input;
  const observe = (result: 'success' | 'failure'): void => {
    const created = Date.parse(group?.metadata.creationTimestamp ?? '');
    if (!Number.isNaN(created)) {
      ctx.metrics.observeDeploy(input.feature, result, Math.max(0, ctx.clock.now() - created));
    }
  };
  switch (state.kind) {
    case 'provisioned':
      await input.clear();
      observe('success');
      return { status: 'Provisioned', deployedGroupVersionKind: state.deployedGroupVersionKind };
    case 'removed':
      await input.clear();
      observe('success');
      return { status: 'Removed', deployedGroupVersionKind: [] };
    case 'failed':
      if (group) await deleteGroup(ctx.mgmt.http, group);
      observe('failure');
      return { status: 'Failed', failureMessage: `Agent reported: ${state.message}` };
    default:
      return undefined;
  }
}

async function contentsOf(
  target: FeatureTarget,
  desired: DesiredFeature,
  ctx: ControllerContext,
  deps: Deps,
): Promise<BundleContent[]> {
  const maxBytes = ctx.options.bundleMaxBytes;
  try {
    if (desired.feature === 'Helm') {
      return await renderCharts(desired.charts ?? [], target.cluster, { ...deps, maxBytes });
    }
    return splitIntoBundles(desired.objects ?? [], maxBytes).map((resources) => ({ resources }));
  } catch (err) {
    if (err instanceof BundleTooLargeError) {
      throw new NonRetriableError('BundleTooLarge', `${desired.feature}: ${err.message}`);
    }
    throw err;
  }
}

function helmSummaries(
  target: FeatureTarget,
  desired: DesiredFeature,
): { helmReleaseSummaries?: HelmChartSummary[] } {
  if (desired.feature !== 'Helm') return {};
  const spec = target.summary.spec?.clusterProfileSpec?.helmCharts ?? [];
  const summaries = (desired.charts ?? [])
    .filter((c) => c.helmChartAction !== 'Uninstall')
    .map((c) => ({
      releaseName: c.releaseName,
      releaseNamespace: c.releaseNamespace,
      status: 'Managing' as const,
      chartName: c.chartName,
      chartVersion: c.chartVersion,
      repoURL:
        spec.find(
          (s) => s.releaseName === c.releaseName && s.releaseNamespace === c.releaseNamespace,
        )?.repositoryURL ?? c.repositoryURL,
      repositoryName: c.repositoryName,
      valuesHash: hashOf(parseValues(c.values, 'values')),
    }));
  return { helmReleaseSummaries: summaries };
}

/**
 * Runs one delivery: a thrown error becomes a Failed outcome (and a failure in the deploy
 * metric); log and Event on every failure.
 */
async function guarded(
  target: FeatureTarget,
  feature: FeatureID,
  ctx: ControllerContext,
  work: () => Promise<FeatureOutcome>,
): Promise<FeatureOutcome> {
  const started = ctx.clock.now();
  const outcome = await work().catch((err: unknown) => {
    ctx.metrics.observeDeploy(feature, 'failure', ctx.clock.now() - started);
    return failedOutcome(err);
  });
  if (outcome.status === 'Provisioned' || outcome.status === 'Removed') {
    ctx.logger.info(`Delivered ${feature} through the agent`, {
      summary: summaryKey(target),
      status: outcome.status,
    });
  }
  if (outcome.status === 'Failed' || outcome.status === 'FailedNonRetriable') {
    ctx.logger.warn(`Failed to deliver ${feature} through the agent`, {
      summary: summaryKey(target),
      status: outcome.status,
      failureMessage: outcome.failureMessage,
    });
    ctx.events.warning(
      target.summary,
      `${feature}Failed`,
      outcome.failureMessage ?? outcome.status,
    );
  }
  return outcome;
}
