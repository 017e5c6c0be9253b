// Flags and environment of `sveltos-webhook`, resolved once into plain options (STYLE §10).
// Every flag has an environment fallback (SVELTOS_WEBHOOK_*) for Deployments. Pure: argv and env
// in, options or an OptionsError naming the flag out. Tests in options.test.ts.
import type { LogLevel } from '../lib/logger.js';
import { parseLogLevel } from '../lib/logger.js';
import { DEFAULT_SERVICE_NAME, DEFAULT_SERVICE_NAMESPACE } from './webhook-names.js';

/** Resolved options of one webhook process. */
export interface WebhookOptions {
  port: number;
  host: string;
  certDir: string;
  logLevel: LogLevel;
  /** Explicit kubeconfig file; undefined → in-cluster credentials when present, else none. */
  kubeconfig: string | undefined;
  serviceName: string;
  serviceNamespace: string;
  extraHosts: string[];
}

/** A flag with a bad value; the message names the flag and the accepted form. */
export class OptionsError extends Error {
  override readonly name = 'OptionsError';
  readonly reason = 'InvalidFlag';
}

export const DEFAULT_CERT_DIR = '/tmp/k8s-webhook-server/serving-certs';

export const USAGE = `Usage: sveltos-webhook [flags]

Admission webhook for Sveltos ClusterProfile, Profile and SveltosCluster.

Flags (environment variable in brackets):
  --port N               HTTPS port (default 9443) [SVELTOS_WEBHOOK_PORT]
  --host ADDR            address to bind (default 0.0.0.0) [SVELTOS_WEBHOOK_HOST]
  --cert-dir DIR         serving certificate dir, created when empty (default ${DEFAULT_CERT_DIR}) [SVELTOS_WEBHOOK_CERT_DIR]
  --log-level LEVEL      debug, info, warn or error (default info) [SVELTOS_WEBHOOK_LOG_LEVEL]
  --kubeconfig FILE      credentials to read profiles and patch caBundle (default: in-cluster) [KUBECONFIG]
  --service-name NAME    Service in front of the webhook (default ${DEFAULT_SERVICE_NAME}) [SVELTOS_WEBHOOK_SERVICE_NAME]
  --service-namespace NS its namespace (default ${DEFAULT_SERVICE_NAMESPACE}) [SVELTOS_WEBHOOK_SERVICE_NAMESPACE]
  --extra-hosts H1,H2    extra certificate names or IPs, e.g. 127.0.0.1 [SVELTOS_WEBHOOK_EXTRA_HOSTS]
  --help                 show this help
`;

const FLAGS: Record<string, string> = {
  port: 'SVELTOS_WEBHOOK_PORT',
  host: 'SVELTOS_WEBHOOK_HOST',
  'cert-dir': 'SVELTOS_WEBHOOK_CERT_DIR',
  'log-level': 'SVELTOS_WEBHOOK_LOG_LEVEL',
  kubeconfig: 'KUBECONFIG',
  'service-name': 'SVELTOS_WEBHOOK_SERVICE_NAME',
  'service-namespace': 'SVELTOS_WEBHOOK_SERVICE_NAMESPACE',
  'extra-hosts': 'SVELTOS_WEBHOOK_EXTRA_HOSTS',
};

/** `--flag value` / `--flag=value` pairs; throws on unknown flags or a missing value. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new OptionsError(`Unknown argument "${arg}": see --help`);
    const name = match[1] ?? '';
    if (!(name in FLAGS)) throw new OptionsError(`Unknown flag "--${name}": see --help`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new OptionsError(`Flag --${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/** Resolves flags, then environment, then defaults. */
export function resolveOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): WebhookOptions {
  const flags = parseFlags(argv);
  const get = (name: string): string | undefined => flags.get(name) ?? env[FLAGS[name] ?? ''];
  return {
    port: parsePort(get('port') ?? '9443'),
    host: get('host') ?? '0.0.0.0',
    certDir: get('cert-dir') ?? DEFAULT_CERT_DIR,
    logLevel: parseLevel(get('log-level') ?? 'info'),
    kubeconfig: get('kubeconfig') || undefined,
    serviceName: get('service-name') ?? DEFAULT_SERVICE_NAME,
    serviceNamespace: get('service-namespace') ?? DEFAULT_SERVICE_NAMESPACE,
    extraHosts: (get('extra-hosts') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== ''),
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (/^\d+$/.test(value) && port >= 0 && port <= 65535) return port;
  throw new OptionsError(`Invalid value "${value}" for --port: use a port number 0-65535`);
}

function parseLevel(value: string): LogLevel {
  try {
    return parseLogLevel(value);
  } catch {
    throw new OptionsError(
      `Invalid value "${value}" for --log-level: use debug, info, warn or error`,
    );
  }
}
