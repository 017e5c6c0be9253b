// What to do with one Helm chart of a ClusterSummary in one cluster, from the desired chart,
// the release as helm reports it, its current user values and the ownership decision:
// install, upgrade (with the reason), skip (already deployed as wanted), uninstall, or report a
// conflict. Also the helmReleaseSummaries entry. Pure. Tests: helm-plan.test.ts.
import type { HelmChartSummary } from '../../api/types/index.js';
import { chartReference } from '../../lib/helm-args.js';
import type { HelmRelease } from '../../lib/helm-cli.js';
import type { ResolvedHelmChart } from '../features/feature-types.js';
import { canonicalJson, hashOf } from '../features/feature-hash.js';
import { parseValues } from '../features/helm-values.js';
import type { OwnershipDecision } from './ownership-predicates.js';

export type ChartAction =
  | { kind: 'install' }
  | { kind: 'upgrade'; why: string }
  | { kind: 'skip' }
  | { kind: 'uninstall' }
  | { kind: 'absent' }
  | { kind: 'conflict'; message: string }
  | { kind: 'reinstall'; why: string }
  | { kind: 'blocked'; message: string };

/** Pending states a helm process leaves behind when it dies in the middle of an operation. */
const INTERRUPTED = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);

/** `kyverno/kyverno-latest`: how a release is named in messages. */
export function releaseLabel(chart: { releaseName: string; releaseNamespace: string }): string {
  return `${chart.releaseNamespace}/${chart.releaseName}`;
}

/** The chart's own name (what helm reports), from `repo/chart` or an OCI reference. */
export function bareChartName(chart: ResolvedHelmChart): string {
  const ref = chartReference(chart.repositoryURL, chart.chartName).chart;
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** True when helm must be asked for the release's values to decide (same chart, deployed). */
export function needsValues(chart: ResolvedHelmChart, release: HelmRelease | undefined): boolean {
  return (
    chart.helmChartAction === 'Install' &&
    release?.status === 'deployed' &&
    release.chartName === bareChartName(chart) &&
    release.chartVersion === chart.chartVersion
  );
}

/** Decides the action for one chart. `values` are the release's user values when fetched. */
export function planChart(
  chart: ResolvedHelmChart,
  ownership: OwnershipDecision,
  release: HelmRelease | undefined,
  values: Record<string, unknown> | undefined,
): ChartAction {
  if (ownership.action === 'conflict') {
    return { kind: 'conflict', message: `Helm release ${releaseLabel(chart)} is ${ownership.why}` };
  }
  if (chart.helmChartAction === 'Uninstall')
    return release ? { kind: 'uninstall' } : { kind: 'absent' };
  if (!release) return { kind: 'install' };
  if (INTERRUPTED.has(release.status)) return recoverInterrupted(chart, release);
  const why = upgradeReason(chart, release, values);
  return why ? { kind: 'upgrade', why } : { kind: 'skip' };
}

/**
 * A release left pending by a helm that died mid-operation (a crashed or killed controller: only
 * the leader runs helm, one operation per release at a time), which helm itself refuses to touch
 * ("another operation is in progress"). An interrupted first install is uninstalled and installed
 * again; an interrupted upgrade or rollback is reported with the command that recovers it.
 */
function recoverInterrupted(chart: ResolvedHelmChart, release: HelmRelease): ChartAction {
  if (release.status === 'pending-install' && release.revision <= 1) {
    return { kind: 'reinstall', why: 'its first install was interrupted (pending-install)' };
  }
  return {
    kind: 'blocked',
    message: `Helm release ${releaseLabel(chart)} is ${release.status} after an interrupted helm operation: run "helm rollback ${chart.releaseName} -n ${chart.releaseNamespace}" to recover it`,
  };
}

/** Why a deployed release differs from the chart ('' when it does not). */
export function upgradeReason(
  chart: ResolvedHelmChart,
  release: HelmRelease,
  values: Record<string, unknown> | undefined,
): string {
  if (release.status !== 'deployed') return `release is ${release.status}`;
  const name = bareChartName(chart);
  if (release.chartName !== name) return `chart ${release.chartName} → ${name}`;
  if (release.chartVersion !== chart.chartVersion) {
    return `version ${release.chartVersion} → ${chart.chartVersion}`;
  }
  if (values === undefined) return 'values unknown';
  const wanted = parseValues(chart.values, 'values');
  return canonicalJson(values) === canonicalJson(wanted) ? '' : 'values changed';
}

/** The helmReleaseSummaries entry of a chart; `repoURL` is the user's (pre-mirror) URL. */
export function chartSummary(
  chart: ResolvedHelmChart,
  repoURL: string,
  conflictMessage?: string,
): HelmChartSummary {
  return {
    releaseName: chart.releaseName,
    releaseNamespace: chart.releaseNamespace,
    status: conflictMessage ? 'Conflict' : 'Managing',
    ...(conflictMessage ? { conflictMessage } : {}),
    chartName: chart.chartName,
    chartVersion: chart.chartVersion,
    repoURL,
    repositoryName: chart.repositoryName,
    valuesHash: hashOf(parseValues(chart.values, 'values')),
  };
}
