// Executes the Helm feature in a push-mode cluster with the helm CLI: per chart, settle who
// owns the release (release-ownership.ts + the tier rule), read what is deployed from helm's
// own storage (helm-release-reader.ts; the CLI as fallback), then install / upgrade / skip /
// uninstall as helm-plan.ts decides — one helm process per install — and believe success only
// when helm reports the release `deployed`. Releases this summary owned and no longer wants are
// uninstalled; withdrawal uninstalls all it owns. Tests: push-helm.test.ts (lab).
import type { HelmChartSummary } from '../../api/types/index.js';
import { createsNamespace, upgradeOptionArgs, uninstallOptionArgs } from '../../lib/helm-args.js';
import { HelmError } from '../../lib/helm-cli.js';
import type { HelmCli, HelmRelease } from '../../lib/helm-cli.js';
import type { ControllerContext } from '../context.js';
import type {
  DesiredFeature,
  FeatureOutcome,
  FeatureTarget,
  ResolvedHelmChart,
} from '../features/feature-types.js';
import { describeOwner, ownerOfTarget, sameOwner } from '../features/owner-labels.js';
import type { FeatureOwner } from '../features/owner-labels.js';
import type { ManagedAccess } from './cluster-access.js';
import { readStoredRelease } from './helm-release-reader.js';
import { chartSummary, needsValues, planChart, releaseLabel } from './helm-plan.js';
import type { ChartAction } from './helm-plan.js';
import { decideOwnership, ownerLiveness } from './ownership-predicates.js';
import { handOver } from './previous-owner.js';
import type { OwnershipDecision } from './ownership-predicates.js';
import { deleteRecord, listOwnedReleases, readRecord, writeRecord } from './release-ownership.js';
import type { ReleaseRecord, ReleaseRef } from './release-ownership.js';

/** What the Helm executor needs besides the cluster. */
export interface HelmDeps {
  ctx: ControllerContext;
  helm: HelmCli;
}

interface ChartResult {
  summary: HelmChartSummary;
  failure?: string;
}

/** True when every failure is a conflict with another owner (see FeatureOutcome.conflict). */
function onlyConflicts(results: readonly ChartResult[]): boolean {
  const failed = results.filter((r) => r.failure);
  return failed.length > 0 && failed.every((r) => r.summary.status === 'Conflict');
}

interface ChartJob {
  access: ManagedAccess;
  target: FeatureTarget;
  chart: ResolvedHelmChart;
  me: FeatureOwner;
}

/**
 * Deploys every chart in order. Provisioned only when each release is deployed (or
 * uninstalled) as wanted; otherwise Failed with helm's own messages and conflicts joined.
 */
export async function deployHelm(
  access: ManagedAccess,
  target: FeatureTarget,
  desired: DesiredFeature,
  deps: HelmDeps,
): Promise<FeatureOutcome> {
  const me = ownerOfTarget(target);
  const charts = desired.charts ?? [];
  const results: ChartResult[] = [];
  for (const chart of charts) results.push(await deployChart({ access, target, chart, me }, deps));
  await uninstallStale(access, target, { me, charts }, deps);
  const failures = results.flatMap((r) => (r.failure ? [r.failure] : []));
  const helmReleaseSummaries = results.map((r) => r.summary);
  if (failures.length > 0) {
    return {
      status: 'Failed',
      failureMessage: failures.join('; '),
      helmReleaseSummaries,
      ...(onlyConflicts(results) ? { conflict: true } : {}),
    };
  }
  return { status: 'Provisioned', helmReleaseSummaries };
}

/** Uninstalls every release this summary owns; Removed when all are gone. */
export async function withdrawHelm(
  access: ManagedAccess,
  target: FeatureTarget,
  deps: HelmDeps,
): Promise<FeatureOutcome> {
  const me = ownerOfTarget(target);
  for (const ref of await listOwnedReleases(access.apply, me)) {
    await uninstallRelease(access, target, ref, deps);
  }
  return { status: 'Removed' };
}

