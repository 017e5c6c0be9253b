// The controller's HTTP endpoints: `/healthz` (the process answers), `/readyz` (caches synced
// and either leading or standing by), and Prometheus `/metrics`. Started and stopped by the
// caller on the address it gives (port 0 = any free port); nothing listens at import time.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One GET route: returns status, content type and body. */
export type Route = () => Promise<{ status: number; contentType?: string; body: string }>;

export interface HttpEndpoint {
  /** `http://HOST:PORT` actually bound. */
  url: string;
  stop(): Promise<void>;
}

/** Serves `routes` (exact paths, GET only) on host:port. */
export async function startHttpEndpoint(opts: {
  host: string;
  port: number;
  routes: Record<string, Route>;
}): Promise<HttpEndpoint> {
  const server = createServer((req, res) => void handle(opts.routes, req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, stop: () => close(server) };
}

async function handle(
  routes: Record<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const route = routes[path];
  if (req.method !== 'GET' || !route) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  try {
    const out = await route();
    res.writeHead(out.status, { 'Content-Type': out.contentType ?? 'text/plain' }).end(out.body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${message}\n`);
  }
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A readiness check: '' when ready, else why not. */
export type ReadinessCheck = () => string;

/** `/healthz` and `/readyz` routes over readiness checks (all must pass). */
export function probeRoutes(checks: Record<string, ReadinessCheck>): Record<string, Route> {
  return {
    '/healthz': () => Promise.resolve({ status: 200, body: 'ok\n' }),
    '/readyz': () => {
      const failing = Object.entries(checks)
        .map(([name, check]) => [name, check()] as const)
        .filter(([, reason]) => reason !== '');
      if (failing.length === 0) return Promise.resolve({ status: 200, body: 'ok\n' });
      const body = failing.map(([name, reason]) => `[-] ${name}: ${reason}`).join('\n') + '\n';
      return Promise.resolve({ status: 503, body });
    },
  };
}
