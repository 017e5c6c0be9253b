// Prometheus metrics of the webhook, in a registry owned by one server instance (no global
// default registry, so servers in one process never share counters). Tests in server.test.ts.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Outcome label values: admission results plus envelope failures. */
export type RequestResult = 'allowed' | 'denied' | 'patched' | 'errored' | 'bad_request';

export interface WebhookMetrics {
  registry: Registry;
  /** Records one admission request by endpoint path and result. */
  observe(endpoint: string, result: RequestResult, seconds: number): void;
}

/** Creates the registry with request counts and a latency histogram. */
export function createWebhookMetrics(opts: { processMetrics?: boolean } = {}): WebhookMetrics {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'sveltos_webhook_requests_total',
    help: 'Admission requests answered, by endpoint and result',
    labelNames: ['endpoint', 'result'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'sveltos_webhook_request_duration_seconds',
    help: 'Time to answer an admission request, by endpoint and result',
    labelNames: ['endpoint', 'result'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    observe(endpoint, result, seconds) {
      requests.inc({ endpoint, result });
      latency.observe({ endpoint, result }, seconds);
    },
  };
}
