// The admin-only HTTP endpoint of a cluster's fault settings, `BASE/lab/faults`: GET shows them,
// POST merges a JSON change, DELETE clears them. Authorised by the cluster's admin bearer token;
// answers plain JSON (the settings, or `{ "error": "..." }`). Used by `sveltos-lab fault`.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabCluster } from '../apiserver/extension-points.js';
import { FaultSettingsError } from './fault-settings.js';
import type { FaultSettings } from './fault-settings.js';

/** The part of the injector the endpoint drives. */
export interface FaultControl {
  get(): FaultSettings;
  set(change: Partial<FaultSettings>): FaultSettings;
  clear(): FaultSettings;
}

const MAX_BODY = 64 * 1024;

function send(res: ServerResponse, code: number, body: unknown): boolean {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body) + '\n');
  return true;
}

function isAdmin(req: IncomingMessage, cluster: LabCluster): boolean {
  const m = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1].trim());
  const want = Buffer.from(cluster.adminToken);
  return given.length === want.length && timingSafeEqual(given, want);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy(new Error('Fault settings body is too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function applyChange(
  req: IncomingMessage,
  res: ServerResponse,
  control: FaultControl,
): Promise<boolean> {
  try {
    const change = JSON.parse((await readBody(req)) || '{}') as Partial<FaultSettings>;
    return send(res, 200, control.set(change));
  } catch (err) {
    const message =
      err instanceof FaultSettingsError
        ? err.message
        : `Invalid fault settings body: ${(err as Error).message}`;
    return send(res, 400, { error: message });
  }
}

/** Serves one request to the endpoint; always answers (returns true). */
export async function serveFaultEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  cluster: LabCluster,
  control: FaultControl,
): Promise<boolean> {
  if (!isAdmin(req, cluster)) return send(res, 401, { error: 'Unauthorized' });
  if (req.method === 'GET') return send(res, 200, control.get());
  if (req.method === 'DELETE') return send(res, 200, control.clear());
  if (req.method === 'POST' || req.method === 'PUT') return applyChange(req, res, control);
  return send(res, 405, {
    error: `Method ${req.method ?? ''} is not allowed on the fault endpoint`,
  });
}
