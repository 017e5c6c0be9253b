// Pure parts of the helm CLI wrapper: how a Sveltos chart (repositoryURL + chartName) becomes
// helm's chart argument, Sveltos HelmOptions as helm 4 flags, and the parsing of helm's JSON
// output and error text. No processes here. Tests: helm-args.test.ts.
import type { HelmOptions } from '../api/types/index.js';

/** The chart argument and `--repo` of a chart, as helm wants them. */
export interface ChartReference {
  chart: string;
  repo?: string;
}

/**
 * `oci://registry/path/chart` for OCI charts (chartName may already be the full reference);
 * otherwise the bare chart name (`kyverno/kyverno` → `kyverno`) with `--repo URL`.
 */
export function chartReference(repoURL: string, chartName: string): ChartReference {
  if (chartName.startsWith('oci://')) return { chart: chartName };
  const bare = chartName.slice(chartName.lastIndexOf('/') + 1);
  if (repoURL.startsWith('oci://')) return { chart: `${repoURL.replace(/\/+$/, '')}/${bare}` };
  return { chart: bare, repo: repoURL };
}

/** [option name (documentation only), how to read it, the helm flag]. */
type FlagRule = [string, (o: HelmOptions) => unknown, string];

/** Boolean options and the flag each turns on. */
const BOOLEAN_FLAGS: FlagRule[] = [
  ['wait', (o) => o.wait, '--wait'],
  ['waitForJobs', (o) => o.waitForJobs, '--wait-for-jobs'],
  ['atomic', (o) => o.atomic, '--rollback-on-failure'],
  ['disableOpenAPIValidation', (o) => o.disableOpenAPIValidation, '--disable-openapi-validation'],
  ['skipCRDs', (o) => o.skipCRDs, '--skip-crds'],
  ['skipSchemaValidation', (o) => o.skipSchemaValidation, '--skip-schema-validation'],
  ['dependencyUpdate', (o) => o.dependencyUpdate, '--dependency-update'],
  ['passCredentialsAll', (o) => o.passCredentialsAll, '--pass-credentials'],
  ['cleanupOnFail', (o) => o.upgradeOptions?.cleanupOnFail, '--cleanup-on-fail'],
  ['force', (o) => o.upgradeOptions?.force, '--force-replace'],
  ['resetValues', (o) => o.upgradeOptions?.resetValues, '--reset-values'],
  ['reuseValues', (o) => o.upgradeOptions?.reuseValues, '--reuse-values'],
  ['resetThenReuse', (o) => o.upgradeOptions?.resetThenReuseValues, '--reset-then-reuse-values'],
  ['subNotes', (o) => o.upgradeOptions?.subNotes, '--render-subchart-notes'],
  [
    'takeOwnership',
    (o) => o.upgradeOptions?.takeOwnership || o.installOptions?.takeOwnership,
    '--take-ownership',
  ],
  [
    'disableHooks',
    (o) => o.disableHooks || o.upgradeOptions?.disableHooks || o.installOptions?.disableHooks,
    '--no-hooks',
  ],
];

/** Flags of `helm upgrade --install` for Sveltos' HelmOptions (helm 4 spelling). */
export function upgradeOptionArgs(options: HelmOptions | undefined): string[] {
  if (!options) return [];
  const args = BOOLEAN_FLAGS.filter(([, pick]) => pick(options) === true).map(([, , flag]) => flag);
  if (options.timeout) args.push('--timeout', options.timeout);
  if (options.description) args.push('--description', options.description);
  if (options.upgradeOptions?.maxHistory !== undefined) {
    args.push('--history-max', String(options.upgradeOptions.maxHistory));
  }
  const labels = Object.entries(options.labels ?? {});
  if (labels.length > 0) args.push('--labels', labels.map(([k, v]) => `${k}=${v}`).join(','));
  return args;
}

/** Whether helm should create the release namespace (Sveltos' default: yes). */
export function createsNamespace(options: HelmOptions | undefined): boolean {
  return options?.installOptions?.createNamespace ?? true;
}

/** Flags of `helm uninstall` for Sveltos' HelmOptions. */
export function uninstallOptionArgs(options: HelmOptions | undefined): string[] {
  const u = options?.uninstallOptions ?? {};
  const args: string[] = [];
  if (u.keepHistory) args.push('--keep-history');
  if (u.disableHooks || options?.disableHooks) args.push('--no-hooks');
  if (u.deletionPropagation) args.push('--cascade', u.deletionPropagation);
  if (options?.timeout) args.push('--timeout', options.timeout);
  return args;
}

