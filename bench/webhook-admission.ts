// Admission latency and throughput of the webhook: the `sveltos-webhook` entry point runs in its
// own process (no credentials, certificate issued into a temp dir); this process posts
// AdmissionReviews over HTTPS with a keep-alive agent, at concurrency 1 and 32, for an allowed
// ClusterProfile, a denied one and a SveltosCluster mutation. Prints p50/p99 and requests/s;
// never asserts. Run: `npx tsx bench/webhook-admission.ts [requests]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdmissionClient } from '../webhook/admission-client.js';
import { buildAdmissionReview, createAdmissionClient } from '../webhook/admission-client.js';
import { WEBHOOK_PATHS } from '../webhook/webhook-names.js';
import { aClusterProfile, aSveltosCluster } from '../test/fixtures/profiles/builders.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const requests = Number(process.argv[2] ?? 3000);

interface Scenario {
  name: string;
  path: string;
  body: () => unknown;
}

const scenarios: Scenario[] = [
  {
    name: 'ClusterProfile allowed',
    path: WEBHOOK_PATHS.validateClusterProfile,
    body: () =>
      buildAdmissionReview({ object: aClusterProfile('kyverno').withHelmChart().build() }),
  },
  {
    name: 'ClusterProfile denied (3 problems)',
    path: WEBHOOK_PATHS.validateClusterProfile,
    body: () =>
      buildAdmissionReview({
        object: aClusterProfile('bad')
          .withHelmChart({ chartVersion: 'v3.x', releaseNamespace: 'Bad_NS' })
          .withSpec({ syncMode: 'Sometimes' })
          .build(),
      }),
  },
  {
    name: 'SveltosCluster mutated',
    path: WEBHOOK_PATHS.mutateSveltosCluster,
    body: () =>
      buildAdmissionReview({
        object: aSveltosCluster('c1', { labels: { env: 'prod' }, status: { version: 'v1.32.5' } }),
      }),
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(client: AdmissionClient, s: Scenario, concurrency: number, total: number) {
  const payload = JSON.stringify(s.body());
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next++ < total) {
      const start = process.hrtime.bigint();
      const res = await client.post(s.path, payload);
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    }
  };
  const began = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: total / seconds };
}

async function startWebhook(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const args = ['--import', 'tsx', 'webhook/main.ts', '--port=0', '--host=127.0.0.1'];
  args.push(`--cert-dir=${dir}`, '--extra-hosts=127.0.0.1', '--log-level=info');
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // The "Webhook listening" log line names the port; later lines (denials) are drained unread.
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`webhook did not start: ${stderr}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      stderr += chunk.toString();
      const port = /"url":"https:\/\/127\.0\.0\.1:(\d+)"/.exec(stderr)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      child.stderr.resume();
      resolve(`https://127.0.0.1:${port}`);
    };
    child.stderr.on('data', onData);
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
  const webhook = await startWebhook(dir);
  const client = createAdmissionClient({
    url: webhook.url,
    caBundle: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    maxSockets: 32,
  });
  try {
    process.stdout.write(
      `sveltos-webhook admission, ${requests} requests per row (after ${Math.min(500, requests)} warm-up)\n\n`,
    );
    process.stdout.write(
      'scenario                              conc    p50 ms    p99 ms     req/s\n',
    );
    for (const s of scenarios) {
      await run(client, s, 32, Math.min(500, requests));
      for (const concurrency of [1, 32]) {
        const r = await run(client, s, concurrency, requests);
        process.stdout.write(
          `${s.name.padEnd(36)} ${String(concurrency).padStart(5)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(9)} ${r.rps.toFixed(0).padStart(9)}\n`,
        );
      }
    }
  } finally {
    client.close();
    await webhook.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
