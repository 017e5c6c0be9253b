// The probe (/healthz, /readyz) and metrics (/metrics) endpoints on the addresses the flags
// give; one server when both addresses are the same, none for an address of `0`.
import { parseBindAddress } from '../options.js';
import type { ControllerOptions } from '../options.js';
import type { ControllerMetrics } from '../context.js';
import { probeRoutes, startHttpEndpoint } from './probe-server.js';
import type { HttpEndpoint, Route } from './probe-server.js';

export interface Endpoints {
  healthUrl: string | undefined;
  metricsUrl: string | undefined;
  stop(): Promise<void>;
}

/** Starts the endpoints; `readiness` returns '' when ready, else why not. */
export async function startEndpoints(
  options: Pick<ControllerOptions, 'healthProbeBindAddress' | 'metricsBindAddress'>,
  metrics: ControllerMetrics,
  readiness: () => string,
): Promise<Endpoints> {
  const health = parseBindAddress(options.healthProbeBindAddress, 'health-probe-bind-address');
  const metricsAddr = parseBindAddress(options.metricsBindAddress, 'metrics-bind-address');
  const probes = probeRoutes({ controller: readiness });
  const metricsRoute: Record<string, Route> = {
    '/metrics': async () => ({
      status: 200,
      contentType: metrics.contentType,
      body: await metrics.render(),
    }),
  };
  const servers: HttpEndpoint[] = [];
  const shared =
    health &&
    metricsAddr &&
    options.healthProbeBindAddress === options.metricsBindAddress &&
    health.port !== 0;
  let healthUrl: string | undefined;
  let metricsUrl: string | undefined;
  if (health) {
    const server = await startHttpEndpoint({
      ...health,
      routes: shared ? { ...probes, ...metricsRoute } : probes,
    });
    servers.push(server);
    healthUrl = server.url;
    if (shared) metricsUrl = server.url;
  }
  if (metricsAddr && !shared) {
    const server = await startHttpEndpoint({ ...metricsAddr, routes: metricsRoute });
    servers.push(server);
    metricsUrl = server.url;
  }
  return {
    healthUrl,
    metricsUrl,
    stop: async () => void (await Promise.all(servers.map((s) => s.stop()))),
  };
}
