// Starts and stops the webhook under the caller's control: ensures the serving certificate,
// serves the express app over node:https, swaps certificates in place when they change on disk
// or are renewed, and (given a kubeconfig) keeps its webhook configurations' caBundle current
// and reads stored profiles through the API. Nothing listens at import time.
// Tests in server.test.ts, cert-reloader.test.ts and test/e2e/webhook-lab.test.ts.
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ValidationContext } from '../api/validation/index.js';
import type { LoadedKubeconfig } from '../lib/kubeconfig.js';
import type { LogLevel, Logger } from '../lib/logger.js';
import { createLogger } from '../lib/logger.js';
import type { AdmissionContext } from './admission-handler.js';
import { createWebhookApp } from './app.js';
import { startCertReloader } from './cert-reloader.js';
import { createWebhookMetrics } from './metrics.js';
import type { ServingCertificates } from './serving-certs.js';
import { ensureServingCertificates, serviceDnsNames, splitHosts } from './serving-certs.js';
import { DEFAULT_SERVICE_NAME, DEFAULT_SERVICE_NAMESPACE } from './webhook-names.js';

export interface WebhookServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Where ca.crt/ca.key/tls.crt/tls.key live (created when missing). */
  certDir: string;
  /** Extra certificate SANs: DNS names and IP addresses (e.g. 127.0.0.1 in the lab). */
  extraHosts?: string[];
  serviceName?: string;
  serviceNamespace?: string;
  logLevel?: LogLevel;
  /** Overrides logLevel. */
  logger?: Logger;
  /** Stored profiles/clusters for the validators; default: read through `kubeconfig`. */
  profileLookup?: () => Promise<ValidationContext>;
  /** Credentials to read profiles and patch the webhook configurations' caBundle. */
  kubeconfig?: LoadedKubeconfig;
  bodyLimitBytes?: number;
  certValidityDays?: number;
  certRenewBeforeMs?: number;
  certCheckIntervalMs?: number;
}

export interface WebhookServer {
  /** `https://HOST:PORT`. */
  url: string;
  /** Base64 PEM of the CA, as `clientConfig.caBundle` wants it; follows rotations. */
  readonly caBundle: string;
  stop(): Promise<void>;
}

/**
 * Starts the webhook. Resolves once it listens with a valid certificate; rejects when the
 * certificate cannot be obtained or the port cannot be bound.
 */
export async function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  const logger =
    opts.logger ?? createLogger({ level: opts.logLevel ?? 'info', base: { component: 'webhook' } });
  const requirements = certificateRequirements(opts);
  let certs = ensureServingCertificates(opts.certDir, requirements);
  if (certs.issued)
    logger.info('Issued serving certificate', {
      dir: opts.certDir,
      dnsNames: requirements.dnsNames,
    });
  let listening = false;
  const metrics = createWebhookMetrics();
  const kube = opts.kubeconfig
    ? (await import('./kube-integration.js')).createKubeIntegration(opts.kubeconfig, logger)
    : undefined;
  const caPatcher = kube?.caBundle;
  const app = createWebhookApp({
    context: admissionContext(opts, kube?.context),
    metrics,
    logger,
    isReady: () => listening,
    bodyLimitBytes: opts.bodyLimitBytes,
  });
  const server = createServer(
    { cert: certs.certPem, key: certs.keyPem, minVersion: 'TLSv1.2' },
    app,
  );
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  const reloader = startCertReloader({
    dir: opts.certDir,
    requirements,
    current: certs,
    checkIntervalMs: opts.certCheckIntervalMs,
    logger,
    onChange: (next) => {
      const caChanged = next.caPem !== certs.caPem;
      certs = next;
      server.setSecureContext({ cert: next.certPem, key: next.keyPem, minVersion: 'TLSv1.2' });
      logger.info('Reloaded serving certificate', { dir: opts.certDir, caChanged });
      if (caChanged) caPatcher?.update(toCaBundle(next));
    },
  });
  const port = await listen(server, opts.port, opts.host ?? '127.0.0.1');
  listening = true;
  caPatcher?.update(toCaBundle(certs));
  const url = `https://${urlHost(opts.host ?? '127.0.0.1')}:${port}`;
  logger.info('Webhook listening', { url });
  return {
    url,
    get caBundle() {
      return toCaBundle(certs);
    },
    stop: async () => {
      listening = false;
      reloader.stop();
      caPatcher?.stop();
      await close(server);
    },
  };
}

function certificateRequirements(opts: WebhookServerOptions): {
  dnsNames: string[];
  ipAddresses: string[];
  validityDays?: number;
  renewBeforeMs?: number;
} {
  const service = serviceDnsNames(
    opts.serviceName ?? DEFAULT_SERVICE_NAME,
    opts.serviceNamespace ?? DEFAULT_SERVICE_NAMESPACE,
  );
  const extra = splitHosts(opts.extraHosts ?? []);
  return {
    dnsNames: [...new Set([...service, ...extra.dnsNames])],
    ipAddresses: [...new Set(extra.ipAddresses)],
    validityDays: opts.certValidityDays,
    renewBeforeMs: opts.certRenewBeforeMs,
  };
}

function admissionContext(
  opts: WebhookServerOptions,
  fromApi: AdmissionContext | undefined,
): AdmissionContext {
  if (opts.profileLookup) return { lookup: opts.profileLookup, remember: () => {} };
  return fromApi ?? { lookup: () => Promise.resolve({}), remember: () => {} };
}

function toCaBundle(certs: ServingCertificates): string {
  return Buffer.from(certs.caPem).toString('base64');
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
