// The Helm feature of a ClusterSummary: each chart with its repository URL rewritten by the
// configured mirrors (the user's URL stays in the profile and in status) and its values merged
// from `values` and `valuesFrom`, hashed with the owner. Pure over the caches it is given.
// Tests: resolve-helm.test.ts.
import type { HelmChart, ValueFrom } from '../../api/types/index.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import type { HelmRepositoryMirror } from '../options.js';
import type { DesiredFeature, FeatureTarget, ResolvedHelmChart } from './feature-types.js';
import { hashOf } from './feature-hash.js';
import { applyMirrors } from './helm-mirrors.js';
import { mergeValues, parseValues, valuesToYaml } from './helm-values.js';
import type { Values } from './helm-values.js';
import { ownerOfTarget } from './owner-labels.js';
import { ownerHashPart } from './resolve-resources.js';
import { loadSource } from './source-loader.js';
import type { SourceStores } from './source-loader.js';

/** What resolving charts needs besides the target. */
export interface HelmInputs {
  stores: SourceStores;
  mirrors: readonly HelmRepositoryMirror[];
}

/** Resolves the Helm feature; throws NonRetriableError naming the field of a bad chart. */
export function resolveHelm(target: FeatureTarget, inputs: HelmInputs): DesiredFeature {
  const specCharts = target.summary.spec?.clusterProfileSpec?.helmCharts ?? [];
  const charts = specCharts.map((chart, index) =>
    resolveChart(target, inputs, chart, `helmCharts[${index}]`),
  );
  const owner = ownerHashPart(ownerOfTarget(target));
  return { feature: 'Helm', hash: hashOf({ feature: 'Helm', owner, charts }), charts };
}

function resolveChart(
  target: FeatureTarget,
  inputs: HelmInputs,
  chart: HelmChart,
  field: string,
): ResolvedHelmChart {
  const action = chart.helmChartAction ?? 'Install';
  requireField(chart.releaseName, `${field}.releaseName`);
  requireField(chart.releaseNamespace, `${field}.releaseNamespace`);
  if (action === 'Install') {
    requireField(chart.repositoryURL, `${field}.repositoryURL`);
    requireField(chart.chartName, `${field}.chartName`);
    requireField(chart.chartVersion, `${field}.chartVersion`);
  }
  const chartName = chart.chartName ?? '';
  const resolved: ResolvedHelmChart = {
    repositoryURL: applyMirrors(chart.repositoryURL ?? '', inputs.mirrors),
    repositoryName: chart.repositoryName ?? '',
    chartName: chartName.startsWith('oci://') ? applyMirrors(chartName, inputs.mirrors) : chartName,
    chartVersion: chart.chartVersion ?? '',
    releaseName: chart.releaseName,
    releaseNamespace: chart.releaseNamespace,
    values: action === 'Install' ? mergedValues(target, inputs.stores, chart, field) : '',
    helmChartAction: action,
  };
  if (chart.options) resolved.options = chart.options;
  return resolved;
}

function requireField(value: string | undefined, field: string): void {
  if (!value) throw new NonRetriableError('InvalidHelmChart', `${field} is required`);
}

function mergedValues(
  target: FeatureTarget,
  stores: SourceStores,
  chart: HelmChart,
  field: string,
): string {
  let values: Values = parseValues(chart.values ?? '', `${field}.values`);
  (chart.valuesFrom ?? []).forEach((ref, index) => {
    for (const layer of valuesOfRef(target, stores, ref, `${field}.valuesFrom[${index}]`)) {
      values = mergeValues(values, layer);
    }
  });
  return valuesToYaml(values);
}

function valuesOfRef(
  target: FeatureTarget,
  stores: SourceStores,
  ref: ValueFrom,
  field: string,
): Values[] {
  const source = loadSource(stores, target, { ...ref, field });
  if (!source) return [];
  return source.entries.map((entry) =>
    parseValues(entry.text, `${source.kind} ${source.namespace}/${source.name} key "${entry.key}"`),
  );
}
