// Bundle building throughput for pull mode (issue 10): controller/pull/bundle-split.ts turns
// objects into ConfigurationBundle contents (YAML per object, ≤ 15 objects and ≤ the byte budget
// per bundle, CRDs alone) and the agent-compatible SHA-256 per bundle. Prints objects/s and MiB/s
// for a mixed set and for each shape, then `helm template` of the lab's kyverno chart (real helm,
// lab chart repository) → parse → split through the pull deliverer's renderChart (cache miss
// and cache hit). Prints figures only.
// Run: `npm run bench -- bundle-build` or `npx tsx bench/bundle-build.ts [objects]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_BUNDLE_MAX_BYTES,
  bundleHash,
  splitIntoBundles,
} from '../controller/pull/bundle-split.js';
import { renderChart } from '../controller/pull/helm-render.js';
import { RenderCache } from '../controller/pull/render-cache.js';
import type { ResolvedHelmChart } from '../controller/features/feature-types.js';
import type { SveltosCluster } from '../api/types/index.js';
import { startChartRepository } from '../lab/chart-repo/chart-repository.js';
import { HelmCli } from '../lib/helm-cli.js';
import type { KubeObject } from '../lib/kube-client.js';
import { fmt, mib, percentile, since } from './support/figures.js';
import { mixedObjects } from './support/mixed-objects.js';

const count = Number(process.argv[2] ?? 10_000);
const RUNS = 3;

interface SplitFigures {
  ms: number;
  hashMs: number;
  bundles: number;
  bytes: number;
  largest: number;
}

function splitOnce(objects: KubeObject[]): SplitFigures {
  const t0 = performance.now();
  const bundles = splitIntoBundles(objects, DEFAULT_BUNDLE_MAX_BYTES);
  const ms = since(t0);
  const t1 = performance.now();
  for (const b of bundles) bundleHash(b);
  const hashMs = since(t1);
  const sizes = bundles.map((b) => b.reduce((n, r) => n + Buffer.byteLength(r), 0));
  return {
    ms,
    hashMs,
    bundles: bundles.length,
    bytes: sizes.reduce((a, b) => a + b, 0),
    largest: Math.max(...sizes),
  };
}

/** Median of RUNS splits (after one warm-up) of the given objects. */
function measureSplit(objects: KubeObject[]): SplitFigures {
  splitOnce(objects.slice(0, 500));
  const runs = Array.from({ length: RUNS }, () => splitOnce(objects));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(RUNS / 2)];
}

function printSplit(label: string, n: number, f: SplitFigures): void {
  const s = f.ms / 1000;
  console.log(
    `${label.padEnd(28)} ${fmt(n).padStart(7)} objects  ${fmt(n / s).padStart(8)} objects/s  ${fmt(f.bytes / 1024 / 1024 / s, 1).padStart(6)} MiB/s  ${fmt(f.bundles).padStart(6)} bundles (${mib(f.bytes)} MiB, largest ${fmt(f.largest / 1024)} KiB)  hash ${fmt(f.bytes / 1024 / 1024 / (f.hashMs / 1000))} MiB/s`,
  );
}

function splitThroughput(): void {
  console.log(
    `splitIntoBundles (YAML per object, ≤ 15 objects, ≤ ${fmt(DEFAULT_BUNDLE_MAX_BYTES / 1024)} KiB per bundle), median of ${RUNS} runs:`,
  );
  const mixed = mixedObjects(count);
  printSplit('mixed (70/20/9/1 %)', count, measureSplit(mixed));
  const shapes: Array<[string, (o: KubeObject) => boolean]> = [
    ['small ConfigMaps (~300 B)', (o) => o.kind === 'ConfigMap' && !isLarge(o)],
    ['Deployments (~2 KiB)', (o) => o.kind === 'Deployment'],
    ['large ConfigMaps (20 KiB)', (o) => o.kind === 'ConfigMap' && isLarge(o)],
    ['CRDs (~45 KiB)', (o) => o.kind === 'CustomResourceDefinition'],
  ];
  for (const [label, pick] of shapes) {
    const subset = mixed.filter(pick);
    printSplit(label, subset.length, measureSplit(subset));
  }
}

function isLarge(o: KubeObject): boolean {
  const data = (o as { data?: Record<string, string> }).data ?? {};
  return (data['config.txt'] ?? '').length > 1024;
}

function kyvernoChart(repoUrl: string, values: string): ResolvedHelmChart {
  return {
    repositoryURL: `${repoUrl}/`,
    repositoryName: 'kyverno',
    chartName: 'kyverno/kyverno',
    chartVersion: '3.5.1',
    releaseName: 'kyverno-latest',
    releaseNamespace: 'kyverno',
    values,
    helmChartAction: 'Install',
  };
}

const CLUSTER = {
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'SveltosCluster',
  metadata: { name: 'bench', namespace: 'bench' },
  spec: { pullMode: true },
  status: { version: 'v1.32.5' },
} as SveltosCluster;

/** The pull deliverer's render path (controller/pull/helm-render.ts): cache misses and hits. */
async function helmRenderAndSplit(renders: number): Promise<void> {
  const repo = await startChartRepository();
  const home = mkdtempSync(join(tmpdir(), 'bench-bundle-helm-'));
  try {
    const helm = new HelmCli({ homeDir: home, env: { PATH: process.env.PATH } });
    const kyverno = repo.repositories.find((r) => r.prefix === 'kyverno');
    if (!kyverno) throw new Error('The lab chart repository serves no kyverno repository');
    const deps = { helm, cache: new RenderCache(), maxBytes: DEFAULT_BUNDLE_MAX_BYTES };
    await renderChart(kyvernoChart(kyverno.url, ''), CLUSTER, deps);
    const time = async (values: (i: number) => string): Promise<number[]> => {
      const ms: number[] = [];
      for (let i = 0; i < renders; i++) {
        const t0 = performance.now();
        await renderChart(kyvernoChart(kyverno.url, values(i)), CLUSTER, deps);
        ms.push(since(t0));
      }
      return ms;
    };
    // New values every time: a cache miss, so helm template runs.
    const cold = await time((i) => `benchRun: ${i}\n`);
    const warm = await time(() => '');
    const bundles = await renderChart(kyvernoChart(kyverno.url, ''), CLUSTER, deps);
    const objects = bundles.reduce((n, b) => n + b.resources.length, 0);
    const bytes = bundles.reduce((n, b) => n + b.resources.join('').length, 0);
    console.log(
      `\nrenderChart (controller/pull/helm-render.ts), kyverno 3.5.1 from the lab chart repository, real helm, ${renders} renders each: ${objects} objects, ${fmt(bytes / 1024, 1)} KiB → ${bundles.length} bundles`,
    );
    const row = (label: string, ms: number[]): void =>
      console.log(
        `  ${label.padEnd(44)} p50 ${fmt(percentile(ms, 50), 2).padStart(8)} ms  p99 ${fmt(percentile(ms, 99), 2).padStart(8)} ms  (${fmt(1000 / percentile(ms, 50), 1)} charts/s)`,
      );
    row('cache miss (helm template + parse + split)', cold);
    row('cache hit (parse + split + bundle fields)', warm);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await repo.stop();
  }
}

splitThroughput();
await helmRenderAndSplit(20);
console.log(`\npeak RSS of this process: ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);
