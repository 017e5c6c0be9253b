// HTTP plumbing of the lab API server: bounded body reads, JSON replies, Status replies,
// Warning headers and the parsing of the Accept header (Table, aggregated discovery).
// Knows nothing about resources or storage.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError, internalError, tooLarge } from './status-errors.js';

/** kube-apiserver's default request body limit (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body; throws StatusError 413 beyond `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Sends a JSON body with the given status code and extra headers. */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

/** Sends an already serialized JSON body. */
export function sendRawJson(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

/** Sends any error as a metav1.Status (unknown errors become 500 InternalError). */
export function sendError(res: ServerResponse, err: unknown): void {
  const status =
    err instanceof StatusError
      ? err
      : internalError(err instanceof Error ? err.message : String(err));
  const headers: Record<string, string> = {};
  if (status.details?.retryAfterSeconds)
    headers['Retry-After'] = String(status.details.retryAfterSeconds);
  sendJson(res, status.code, status.toStatus(), headers);
}

/** Adds `Warning: 299 - "TEXT"` headers, as kube-apiserver sends admission/validation warnings. */
export function setWarnings(res: ServerResponse, warnings: readonly string[]): void {
  if (warnings.length === 0 || res.headersSent) return;
  const unique = [...new Set(warnings)];
  res.setHeader(
    'Warning',
    unique.map((w) => `299 - ${JSON.stringify(w.replace(/[\r\n]+/g, ' '))}`),
  );
}

/** One media range of an Accept header with its parameters. */
export interface MediaRange {
  type: string;
  params: Record<string, string>;
}

/** Parses an Accept header into media ranges (order kept; q values ignored except q=0). */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...rawParams] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rawParams) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((m) => m.type && m.params.q !== '0');
}

/** True when the client asks for a server-side Table (`as=Table;g=meta.k8s.io`) before JSON. */
export function wantsTable(accept: MediaRange[]): boolean {
  const first = accept.find(
    (m) => m.params.as !== undefined || m.type.includes('json') || m.type === '*/*',
  );
  return first?.params.as === 'Table' && (first.params.g ?? 'meta.k8s.io') === 'meta.k8s.io';
}

/** The aggregated-discovery version asked for first (`v2` or `v2beta1`), if any. */
export function aggregatedDiscoveryVersion(accept: MediaRange[]): 'v2' | 'v2beta1' | undefined {
  for (const m of accept) {
    if (m.params.as === 'APIGroupDiscoveryList' && m.params.g === 'apidiscovery.k8s.io') {
      if (m.params.v === 'v2' || m.params.v === 'v2beta1') return m.params.v;
    }
    if (m.type === 'application/json' && m.params.as === undefined) return undefined;
  }
  return undefined;
}

/** The bearer token of the Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (!auth) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
  return m?.[1]?.trim();
}
