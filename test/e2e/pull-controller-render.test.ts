// Management-side rendering for pull mode with the real helm binary against the lab's chart
// repository: the seed's tetragon chart rendered for the cluster's version into bundles that
// carry the release, a repeat served from the render cache without running helm again, a new
// cluster version rendered afresh, and charts to uninstall rendered not at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SveltosCluster } from '../../api/types/index.js';
import type { ResolvedHelmChart } from '../../controller/features/feature-types.js';
import { capabilitiesOf, renderCharts } from '../../controller/pull/helm-render.js';
import { RenderCache } from '../../controller/pull/render-cache.js';
import { startChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../../lab/chart-repo/chart-repository.js';
import { HelmCli } from '../../lib/helm-cli.js';
import type { TemplateRequest } from '../../lib/helm-cli.js';
import type { KubeObject } from '../../lib/kube-client.js';

/** The real helm CLI, counting `helm template` runs. */
class CountingHelm extends HelmCli {
  readonly kubeVersions: (string | undefined)[] = [];
  override template(req: TemplateRequest): Promise<string> {
    this.kubeVersions.push(req.kubeVersion);
    return super.template(req);
  }
}

let repo: ChartRepository;
let home: string;
let chart: ResolvedHelmChart;

beforeAll(async () => {
  repo = await startChartRepository();
  home = mkdtempSync(join(tmpdir(), 'pull-render-'));
  const cilium = repo.repositories.find((r) => r.mirrors === 'https://helm.cilium.io/');
  if (!cilium) throw new Error('The lab chart repository serves no cilium mirror');
  chart = {
    repositoryURL: `${cilium.url}/`,
    repositoryName: 'cilium',
    chartName: 'cilium/tetragon',
    chartVersion: '1.5.0',
    releaseName: 'tetragon',
    releaseNamespace: 'kube-system',
    values: '',
    helmChartAction: 'Install',
  };
}, 60_000);

afterAll(async () => {
  await repo?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

const clusterAt = (version?: string): SveltosCluster => ({
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'SveltosCluster',
  metadata: { name: 'cluster01', namespace: 'rke2' },
  spec: { pullMode: true },
  status: version ? { version } : {},
});

describe('pull-mode helm rendering', () => {
  it('renders once per chart, values and cluster version, and skips charts to uninstall', async () => {
    const helm = new CountingHelm({ homeDir: home, env: { PATH: process.env.PATH } });
    const deps = { helm, cache: new RenderCache(8), maxBytes: 512 * 1024 };
    const first = await renderCharts([chart], clusterAt('v1.32.5'), deps);
    const objects = first.flatMap((b) => b.resources.map((r) => load(r) as KubeObject));
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['ServiceAccount', 'ConfigMap', 'DaemonSet']),
    );
    expect(objects.every((o) => o.metadata.namespace === 'kube-system')).toBe(true);
    expect(first.at(-1)?.extra).toMatchObject({
      helmReleaseName: 'tetragon',
      helmChartVersion: '1.5.0',
      isLastHelmReleaseBundle: true,
    });

    const again = await renderCharts([chart], clusterAt('v1.32.5'), deps);
    expect(again).toEqual(first);
    expect(helm.kubeVersions).toEqual(['v1.32.5']);

    await renderCharts([chart], clusterAt('v1.31.6+k3s1'), deps);
    expect(helm.kubeVersions).toEqual(['v1.32.5', 'v1.31.6+k3s1']);

    const none = await renderCharts(
      [{ ...chart, helmChartAction: 'Uninstall' }],
      clusterAt('v1.32.5'),
      deps,
    );
    expect(none).toEqual([]);
  }, 60_000);

  it('passes --kube-version only when the agent reported a version', () => {
    expect(capabilitiesOf(clusterAt())).toEqual({});
    expect(capabilitiesOf(clusterAt('v1.32.5'))).toEqual({ kubeVersion: 'v1.32.5' });
    expect(capabilitiesOf(clusterAt('unknown'))).toEqual({});
  });
});
