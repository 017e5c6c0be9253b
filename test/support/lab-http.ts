// Raw HTTPS requests to a lab cluster with its CA and admin token, for tests that check the
// wire (codes, Status bodies, headers, watch streams) below what kubectl or client-node show.
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';

/** Parsed JSON in tests: assertions read arbitrary paths, so it is deliberately untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The values of `key` in a JSON array (e.g. names of items), as strings. */
export function pluck(list: Json, key: string): string[] {
  return (list as Record<string, unknown>[]).map((item) => String(item[key]));
}

/** The first element of a JSON array whose `key` equals `value`. */
export function findBy(list: Json, key: string, value: string): Json {
  return (list as Record<string, unknown>[]).find((item) => item[key] === value);
}

export interface LabResponse {
  code: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: Json;
}

export interface LabRequestOptions {
  body?: unknown;
  /** Raw body bytes (takes precedence over `body`). */
  raw?: Buffer | string;
  contentType?: string;
  accept?: string;
  /** Bearer token; default the cluster's admin token, `null` for none. */
  token?: string | null;
}

/** Sends one request to `cluster.baseUrl + path` and reads the whole answer. */
export function labRequest(
  cluster: LabCluster,
  method: string,
  path: string,
  opts: LabRequestOptions = {},
): Promise<LabResponse> {
  const url = new URL(cluster.baseUrl + path);
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? cluster.adminToken : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/json';
    // node does not frame DELETE bodies by itself (no chunked encoding for that method).
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  if (opts.accept) headers.Accept = opts.accept;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        method,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        ca: cluster.caPem,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ code: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** An open watch stream: events received so far, and `close()`. */
export interface WatchStream {
  events: Json[];
  code: () => number;
  ended: () => boolean;
  close: () => void;
}

/** Opens `GET path` (a watch) and collects its JSON lines until closed or ended by the server. */
export function openWatch(
  cluster: LabCluster,
  path: string,
  accept?: string,
): Promise<WatchStream> {
  const url = new URL(cluster.baseUrl + path);
  return new Promise((resolve, reject) => {
    const events: Json[] = [];
    let buffer = '';
    let ended = false;
    const headers: Record<string, string> = { Authorization: `Bearer ${cluster.adminToken}` };
    if (accept) headers.Accept = accept;
    const req = request(
      {
        method: 'GET',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        ca: cluster.caPem,
        headers,
      },
      (res) => {
        res.on('data', (c: Buffer) => {
          buffer += c.toString('utf8');
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) events.push(JSON.parse(line));
          }
        });
        res.on('end', () => (ended = true));
        res.on('error', () => (ended = true));
        resolve({
          events,
          code: () => res.statusCode ?? 0,
          ended: () => ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', (e) => (ended ? undefined : reject(e)));
    req.end();
  });
}
