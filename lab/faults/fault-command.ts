// `sveltos-lab fault`: shows or changes the fault settings of a running lab cluster through its
// admin-only `/lab/faults` endpoint, reading the server URL, CA and admin token from the
// cluster's kubeconfig (`--kubeconfig FILE`, or `--dir DIR --cluster NAME` as `up` writes them).
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'js-yaml';
import { FAULTS_PATH } from './fault-injector.js';
import type { FaultSettings } from './fault-settings.js';

/** Where output goes (process streams by default). */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const FAULT_USAGE = `Usage: sveltos-lab fault (--kubeconfig FILE | --dir DIR --cluster NAME) [changes]

Shows the fault settings of a lab cluster, or changes them:
  --latency-ms N          add N ms before every request
  --error-rate F          answer a fraction F (0..1) of requests with --error-code
  --error-code C          500, 503 or 429 (default 503)
  --retry-after S         Retry-After seconds on injected errors (default 1)
  --watch-event-limit N   end every watch stream after N events (0 = never)
  --outage / --no-outage  drop every connection to the cluster / serve again
  --clear                 remove every fault

Examples:
  sveltos-lab fault --dir .lab --cluster cluster01 --error-rate 0.1 --error-code 503
  sveltos-lab fault --kubeconfig .lab/mgmt.kubeconfig --outage
  sveltos-lab fault --dir .lab --cluster cluster01 --clear
`;

const OPTIONS = {
  kubeconfig: { type: 'string' },
  dir: { type: 'string' },
  cluster: { type: 'string' },
  'latency-ms': { type: 'string' },
  'error-rate': { type: 'string' },
  'error-code': { type: 'string' },
  'retry-after': { type: 'string' },
  'watch-event-limit': { type: 'string' },
  outage: { type: 'boolean' },
  'no-outage': { type: 'boolean' },
  clear: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

const NUMERIC: [keyof Values, keyof FaultSettings][] = [
  ['latency-ms', 'latencyMs'],
  ['error-rate', 'errorRate'],
  ['error-code', 'errorCode'],
  ['retry-after', 'retryAfterSeconds'],
  ['watch-event-limit', 'watchEventLimit'],
];

/** The settings change the flags ask for (numbers parsed; the server validates ranges). */
export function changeFromFlags(values: Values): Partial<FaultSettings> {
  const change: Record<string, unknown> = {};
  for (const [flag, field] of NUMERIC) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n))
      throw new Error(`Flag --${flag} needs a number, got "${raw}"`);
    change[field] = n;
  }
  if (values.outage) change.outage = true;
  if (values['no-outage']) change.outage = false;
  return change;
}

interface Endpoint {
  url: URL;
  ca: string | undefined;
  token: string;
}

type Named<T> = { name: string } & T;

interface Kubeconfig {
  'current-context'?: string;
  contexts?: Named<{ context: { cluster: string; user: string } }>[];
  clusters?: Named<{ cluster: { server: string; 'certificate-authority-data'?: string } }>[];
  users?: Named<{ user: { token?: string } }>[];
}

function byName<T extends { name: string }>(
  list: T[] | undefined,
  name: string | undefined,
): T | undefined {
  return list?.find((x) => x.name === name);
}

function currentParts(kc: Kubeconfig): { server?: string; caData?: string; token?: string } {
  const ctx = byName(kc.contexts, kc['current-context']) ?? kc.contexts?.[0];
  if (!ctx) return {};
  const cluster = byName(kc.clusters, ctx.context.cluster)?.cluster;
  const user = byName(kc.users, ctx.context.user)?.user;
  return {
    server: cluster?.server,
    caData: cluster?.['certificate-authority-data'],
    token: user?.token,
  };
}

/** Server, CA and token of the current context of a kubeconfig (YAML text). */
export function endpointFromKubeconfig(text: string): Endpoint {
  const { server, caData, token } = currentParts(load(text) ?? {});
  if (!server || !token) {
    throw new Error('Kubeconfig has no server and bearer token in its current context');
  }
  return {
    url: new URL(server.replace(/\/$/, '') + FAULTS_PATH),
    ca: caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined,
    token,
  };
}

function call(
  ep: Endpoint,
  method: string,
  body?: unknown,
): Promise<{ code: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(ep.url, {
      method,
      ca: ep.ca,
      headers: { authorization: `Bearer ${ep.token}`, 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ code: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function kubeconfigPath(values: Values): string {
  if (values.kubeconfig) return values.kubeconfig;
  if (values.dir && values.cluster) return join(values.dir, `${values.cluster}.kubeconfig`);
  throw new Error('Give --kubeconfig FILE, or --dir DIR and --cluster NAME');
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(FAULT_USAGE);
    return 0;
  }
  const ep = endpointFromKubeconfig(await readFile(kubeconfigPath(values), 'utf8'));
  const change = changeFromFlags(values);
  let result = values.clear ? await call(ep, 'DELETE') : undefined;
  if (Object.keys(change).length > 0) result = await call(ep, 'POST', change);
  result ??= await call(ep, 'GET');
  if (result.code !== 200) {
    const parsed = JSON.parse(result.text || '{}') as { error?: string };
    io.stderr(`sveltos-lab fault: ${parsed.error ?? `HTTP ${result.code}`}\n`);
    return 1;
  }
  io.stdout(result.text);
  return 0;
}

/** Runs `sveltos-lab fault ARGS…`; returns the exit code (errors go to stderr, never throw). */
export async function runFaultCommand(
  argv: string[],
  io: CommandIO = {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
  },
): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    io.stderr(`sveltos-lab fault: ${(err as Error).message}\n`);
    return 1;
  }
}
