// A small HTTPS client that posts AdmissionReviews the way kube-apiserver does: JSON over TLS,
// trusting only the given CA, over a keep-alive agent. Used by tests and bench/ to drive a
// running webhook; not used by the server itself.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';

export interface AdmissionClientOptions {
  url: string;
  /** Base64 PEM (a caBundle) or PEM text of the CA to trust. */
  caBundle: string;
  /** TLS server name to verify, when it differs from the URL host. */
  servername?: string;
  maxSockets?: number;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface AdmissionClient {
  /** Posts `body` (a string is sent verbatim) to `path`. Never rejects on HTTP status. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  get(path: string): Promise<RawResponse>;
  close(): void;
}

/** Creates a client; call close() to release its sockets. */
export function createAdmissionClient(opts: AdmissionClientOptions): AdmissionClient {
  const ca = opts.caBundle.includes('BEGIN CERTIFICATE')
    ? opts.caBundle
    : Buffer.from(opts.caBundle, 'base64').toString('utf8');
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 64, ca });
  const base = new URL(opts.url);
  const send = (
    method: string,
    path: string,
    payload?: Buffer,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: base.hostname,
          port: base.port,
          path,
          method,
          agent,
          servername: opts.servername,
          headers: payload
            ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers }
            : headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    post: (path, body, headers) =>
      send(
        'POST',
        path,
        Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
        headers,
      ),
    get: (path) => send('GET', path),
    close: () => agent.destroy(),
  };
}

/** Input of buildAdmissionReview; the kind is read from the object unless given. */
export interface ReviewInput {
  object?: unknown;
  oldObject?: unknown;
  operation?: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  uid?: string;
  kind?: { group: string; version: string; kind: string };
  dryRun?: boolean;
}

/** An AdmissionReview request as kube-apiserver would send it for `input.object`. */
export function buildAdmissionReview(input: ReviewInput): Record<string, unknown> {
  const obj = (input.object ?? input.oldObject ?? {}) as ObjectHeader;
  const kind = input.kind ?? kindOf(obj);
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: input.uid ?? randomUUID(),
      kind,
      resource: {
        group: kind.group,
        version: kind.version,
        resource: `${kind.kind.toLowerCase()}s`,
      },
      name: obj.metadata?.name,
      namespace: obj.metadata?.namespace,
      userInfo: { username: 'admin', groups: ['system:masters'] },
      ...requestDefaults(input),
    },
  };
}

function requestDefaults(input: ReviewInput): Record<string, unknown> {
  return {
    operation: input.operation ?? 'CREATE',
    object: input.object ?? null,
    oldObject: input.oldObject ?? null,
    dryRun: input.dryRun ?? false,
  };
}

interface ObjectHeader {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

function kindOf(obj: ObjectHeader): { group: string; version: string; kind: string } {
  const [group, version] = splitApiVersion(obj.apiVersion ?? '');
  return { group, version, kind: obj.kind ?? '' };
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}