/** One release as `helm list -o json` and `helm status -o json` describe it. */
export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  /** deployed | failed | pending-install | pending-upgrade | superseded | uninstalling … */
  status: string;
  chartName: string;
  chartVersion: string;
  appVersion?: string;
  description?: string;
}

interface ListEntry {
  name: string;
  namespace: string;
  revision: string | number;
  status: string;
  chart: string;
  app_version?: string;
}

/** Splits `kyverno-3.5.1` (or `my-chart-1.0.0-rc.1`) into name and version. */
export function splitChart(chart: string): { chartName: string; chartVersion: string } {
  const m = /^(.*)-(v?\d+\.\d+\.\d+.*)$/.exec(chart);
  return m ? { chartName: m[1], chartVersion: m[2] } : { chartName: chart, chartVersion: '' };
}

/** Parses `helm list -o json`. */
export function parseReleaseList(stdout: string): HelmRelease[] {
  const entries = (JSON.parse(stdout.trim() || '[]') ?? []) as ListEntry[];
  return entries.map((e) => ({
    name: e.name,
    namespace: e.namespace,
    revision: Number(e.revision),
    status: e.status,
    ...splitChart(e.chart),
    ...(e.app_version ? { appVersion: e.app_version } : {}),
  }));
}

interface HistoryEntry {
  revision: number;
  status: string;
  chart: string;
  app_version?: string;
  description?: string;
}

/** Parses `helm history --max 1 -o json` into the release's current state. */
export function parseReleaseHistory(
  stdout: string,
  release: { name: string; namespace: string },
): HelmRelease | undefined {
  const entries = (JSON.parse(stdout.trim() || '[]') ?? []) as HistoryEntry[];
  const last = entries[entries.length - 1];
  if (!last) return undefined;
  return {
    ...release,
    revision: last.revision,
    status: last.status,
    ...splitChart(last.chart),
    ...(last.app_version ? { appVersion: last.app_version } : {}),
    ...(last.description ? { description: last.description } : {}),
  };
}

interface StatusJson {
  name: string;
  namespace: string;
  version: number;
  info?: { status?: string; description?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
}

/** Parses the release JSON of `helm status -o json` and `helm upgrade -o json`. */
export function parseReleaseStatus(stdout: string): HelmRelease {
  const s = JSON.parse(stdout) as StatusJson;
  const meta = s.chart?.metadata ?? {};
  return {
    name: s.name,
    namespace: s.namespace,
    revision: s.version,
    status: s.info?.status ?? 'unknown',
    chartName: meta.name ?? '',
    chartVersion: meta.version ?? '',
    ...(meta.appVersion ? { appVersion: meta.appVersion } : {}),
    ...(s.info?.description ? { description: s.info.description } : {}),
  };
}

/** Stable reasons of helm failures, from its error text. */
export type HelmFailureReason =
  | 'ReleaseNotFound'
  | 'ChartNotFound'
  | 'RepositoryUnreachable'
  | 'Forbidden'
  | 'OperationInProgress'
  | 'HelmFailed';

const REASONS: Array<[RegExp, HelmFailureReason]> = [
  [/release: not found/, 'ReleaseNotFound'],
  [/not found in .* repository|chart .* not found|: not found$/m, 'ChartNotFound'],
  [
    /looks like ".*" is not a valid chart repository|connection refused|no such host|i\/o timeout/,
    'RepositoryUnreachable',
  ],
  [/is forbidden|forbidden:/i, 'Forbidden'],
  [/another operation \(install\/upgrade\/rollback\) is in progress/, 'OperationInProgress'],
];

/** The reason of a helm failure from its message. */
export function classifyHelmError(message: string): HelmFailureReason {
  return REASONS.find(([re]) => re.test(message))?.[1] ?? 'HelmFailed';
}

/**
 * helm's own error text from its stderr: the `Error: …` lines without the prefix (or the last
 * lines when there are none), with `scrub` paths replaced, at most 2,000 characters.
 */
export function helmErrorText(stderr: string, scrub: string[] = []): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => l.startsWith('Error:')).map((l) => l.slice(6).trim());
  let text = (errors.length > 0 ? errors : lines.slice(-3)).join('; ');
  for (const s of scrub) if (s) text = text.split(s).join('<private>');
  return text.slice(0, 2000) || 'helm failed without a message';
}
