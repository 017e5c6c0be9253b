// Renders Helm charts for a pull-mode cluster on the management side with `helm template`
// (no cluster contacted), for the cluster's own Kubernetes version (SveltosCluster
// status.version → --kube-version), through the bounded render cache. Charts to uninstall render
// nothing: leaving them out of the group makes the agent delete what its inventory holds.
import type { SveltosCluster } from '../../api/types/index.js';
import type { HelmCli } from '../../lib/helm-cli.js';
import type { ResolvedHelmChart } from '../features/feature-types.js';
import type { BundleContent } from './group-plan.js';
import { helmBundles } from './helm-manifests.js';
import { renderKey } from './render-cache.js';
import type { RenderCache } from './render-cache.js';

/** What a render needs besides the chart. */
export interface RenderDeps {
  helm: HelmCli;
  cache: RenderCache;
  maxBytes: number;
}

/** The capabilities helm renders for: the cluster's version when its agent reported one. */
export function capabilitiesOf(cluster: SveltosCluster): { kubeVersion?: string } {
  const version = cluster.status?.version;
  return version && /^v?\d+\.\d+/.test(version) ? { kubeVersion: version } : {};
}

/** Renders one chart (cached) and splits it into bundle contents. */
export async function renderChart(
  chart: ResolvedHelmChart,
  cluster: SveltosCluster,
  deps: RenderDeps,
): Promise<BundleContent[]> {
  const caps = capabilitiesOf(cluster);
  const input = { ...chart, ...caps };
  const manifest = await deps.cache.get(renderKey(input), () =>
    deps.helm.template({
      releaseName: chart.releaseName,
      namespace: chart.releaseNamespace,
      chart: chart.chartName,
      repoURL: chart.repositoryURL,
      version: chart.chartVersion,
      valuesYaml: chart.values,
      ...caps,
    }),
  );
  return helmBundles(
    manifest,
    {
      releaseName: chart.releaseName,
      releaseNamespace: chart.releaseNamespace,
      chartVersion: chart.chartVersion,
      repoURL: chart.repositoryURL,
    },
    deps.maxBytes,
  );
}

/** Every chart to install, rendered and split in order. */
export async function renderCharts(
  charts: readonly ResolvedHelmChart[],
  cluster: SveltosCluster,
  deps: RenderDeps,
): Promise<BundleContent[]> {
  const contents: BundleContent[] = [];
  for (const chart of charts) {
    if (chart.helmChartAction === 'Uninstall') continue;
    contents.push(...(await renderChart(chart, cluster, deps)));
  }
  return contents;
}
