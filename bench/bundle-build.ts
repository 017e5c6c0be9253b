// Bundle building throughput for pull mode (issue 10): controller/pull/bundle-split.ts turns
// objects into ConfigurationBundle contents (YAML per object, ≤ 15 objects and ≤ the byte budget
// per bundle, CRDs alone) and the agent-compatible SHA-256 per bundle. Prints objects/s and MiB/s
// for a mixed set and for each shape, then `helm template` of the lab's kyverno chart (real helm,
// lab chart repository) → parse → split, per render. Prints figures only.
// Run: `npm run bench -- bundle-build` or `npx tsx bench/bundle-build.ts [objects]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import {
  DEFAULT_BUNDLE_MAX_BYTES,
  bundleHash,
  splitIntoBundles,
} from '../controller/pull/bundle-split.js';
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

async function helmRenderAndSplit(renders: number): Promise<void> {
  const repo = await startChartRepository();
  const home = mkdtempSync(join(tmpdir(), 'bench-bundle-helm-'));
  try {
    const helm = new HelmCli({ homeDir: home, env: { PATH: process.env.PATH } });
    const kyverno = repo.repositories.find((r) => r.prefix === 'kyverno');
    if (!kyverno) throw new Error('The lab chart repository serves no kyverno repository');
    const render = (): Promise<string> =>
      helm.template({
        releaseName: 'kyverno-latest',
        namespace: 'kyverno',
        chart: 'kyverno',
        repoURL: `${kyverno.url}/`,
        version: '3.5.1',
        valuesYaml: '',
        kubeVersion: 'v1.32.5',
      });
    await render();
    const renderMs: number[] = [];
    const splitMs: number[] = [];
    let objects = 0;
    let bundles = 0;
    let bytes = 0;
    for (let i = 0; i < renders; i++) {
      const t0 = performance.now();
      const yaml = await render();
      renderMs.push(since(t0));
      const t1 = performance.now();
      const parsed = loadAll(yaml).filter((d): d is KubeObject => !!d && typeof d === 'object');
      const split = splitIntoBundles(parsed);
      for (const b of split) bundleHash(b);
      splitMs.push(since(t1));
      objects = parsed.length;
      bundles = split.length;
      bytes = Buffer.byteLength(yaml);
    }
    console.log(
      `\nhelm template kyverno 3.5.1 (lab chart repository, real helm, ${renders} renders): ${objects} objects, ${fmt(bytes / 1024, 1)} KiB → ${bundles} bundles`,
    );
    console.log(
      `  render: p50 ${fmt(percentile(renderMs, 50))} ms, p99 ${fmt(percentile(renderMs, 99))} ms (${fmt(1000 / percentile(renderMs, 50), 1)} renders/s, one helm process at a time)`,
    );
    console.log(
      `  parse + split + hash: p50 ${fmt(percentile(splitMs, 50), 2)} ms, p99 ${fmt(percentile(splitMs, 99), 2)} ms`,
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
    await repo.stop();
  }
}

splitThroughput();
await helmRenderAndSplit(20);
console.log(`\npeak RSS of this process: ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);