async function deployChart(job: ChartJob, deps: HelmDeps): Promise<ChartResult> {
  const { access, chart } = job;
  const record = await readRecord(access.apply, chart);
  const decision = ownershipOf(job, record, deps.ctx);
  const observed = decision.action === 'conflict' ? undefined : await observe(job, deps);
  const action = planChart(chart, decision, observed?.release, observed?.values);
  const repoURL = userRepositoryURL(job.target, chart);
  if (action.kind === 'conflict') {
    deps.ctx.events.warning(job.target.summary, 'HelmReleaseConflict', action.message);
    return { summary: chartSummary(chart, repoURL, action.message), failure: action.message };
  }
  const failure = await runAction(job, { action, record, decision }, deps);
  if (!failure && decision.action === 'takeover') {
    await handOver(
      deps.ctx,
      decision.previous,
      'Helm',
      `Helm release ${releaseLabel(chart)} in cluster ${access.key} is now managed by ${describeOwner(job.me)} (${decision.why})`,
    );
  }
  return { summary: chartSummary(chart, repoURL), ...(failure ? { failure } : {}) };
}

/**
 * The release and (when the plan compares them) its values: from helm's Secret storage over the
 * kept-alive connection, or from the helm CLI when that storage cannot be decoded.
 */
async function observe(
  job: ChartJob,
  deps: HelmDeps,
): Promise<{ release?: HelmRelease; values?: Record<string, unknown> }> {
  const { access, chart } = job;
  const ref = { name: chart.releaseName, namespace: chart.releaseNamespace };
  const stored = await readStoredRelease(access.apply, ref);
  if (stored) {
    if (!stored.release) return {};
    return needsValues(chart, stored.release) ? stored : { release: stored.release };
  }
  const release = await deps.helm.status(access.helm, ref);
  if (!release) return {};
  if (!needsValues(chart, release)) return { release };
  return { release, values: await deps.helm.getValues(access.helm, ref) };
}

function ownershipOf(
  job: ChartJob,
  record: ReleaseRecord | undefined,
  ctx: ControllerContext,
): OwnershipDecision {
  const owner = record?.owner;
  const live =
    owner && !sameOwner(owner, job.me)
      ? ownerLiveness(owner, ctx.stores.summaries, job.access.cluster)
      : '';
  return decideOwnership(job.me, owner, live);
}

interface Step {
  action: Exclude<ChartAction, { kind: 'conflict' }>;
  record: ReleaseRecord | undefined;
  decision: OwnershipDecision;
}

/** Runs the action; returns '' on success or the failure message. */
async function runAction(job: ChartJob, step: Step, deps: HelmDeps): Promise<string> {
  const { access, chart, target } = job;
  switch (step.action.kind) {
    case 'install':
    case 'upgrade':
      await writeRecordIfNeeded(job, step);
      return installChart(job, step.action, deps);
    case 'skip':
      await writeRecordIfNeeded(job, step);
      return '';
    case 'uninstall':
      await uninstallRelease(access, target, chart, deps);
      return '';
    case 'reinstall':
      return reinstallChart(job, { ...step, why: step.action.why }, deps);
    case 'blocked':
      return step.action.message;
    default:
      await deleteRecord(access.apply, chart, job.me);
      return '';
  }
}

/** Uninstalls a release whose first install was interrupted, then installs it afresh. */
async function reinstallChart(
  job: ChartJob,
  step: Step & { why: string },
  deps: HelmDeps,
): Promise<string> {
  const { access, chart, target } = job;
  const release = { name: chart.releaseName, namespace: chart.releaseNamespace };
  await deps.helm.uninstall(access.helm, release, uninstallOptionArgs(chart.options));
  deps.ctx.events.warning(
    target.summary,
    'HelmReleaseRecovered',
    `Uninstalled Helm release ${releaseLabel(chart)} because ${step.why}; installing it again`,
  );
  await writeRecordIfNeeded(job, step);
  return installChart(job, { kind: 'install' }, deps);
}

async function writeRecordIfNeeded(job: ChartJob, step: Step): Promise<void> {
  if (step.decision.action === 'keep' && step.record?.owner?.tier === job.me.tier) return;
  await writeRecord(job.access.apply, job.chart, job.me, step.record);
}

