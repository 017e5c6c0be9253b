// Checks of `spec.helmCharts[]`: repository URL and scheme, chart name consistency with the
// repository, chart version, release name and namespace, action, values and valuesFrom, and
// that no two charts of one profile install the same release. Pure; tests in helm-charts.test.ts.
import type { FieldProblem } from '../field-problem.js';
import { isDns1123Label, isDns1123Subdomain } from '../k8s-names.js';
import {
  checkDuration,
  checkEnum,
  checkObjectName,
  checkRequiredString,
  isRecord,
  isTemplated,
  problem,
  readList,
  readRecord,
} from './field-checks.js';
import { validateChartVersion, validateValuesYaml } from './helm-values.js';
import type { ProfileScope } from './profile-scope.js';
import { checkOwnNamespace } from './profile-scope.js';

export const HELM_CHART_ACTIONS = ['Install', 'Uninstall'] as const;
export const VALUES_FROM_KINDS = ['ConfigMap', 'Secret'] as const;
const DELETION_PROPAGATIONS = ['orphan', 'foreground', 'background'] as const;
const REPOSITORY_SCHEMES = ['http:', 'https:', 'oci:'];
/** Helm's own limit: release names end up in label values with a suffix. */
export const MAX_RELEASE_NAME = 53;

/** Validates every chart of `spec.helmCharts`; chart-version ranges add warnings. */
export function validateHelmCharts(
  value: unknown,
  scope: ProfileScope,
  warnings: string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const charts = readList(value, 'spec.helmCharts', problems);
  charts.forEach((chart, i) => {
    const path = `spec.helmCharts[${i}]`;
    if (!isRecord(chart)) problems.push(problem(path, chart, 'must be an object'));
    else problems.push(...validateHelmChart(chart, { path, scope, warnings }));
  });
  return [...problems, ...findDuplicateReleases(charts)];
}

interface ChartContext {
  path: string;
  scope: ProfileScope;
  warnings: string[];
}

function validateHelmChart(chart: Record<string, unknown>, ctx: ChartContext): FieldProblem[] {
  const { path } = ctx;
  return [
    ...validateRepository(chart, path),
    ...validateChartVersion(chart.chartVersion, `${path}.chartVersion`, ctx.warnings),
    ...validateReleaseName(chart.releaseName, `${path}.releaseName`),
    ...validateReleaseNamespace(chart.releaseNamespace, `${path}.releaseNamespace`),
    ...checkEnum(chart.helmChartAction, `${path}.helmChartAction`, HELM_CHART_ACTIONS),
    ...validateValuesYaml(chart.values, `${path}.values`),
    ...validateValuesFrom(chart.valuesFrom, `${path}.valuesFrom`, ctx.scope),
    ...validateHelmOptions(chart.options, `${path}.options`),
  ];
}

function validateRepository(chart: Record<string, unknown>, path: string): FieldProblem[] {
  const urlProblems = validateRepositoryUrl(chart.repositoryURL, `${path}.repositoryURL`);
  const nameProblems = [
    ...checkRequiredString(chart.repositoryName, `${path}.repositoryName`),
    ...checkRequiredString(chart.chartName, `${path}.chartName`),
  ];
  if (urlProblems.length > 0 || nameProblems.length > 0) return [...urlProblems, ...nameProblems];
  return validateChartName({
    url: chart.repositoryURL as string,
    repositoryName: chart.repositoryName as string,
    chartName: chart.chartName as string,
    path: `${path}.chartName`,
  });
}

