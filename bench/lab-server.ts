// Benchmark of the lab API server (run: npx tsx bench/lab-server.ts). Prints figures only:
// creates per second over HTTPS and in-process, list latency with 10,000 objects, watch fan-out
// to 1,000 watchers, and the memory of 1,000 idle virtual clusters in one process.
import { Agent, request } from 'node:https';
import type { LabCluster } from '../lab/apiserver/extension-points.js';
import { startLabServer } from '../lab/apiserver/server.js';
import type { LabServer } from '../lab/apiserver/server.js';

const CM = { group: '', version: 'v1', resource: 'configmaps' };

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

function call(
  c: LabCluster,
  agent: Agent,
  { method, path, body }: Call,
): Promise<{ code: number; text: string }> {
  const url = new URL(c.baseUrl + path);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        ca: c.caPem,
        agent,
        headers: {
          Authorization: `Bearer ${c.adminToken}`,
          ...(payload
            ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function createsPerSecond(server: LabServer): Promise<void> {
  const c = server.addCluster('creates');
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const total = 3000;
  const concurrency = 16;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const r = await call(c, agent, {
          method: 'POST',
          path: '/api/v1/namespaces/default/configmaps',
          body: { metadata: { name: `cm-${i}` }, data: { i: String(i) } },
        });
        if (r.code !== 201) throw new Error(`create failed: ${r.code} ${r.text}`);
      }
    }),
  );
  const httpsRate = total / ((performance.now() - started) / 1000);
  agent.destroy();
  const inproc = server.addCluster('creates-inproc');
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    await inproc.client.create(CM, {
      metadata: { name: `cm-${i}`, namespace: 'default' },
      data: { i: String(i) },
    });
  }
  const inprocRate = total / ((performance.now() - t0) / 1000);
  console.log(
    `creates/s over HTTPS (keep-alive, ${concurrency} concurrent, ${total} ConfigMaps): ${fmt(httpsRate)}`,
  );
  console.log(
    `creates/s in-process (InternalClient, sequential, ${total} ConfigMaps): ${fmt(inprocRate)}`,
  );
}

async function listLatency(server: LabServer): Promise<void> {
  const c = server.addCluster('lists');
  for (let i = 0; i < 10_000; i++) {
    await c.client.create(CM, {
      metadata: {
        name: `cm-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        labels: { mod: String(i % 10) },
      },
      data: { i: String(i) },
    });
  }
  const agent = new Agent({ keepAlive: true });
  const time = async (path: string, runs: number): Promise<{ ms: number; bytes: number }> => {
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = await call(c, agent, { method: 'GET', path });
      ms.push(performance.now() - t);
      bytes = r.text.length;
    }
    return { ms: median(ms), bytes };
  };
  const full = await time('/api/v1/namespaces/default/configmaps', 9);
  const page = await time('/api/v1/namespaces/default/configmaps?limit=500', 9);
  const selected = await time('/api/v1/namespaces/default/configmaps?labelSelector=mod%3D3', 9);
  agent.destroy();
  console.log(
    `list 10,000 ConfigMaps (full, ${fmt(full.bytes / 1024 / 1024, 1)} MiB): median ${fmt(full.ms, 1)} ms`,
  );
  console.log(`list 10,000 ConfigMaps (limit=500 first page): median ${fmt(page.ms, 1)} ms`);
  console.log(
    `list 10,000 ConfigMaps (labelSelector matching 1,000): median ${fmt(selected.ms, 1)} ms`,
  );
}

async function watchFanOut(server: LabServer): Promise<void> {
  const c = server.addCluster('fanout');
  const watchers = 1000;
  const events = 100;
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const counts = new Array<number>(watchers).fill(0);
  let done = 0;
  let resolveAll: () => void = () => undefined;
  const allDone = new Promise<void>((r) => (resolveAll = r));
  const url = new URL(
    `${c.baseUrl}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${c.client.list(CM, 'default').resourceVersion}`,
  );
  const requests: ReturnType<typeof request>[] = [];
  const tConnect = performance.now();
  await Promise.all(
    Array.from(
      { length: watchers },
      (_, w) =>
        new Promise<void>((ready, fail) => {
          const req = request(
            {
              hostname: url.hostname,
              port: url.port,
              path: url.pathname + url.search,
              ca: c.caPem,
              agent,
              headers: { Authorization: `Bearer ${c.adminToken}` },
            },
            (res) => {
              ready();
              res.on('data', (d: Buffer) => {
                const before = counts[w] ?? 0;
                // Count line ends, not lines: an event may arrive split across chunks.
                let after = before;
                for (const byte of d) if (byte === 10) after++;
                counts[w] = after;
                if (before < events && after >= events && ++done === watchers) resolveAll();
              });
            },
          );
          req.on('error', (e) => (done < watchers ? fail(e) : undefined));
          req.end();
          requests.push(req);
        }),
    ),
  );
  const connectMs = performance.now() - tConnect;
  const t0 = performance.now();
  for (let i = 0; i < events; i++)
    await c.client.create(CM, { metadata: { name: `w-${i}`, namespace: 'default' } });
  await allDone;
  const ms = performance.now() - t0;
  for (const r of requests) r.destroy();
  agent.destroy();
  console.log(`watch fan-out: ${fmt(watchers)} HTTPS watchers connected in ${fmt(connectMs)} ms`);
  console.log(
    `watch fan-out: ${events} changes x ${fmt(watchers)} watchers = ${fmt(events * watchers)} events delivered in ${fmt(ms)} ms (${fmt((events * watchers) / (ms / 1000))} events/s)`,
  );
}

function memoryOfIdleClusters(server: LabServer): void {
  const mb = (n: number): string => fmt(n / 1024 / 1024, 1);
  global.gc?.();
  const before = process.memoryUsage();
  const clusters: LabCluster[] = [];
  for (let i = 0; i < 1000; i++) clusters.push(server.addCluster(`idle-${i}`));
  global.gc?.();
  const idle = process.memoryUsage();
  for (const c of clusters) c.client.list({ group: '', version: 'v1', resource: 'namespaces' });
  global.gc?.();
  const touched = process.memoryUsage();
  console.log(
    `1,000 virtual clusters, never used: +${mb(idle.heapUsed - before.heapUsed)} MiB heap, +${mb(idle.rss - before.rss)} MiB RSS`,
  );
  console.log(
    `1,000 virtual clusters after one read each (state created): +${mb(touched.heapUsed - before.heapUsed)} MiB heap, +${mb(touched.rss - before.rss)} MiB RSS (${fmt((touched.heapUsed - before.heapUsed) / 1000 / 1024, 1)} KiB heap per cluster)`,
  );
}

const server = await startLabServer({ logLevel: 'error' });
try {
  memoryOfIdleClusters(server);
  await createsPerSecond(server);
  await listLatency(server);
  await watchFanOut(server);
} finally {
  await server.stop();
}
