// The lab API server: one HTTPS listener (CA and serving certificate from lib/certs) hosting
// many virtual clusters at `/clusters/NAME`, optionally one at the root path, with state under
// `dataDir` when given. Nothing listens until `startLabServer` is called; `stop` closes all.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCertificateAuthority, createServingCertificate } from '../../lib/certs.js';
import type { CertificateKeyPair } from '../../lib/certs.js';
import { createLogger } from '../../lib/logger.js';
import type { LogLevel, Logger } from '../../lib/logger.js';
import { isDns1123Label } from '../../api/k8s-names.js';
import { VirtualCluster } from './cluster.js';
import type { ClusterOptions } from './cluster.js';
import { handleClusterRequest } from './cluster-handler.js';
import type { LabCluster } from './extension-points.js';
import { sendError } from './http-io.js';
import { badRequest, pathNotFound } from './status-errors.js';

export interface LabServerOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** Directory for certificates and cluster journals; state survives restarts. */
  dataDir?: string;
  logLevel?: LogLevel;
  logger?: Logger;
  /** Version every new cluster reports unless given one (default v1.32.5). */
  defaultVersion?: string;
  /** Called for every cluster added (install controllers, authenticators…). */
  onCluster?: (cluster: LabCluster) => void;
  /** Events retained per cluster for watches that resume from a resourceVersion. */
  watchWindow?: number;
  /** Interval of watch bookmarks (default 60 s); tests shorten it. */
  bookmarkIntervalMs?: number;
}

export interface AddClusterOptions {
  version?: string;
  /** Serve this cluster at the server root too (`https://127.0.0.1:PORT/api/...`). */
  root?: boolean;
}

export interface LabServer {
  /** `https://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly caPem: string;
  addCluster(name: string, opts?: AddClusterOptions): LabCluster;
  cluster(name: string): LabCluster | undefined;
  clusters(): LabCluster[];
  /** Names of clusters with state in `dataDir` (add them again with `addCluster`). */
  persistedClusters(): string[];
  stop(): Promise<void>;
}

interface ServerTls {
  ca: CertificateKeyPair;
  serving: CertificateKeyPair;
}

const TLS_FILES = ['ca.crt', 'ca.key', 'tls.crt', 'tls.key'];

function readTls(dir: string): ServerTls | undefined {
  const files = TLS_FILES.map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const [caCert, caKey, cert, key] = files.map((f) => readFileSync(f, 'utf8'));
  return {
    ca: { certPem: caCert, keyPem: caKey },
    serving: { certPem: cert, keyPem: key },
  };
}

function createTls(host: string): ServerTls {
  const ca = createCertificateAuthority({ commonName: 'sveltos-lab-ca' });
  const ips = ['127.0.0.1', ...(host !== '127.0.0.1' && /^[\d.]+$/.test(host) ? [host] : [])];
  const serving = createServingCertificate(ca, {
    dnsNames: ['localhost'],
    ipAddresses: ips,
    validityDays: 3650,
  });
  return { ca, serving };
}

/** The server's CA and certificate: reused from `dataDir/tls` when present (kubeconfigs stay valid). */
function loadOrCreateTls(dataDir: string | undefined, host: string): ServerTls {
  const dir = dataDir ? join(dataDir, 'tls') : undefined;
  const existing = dir ? readTls(dir) : undefined;
  if (existing) return existing;
  const tls = createTls(host);
  if (dir) {
    mkdirSync(dir, { recursive: true });
    const pems = [tls.ca.certPem, tls.ca.keyPem, tls.serving.certPem, tls.serving.keyPem];
    TLS_FILES.forEach((f, i) => writeFileSync(join(dir, f), pems[i] ?? '', { mode: 0o600 }));
  }
  return tls;
}

class LabServerImpl implements LabServer {
  url = '';
  port = 0;
  readonly caPem: string;
  private readonly clusterMap = new Map<string, VirtualCluster>();
  private rootCluster: VirtualCluster | undefined;
  private readonly server: Server;
  private readonly log: Logger;

