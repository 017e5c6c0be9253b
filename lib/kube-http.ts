// Raw JSON requests to one Kubernetes API server over a keep-alive HTTPS agent built from a
// client-node KubeConfig. client-node 2 opens a fresh TLS connection per request; controllers
// that talk to many clusters (or often to one) reuse connections through this instead.
// Credentials come from the KubeConfig on every request (token files are re-read); nothing
// here logs. Errors are lib/kube-errors classes. Tests: kube-http.test.ts (against the lab).
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { fromStatus, parseStatus, toKubeError } from './kube-errors.js';
import type { KubeOperation } from './kube-errors.js';

/** One request; `path` starts with `/api` or `/apis` (or `/version`). */
export interface KubeHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Default `application/json`; patches name their type (merge, json, apply). */
  contentType?: string;
  /** Overrides the client's default timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Describes the call in errors (verb, kind, name, namespace). */
  op?: Partial<KubeOperation>;
}

export interface KubeHttpClientOptions {
  /** Default per-request timeout (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** What the server is to the user in errors, e.g. `cluster aks/cluster02`. */
  target?: string;
  /** Concurrent sockets to this server (default 16). */
  maxSockets?: number;
  /** Largest response body accepted (default 64 MiB). */
  maxResponseBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Raw JSON client for one cluster; `close()` releases its sockets. */
export class KubeHttpClient {
  readonly server: string;
  private readonly url: URL;
  private agent: HttpsAgent | HttpAgent | undefined;
  private readonly options: KubeHttpClientOptions;

  constructor(
    private readonly kubeConfig: KubeConfig,
    options: KubeHttpClientOptions = {},
  ) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster?.server) throw new Error('Kubeconfig has no current cluster with a server');
    this.server = cluster.server.replace(/\/+$/, '');
    this.url = new URL(this.server);
    this.options = options;
  }

  /** Sends a request and returns the parsed JSON body (undefined when empty). */
  async request<T = unknown>(req: KubeHttpRequest): Promise<T> {
    const op = this.operation(req);
    let res: { status: number; body: string };
    try {
      res = await this.send(req);
    } catch (err) {
      throw toKubeError(err, op);
    }
    if (res.status >= 400) throw fromStatus(res.status, parseStatus(res.body), op);
    return (res.body === '' ? undefined : JSON.parse(res.body)) as T;
  }

  /** Closes idle keep-alive sockets; later requests open new ones. */
  close(): void {
    this.agent?.destroy();
    this.agent = undefined;
  }

  private operation(req: KubeHttpRequest): KubeOperation {
    return {
      verb: req.op?.verb ?? req.method.toLowerCase(),
      kind: req.op?.kind ?? req.path,
      name: req.op?.name,
      namespace: req.op?.namespace,
      server: this.server,
      target: this.options.target,
    };
  }

  private async send(req: KubeHttpRequest): Promise<{ status: number; body: string }> {
    const opts: RequestOptions = {};
    await this.kubeConfig.applyToHTTPSOptions(opts);
    const agent = this.agentFor(opts);
    const headers = this.headers(req, opts.headers);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (payload !== undefined) headers['Content-Length'] = Buffer.byteLength(payload);
    const target = new URL(this.url.pathname.replace(/\/$/, '') + req.path, this.url);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) target.searchParams.set(k, v);
    }
    const signal = combineSignals(req.timeoutMs ?? this.options.timeoutMs, req.signal);
    return new Promise((resolve, reject) => {
      const send = this.url.protocol === 'http:' ? httpRequest : httpsRequest;
      const r = send(target, { method: req.method, agent, headers, signal }, (res) => {
        readBody(res, this.options.maxResponseBytes ?? DEFAULT_MAX_BYTES).then(
          (body) => resolve({ status: res.statusCode ?? 0, body }),
          reject,
        );
      });
      r.on('error', reject);
      r.end(payload);
    });
  }

  private headers(req: KubeHttpRequest, auth: RequestOptions['headers']): OutgoingHttpHeaders {
    return {
      ...(auth as OutgoingHttpHeaders | undefined),
      Accept: 'application/json',
      'User-Agent': this.options.userAgent ?? 'sveltos-ts',
      ...(req.body === undefined ? {} : { 'Content-Type': req.contentType ?? 'application/json' }),
    };
  }

  private agentFor(opts: RequestOptions): HttpsAgent | HttpAgent {
    if (this.agent) return this.agent;
    const common = { keepAlive: true, maxSockets: this.options.maxSockets ?? 16 };
    this.agent =
      this.url.protocol === 'http:'
        ? new HttpAgent(common)
        : new HttpsAgent({
            ...common,
            ca: opts.ca,
            cert: opts.cert,
            key: opts.key,
            ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
            ...(opts.servername ? { servername: opts.servername } : {}),
          });
    return this.agent;
  }
}

function combineSignals(timeoutMs: number | undefined, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return signal ? AbortSignal.any([timeout, signal]) : timeout;
}

function readBody(res: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(new Error(`Response body exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}