function validateRepositoryUrl(value: unknown, path: string): FieldProblem[] {
  const missing = checkRequiredString(value, path);
  if (missing.length > 0) return missing;
  const url = parseUrl(value as string);
  if (url === undefined || !REPOSITORY_SCHEMES.includes(url.protocol)) {
    return [problem(path, value, 'must be an http://, https:// or oci:// URL')];
  }
  if (url.hostname === '' && url.host === '') {
    return [problem(path, value, 'must name a host')];
  }
  return [];
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

interface ChartNameInput {
  url: string;
  repositoryName: string;
  chartName: string;
  path: string;
}

/**
 * HTTP repositories are added under `repositoryName`, so the chart is `<repositoryName>/<chart>`.
 * OCI charts are named by the chart alone, by `<repositoryName>/<chart>`, or by a full
 * `oci://` reference under repositoryURL.
 */
function validateChartName(input: ChartNameInput): FieldProblem[] {
  const { url, repositoryName, chartName, path } = input;
  const prefix = `${repositoryName}/`;
  if (url.startsWith('oci://')) return validateOciChartName(input);
  if (chartName.startsWith(prefix) && isChartSegment(chartName.slice(prefix.length))) return [];
  return [
    problem(
      path,
      chartName,
      `must be "<repositoryName>/<chart>" for an HTTP repository, e.g. "${repositoryName}/${lastSegment(chartName)}"`,
    ),
  ];
}

function validateOciChartName(input: ChartNameInput): FieldProblem[] {
  const { url, repositoryName, chartName, path } = input;
  const base = url.replace(/\/+$/, '');
  if (chartName.startsWith('oci://')) {
    if (chartName.startsWith(`${base}/`) && isChartSegment(chartName.slice(base.length + 1))) {
      return [];
    }
    return [problem(path, chartName, `must be a chart under repositoryURL "${url}"`)];
  }
  const bare = chartName.startsWith(`${repositoryName}/`)
    ? chartName.slice(repositoryName.length + 1)
    : chartName;
  if (isChartSegment(bare)) return [];
  return [problem(path, chartName, 'must be a chart name, e.g. "vault"')];
}

function isChartSegment(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name);
}

function lastSegment(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1] || '<chart>';
}

function validateReleaseName(value: unknown, path: string): FieldProblem[] {
  const missing = checkRequiredString(value, path);
  if (missing.length > 0 || isTemplated(value as string)) return missing;
  const name = value as string;
  const problems: FieldProblem[] = [];
  if (name.length > MAX_RELEASE_NAME) {
    problems.push(problem(path, name, `must be no more than ${MAX_RELEASE_NAME} characters`));
  }
  if (isDns1123Subdomain(name).length > 0) {
    problems.push(
      problem(
        path,
        name,
        "not a valid Helm release name: lower case alphanumeric characters, '-' or '.', starting and ending with an alphanumeric character",
      ),
    );
  }
  return problems;
}

function validateReleaseNamespace(value: unknown, path: string): FieldProblem[] {
  const missing = checkRequiredString(value, path);
  if (missing.length > 0 || isTemplated(value as string)) return missing;
  return isDns1123Label(value as string).map((reason) => problem(path, value, reason));
}

function validateValuesFrom(value: unknown, path: string, scope: ProfileScope): FieldProblem[] {
  const problems: FieldProblem[] = [];
  readList(value, path, problems).forEach((ref, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(ref)) {
      problems.push(problem(at, ref, 'must be an object'));
      return;
    }
    problems.push(
      ...checkRequiredString(ref.kind, `${at}.kind`),
      ...checkEnum(ref.kind, `${at}.kind`, VALUES_FROM_KINDS),
      ...checkObjectName(ref.name, `${at}.name`),
      ...checkOwnNamespace(ref.namespace, `${at}.namespace`, scope),
    );
  });
  return problems;
}

function validateHelmOptions(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const options = readRecord(value, path, problems);
  if (options === undefined) return problems;
  problems.push(...checkDuration(options.timeout, `${path}.timeout`));
  const uninstall = readRecord(options.uninstallOptions, `${path}.uninstallOptions`, problems);
  const propagationPath = `${path}.uninstallOptions.deletionPropagation`;
  problems.push(
    ...checkEnum(uninstall?.deletionPropagation, propagationPath, DELETION_PROPAGATIONS),
  );
  return problems;
}

/** Two charts of one profile that install the same `<releaseNamespace>/<releaseName>`. */
function findDuplicateReleases(charts: readonly unknown[]): FieldProblem[] {
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  charts.forEach((chart, i) => {
    if (!isRecord(chart)) return;
    const { releaseName, releaseNamespace } = chart;
    if (typeof releaseName !== 'string' || typeof releaseNamespace !== 'string') return;
    const key = `${releaseNamespace}/${releaseName}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    problems.push(
      problem(
        `spec.helmCharts[${i}].releaseName`,
        releaseName,
        `duplicate release ${key}: spec.helmCharts[${first}] already installs it`,
      ),
    );
  });
  return problems;
}