async function installChart(
  job: ChartJob,
  action: { kind: 'install' } | { kind: 'upgrade'; why: string },
  deps: HelmDeps,
): Promise<string> {
  const { access, chart, target } = job;
  const verb = action.kind === 'install' ? 'install' : 'upgrade';
  const what = `Helm chart ${chart.chartName} ${chart.chartVersion} (release ${releaseLabel(chart)})`;
  let release: HelmRelease;
  try {
    release = await deps.helm.upgradeInstall({
      ...access.helm,
      releaseName: chart.releaseName,
      namespace: chart.releaseNamespace,
      chart: chart.chartName,
      repoURL: chart.repositoryURL,
      version: chart.chartVersion,
      valuesYaml: chart.values,
      createNamespace: createsNamespace(chart.options),
      extraArgs: upgradeOptionArgs(chart.options),
    });
  } catch (err) {
    if (!(err instanceof HelmError)) throw err;
    const message = `Failed to ${verb} ${what}: ${err.message}`;
    deps.ctx.events.warning(target.summary, 'HelmReleaseFailed', message);
    return message;
  }
  return confirmDeployed(
    job,
    { verb, what, why: action.kind === 'upgrade' ? action.why : '', release },
    deps,
  );
}

/**
 * Success only when helm itself reports the release deployed: the release `helm upgrade
 * --install --output json` printed after the command (no second helm process to ask again).
 */
function confirmDeployed(
  job: ChartJob,
  done: { verb: string; what: string; why: string; release: HelmRelease },
  deps: HelmDeps,
): string {
  const { chart, target } = job;
  const { release } = done;
  if (release.status !== 'deployed') {
    const state = `${release.status}${release.description ? `: ${release.description}` : ''}`;
    const message = `Helm release ${releaseLabel(chart)} is ${state} after ${done.verb}`;
    deps.ctx.events.warning(target.summary, 'HelmReleaseFailed', message);
    return message;
  }
  const reason = done.verb === 'install' ? 'HelmReleaseInstalled' : 'HelmReleaseUpgraded';
  const why = done.why ? ` (${done.why})` : '';
  deps.ctx.events.normal(
    target.summary,
    reason,
    `${done.verb === 'install' ? 'Installed' : 'Upgraded'} ${done.what}, revision ${release.revision}${why}`,
  );
  return '';
}

async function uninstallRelease(
  access: ManagedAccess,
  target: FeatureTarget,
  ref: ReleaseRef & { options?: ResolvedHelmChart['options'] },
  deps: HelmDeps,
): Promise<void> {
  const me = ownerOfTarget(target);
  const release = { name: ref.releaseName, namespace: ref.releaseNamespace };
  const removed = await deps.helm.uninstall(access.helm, release, uninstallOptionArgs(ref.options));
  await deleteRecord(access.apply, ref, me);
  if (removed) {
    deps.ctx.events.normal(
      target.summary,
      'HelmReleaseUninstalled',
      `Uninstalled Helm release ${releaseLabel(ref)}`,
    );
  }
}

/** Releases this summary owns that none of its charts names any more are uninstalled. */
async function uninstallStale(
  access: ManagedAccess,
  target: FeatureTarget,
  wanted: { me: FeatureOwner; charts: readonly ResolvedHelmChart[] },
  deps: HelmDeps,
): Promise<void> {
  const keep = new Set(wanted.charts.map(releaseLabel));
  for (const ref of await listOwnedReleases(access.apply, wanted.me)) {
    if (!keep.has(releaseLabel(ref))) await uninstallRelease(access, target, ref, deps);
  }
}

/** The repository URL as the profile wrote it (status shows it, not the mirror). */
function userRepositoryURL(target: FeatureTarget, chart: ResolvedHelmChart): string {
  const spec = target.summary.spec?.clusterProfileSpec?.helmCharts ?? [];
  const match = spec.find(
    (c) => c.releaseName === chart.releaseName && c.releaseNamespace === chart.releaseNamespace,
  );
  return match?.repositoryURL ?? chart.repositoryURL;
}
