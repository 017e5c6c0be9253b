// A local Helm chart repository over plain HTTP on 127.0.0.1: packages the lab's chart sources
// at start-up and serves index.yaml plus the archives, at the root and under each virtual
// repository's prefix. Read-only; it never fetches anything from the network.
// Tests: test/e2e/lab-charts.test.ts.
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHelmBinary } from '../../lib/helm-binary.js';
import {
  defaultCharts,
  defaultVirtualRepositories,
  type ChartSource,
  type VirtualRepository,
} from './catalog.js';
import { packageCharts, type PackagedRepository } from './chart-packager.js';

/** Options of {@link startChartRepository}; everything defaults to the lab's own charts. */
export interface ChartRepositoryOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  charts?: ChartSource[];
  repositories?: VirtualRepository[];
  /** Defaults to resolveHelmBinary(). */
  helmBinary?: string;
}

/** A served virtual repository: its URL and the public repository URL it mirrors. */
export interface ServedRepository {
  prefix: string;
  url: string;
  mirrors: string;
}

/** A running chart repository. */
export interface ChartRepository {
  /** Root repository URL (lists every chart), e.g. `http://127.0.0.1:40123`, no trailing slash. */
  url: string;
  /** Virtual repositories, e.g. `{ prefix: 'kyverno', url: 'http://…/kyverno', mirrors: 'https://kyverno.github.io/kyverno/' }`. */
  repositories: ServedRepository[];
  /** Stops serving and removes the packaged files. */
  stop(): Promise<void>;
}

/**
 * Starts the repository: listens on 127.0.0.1, packages every chart version with helm, writes
 * the index files, then resolves. Requests that arrive before packaging ends get 503. Rejects
 * with ChartPackagingError (and releases the port) when helm refuses a chart.
 */
export async function startChartRepository(
  opts: ChartRepositoryOptions = {},
): Promise<ChartRepository> {
  const workDir = await mkdtemp(join(tmpdir(), 'sveltos-lab-charts-'));
  const routes = new Map<string, string>();
  const server = createServer((req, res) => serve(routes, req, res));
  const url = await listen(server, opts.port ?? 0);
  const stop = async (): Promise<void> => {
    await closeServer(server);
    await rm(workDir, { recursive: true, force: true });
  };
  const repositories = opts.repositories ?? defaultVirtualRepositories();
  try {
    const packaged = await packageCharts({
      charts: opts.charts ?? defaultCharts(),
      repositories,
      workDir,
      baseUrl: url,
      helmBinary: opts.helmBinary ?? resolveHelmBinary(),
    });
    for (const repo of packaged) await addRoutes(routes, repo);
  } catch (err) {
    await stop();
    throw err;
  }
  const served = repositories.map((r) => ({
    prefix: r.prefix,
    url: `${url}/${r.prefix}`,
    mirrors: r.mirrors,
  }));
  return { url, repositories: served, stop };
}

async function addRoutes(routes: Map<string, string>, repo: PackagedRepository): Promise<void> {
  const base = repo.prefix ? `/${repo.prefix}/` : '/';
  for (const file of await readdir(repo.dir)) {
    if (file === 'index.yaml' || file.endsWith('.tgz'))
      routes.set(base + file, join(repo.dir, file));
  }
}

function serve(routes: Map<string, string>, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res
      .writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' })
      .end('Method not allowed\n');
    return;
  }
  if (routes.size === 0) {
    res
      .writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' })
      .end('Packaging charts\n');
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/{2,}/g, '/');
  const file = routes.get(path);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found: ${path}\n`);
    return;
  }
  const type = path.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip';
  res.writeHead(200, { 'Content-Type': type });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${actual}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
