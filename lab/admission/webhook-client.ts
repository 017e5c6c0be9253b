// Posts an AdmissionReview to a webhook over HTTPS, as kube-apiserver's webhook client does: URL
// or service reference (resolved through the lab's serviceResolver, TLS server name
// NAME.NAMESPACE.svc), TLS verified against caBundle, `?timeout=Ns` and a deadline, keep-alive
// agents per CA. Failures become CallingWebhookError worded like Go's net/http errors.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { isIP } from 'node:net';
import { CallingWebhookError } from './review.js';
import type { Webhook } from './webhook-config.js';

/** Maps a service reference to where it listens (the lab has no cluster network). */
export type ServiceResolver = (
  namespace: string,
  name: string,
  port: number,
) => { host: string; port: number } | undefined;

interface Target {
  /** The URL kube would show in errors (service refs as https://NAME.NS.svc:PORT/PATH). */
  displayUrl: string;
  host: string;
  port: number;
  path: string;
  servername: string | undefined;
}

const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

function targetOf(w: Webhook, resolve: ServiceResolver | undefined): Target | string {
  const query = `?timeout=${w.timeoutSeconds}s`;
  const svc = w.clientConfig.service;
  if (svc) {
    const dns = `${svc.name}.${svc.namespace}.svc`;
    const path = svc.path ?? '/';
    const displayUrl = `https://${dns}:${svc.port}${path}${query}`;
    const resolved = resolve?.(svc.namespace, svc.name, svc.port);
    if (!resolved) return `Post "${displayUrl}": service "${svc.name}" not found`;
    return {
      displayUrl,
      host: resolved.host,
      port: resolved.port,
      path: path + query,
      servername: dns,
    };
  }
  const url = new URL(w.clientConfig.url ?? '');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    displayUrl: `${url.origin}${url.pathname}${query}`,
    host,
    port: Number(url.port || 443),
    path: url.pathname + query,
    servername: isIP(host) ? undefined : host,
  };
}

const TLS_UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** Go-style wording of a Node network/TLS error. */
export function goNetError(err: NodeJS.ErrnoException, host: string, port: number): string {
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return `dial tcp ${host}:${port}: connect: connection refused`;
  if (code === 'ENOTFOUND') return `dial tcp: lookup ${host}: no such host`;
  if (code === 'ECONNRESET') return `read tcp ${host}:${port}: read: connection reset by peer`;
  if (TLS_UNKNOWN_CA.has(code)) {
    return 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `tls: failed to verify certificate: x509: ${err.message}`;
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
  }
  return err.message;
}

/** kube's client-go wording of a non-2xx answer without a Status body. */
function httpStatusError(code: number, body: string): string {
  if (code === 404) return 'the server could not find the requested resource';
  if (code === 400) return 'the server rejected our request for an unknown reason';
  if (code === 401) return 'Unauthorized';
  if (code === 403) return 'forbidden';
  const snippet = body.trim().slice(0, 200);
  return `an error on the server ("${snippet}") has prevented the request from succeeding`;
}

function statusMessage(code: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { kind?: string; message?: string };
    if (parsed.kind === 'Status' && parsed.message) return parsed.message;
  } catch {
    // not a Status body
  }
  return httpStatusError(code, body);
}

/** Calls webhooks; one keep-alive agent per CA bundle, destroyed by close(). */
export class WebhookClient {
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly resolve?: ServiceResolver) {}

  /** Posts the review and returns the parsed body; throws CallingWebhookError. */
  async call(w: Webhook, review: unknown): Promise<unknown> {
    const target = targetOf(w, this.resolve);
    if (typeof target === 'string') throw this.failure(w, target);
    const body = Buffer.from(JSON.stringify(review));
    const { code, text } = await this.post(w, target, body).catch((err: Error) => {
      throw this.failure(w, `Post "${target.displayUrl}": ${err.message}`);
    });
    if (code < 200 || code > 299) throw this.failure(w, statusMessage(code, text));
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw this.failure(w, (err as Error).message);
    }
  }

  /** Destroys every keep-alive agent. */
  close(): void {
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  private failure(w: Webhook, why: string): CallingWebhookError {
    return new CallingWebhookError(w.name, `failed to call webhook: ${why}`);
  }

  private agentFor(ca: string): Agent {
    const key = createHash('sha256').update(ca).digest('hex');
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new Agent({ keepAlive: true, ca: ca || undefined });
      this.agents.set(key, agent);
    }
    return agent;
  }

  private post(w: Webhook, t: Target, body: Buffer): Promise<{ code: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          method: 'POST',
          host: t.host,
          port: t.port,
          path: t.path,
          servername: t.servername,
          agent: this.agentFor(w.clientConfig.caBundle),
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'content-length': body.length,
          },
        },
        (res) => collect(res, resolve, reject),
      );
      const timer = setTimeout(
        () => req.destroy(new Error('context deadline exceeded')),
        w.timeoutSeconds * 1000,
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(new Error(goNetError(err, t.host, t.port))),
      );
      req.on('close', () => clearTimeout(timer));
      req.end(body);
    });
  }
}

function collect(
  res: IncomingMessage,
  resolve: (r: { code: number; text: string }) => void,
  reject: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_RESPONSE_BYTES) res.destroy(new Error('webhook response too large'));
    else chunks.push(c);
  });
  res.on('end', () =>
    resolve({ code: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
  );
  res.on('error', reject);
}
