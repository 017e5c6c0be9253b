// The agent's probe endpoints: /healthz (process alive), /readyz (ready once the first heartbeat
// reached the management cluster) and /metrics (prom-client text). Listens only when started.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** A running probe server. */
export interface ProbeServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the probe server on `port` (0 = any free port). */
export async function startProbeServer(opts: {
  port: number;
  ready: () => boolean;
  registry?: Registry;
}): Promise<ProbeServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return void res.writeHead(200).end('ok');
    if (path === '/readyz') {
      const ok = opts.ready();
      return void res.writeHead(ok ? 200 : 503).end(ok ? 'ok' : 'not ready');
    }
    if (path === '/metrics' && opts.registry) {
      const registry = opts.registry;
      void registry.metrics().then(
        (body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