  constructor(private readonly opts: LabServerOptions) {
    const tls = loadOrCreateTls(opts.dataDir, opts.host ?? '127.0.0.1');
    this.caPem = tls.ca.certPem;
    this.log =
      opts.logger ??
      createLogger({ level: opts.logLevel ?? 'info', base: { component: 'lab-apiserver' } });
    this.server = createServer({ cert: tls.serving.certPem, key: tls.serving.keyPem }, (req, res) =>
      this.dispatch(req, res),
    );
    this.server.requestTimeout = 0;
    this.server.keepAliveTimeout = 30_000;
  }

  async listen(): Promise<void> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `https://${host}:${this.port}`;
  }

  addCluster(name: string, opts: AddClusterOptions = {}): LabCluster {
    const existing = this.clusterMap.get(name);
    if (existing) return existing;
    const errors = isDns1123Label(name);
    if (errors.length > 0) throw new Error(`Invalid cluster name "${name}": ${errors.join('; ')}`);
    const cluster = new VirtualCluster(this.clusterOptions(name, opts));
    this.clusterMap.set(name, cluster);
    if (opts.root) this.rootCluster = cluster;
    this.opts.onCluster?.(cluster);
    return cluster;
  }

  private clusterOptions(name: string, opts: AddClusterOptions): ClusterOptions {
    const version = opts.version ?? this.opts.defaultVersion;
    return {
      name,
      baseUrl: opts.root ? this.url : `${this.url}/clusters/${name}`,
      caPem: this.caPem,
      ...(version ? { version } : {}),
      ...(this.opts.dataDir ? { dataDir: join(this.opts.dataDir, 'clusters', name) } : {}),
      watchWindow: this.opts.watchWindow,
      bookmarkIntervalMs: this.opts.bookmarkIntervalMs,
    };
  }

  cluster(name: string): LabCluster | undefined {
    return this.clusterMap.get(name);
  }

  clusters(): LabCluster[] {
    return [...this.clusterMap.values()];
  }

  async stop(): Promise<void> {
    for (const c of this.clusterMap.values()) await c.stop();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  persistedClusters(): string[] {
    const dir = this.opts.dataDir ? join(this.opts.dataDir, 'clusters') : undefined;
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  }

  private route(rawUrl: string): { cluster: VirtualCluster; path: string; query: URLSearchParams } {
    const url = new URL(rawUrl, 'https://lab.invalid');
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const cluster = m ? this.clusterMap.get(decodeURIComponent(m[1] ?? '')) : this.rootCluster;
    if (!cluster) throw pathNotFound();
    const path = m ? (m[2] ?? '/') : url.pathname;
    return { cluster, path, query: url.searchParams };
  }

  private dispatch(req: IncomingMessage, res: ServerResponse): void {
    let target: { cluster: VirtualCluster; path: string; query: URLSearchParams };
    try {
      target = this.route(req.url ?? '/');
      decodeURIComponent(target.path);
    } catch (e) {
      sendError(
        res,
        e instanceof URIError || e instanceof TypeError ? badRequest('malformed request URL') : e,
      );
      return;
    }
    const { cluster, path, query } = target;
    void handleClusterRequest({ req, res, rt: cluster, path, query, log: this.log });
  }
}

/** Starts a lab API server with no cluster; `addCluster` reloads a cluster kept in `dataDir`. */
export async function startLabServer(opts: LabServerOptions = {}): Promise<LabServer> {
  const server = new LabServerImpl(opts);
  await server.listen();
  return server;
}

/** A server with one cluster: the usual set-up of a test or a demo. */
export async function startLabCluster(
  opts: LabServerOptions & { name?: string; version?: string } = {},
): Promise<{ server: LabServer; cluster: LabCluster; stop: () => Promise<void> }> {
  const server = await startLabServer(opts);
  const cluster = server.addCluster(
    opts.name ?? 'lab',
    opts.version ? { version: opts.version } : {},
  );
  return { server, cluster, stop: () => server.stop() };
}
