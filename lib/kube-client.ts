// Thin typed helpers over @kubernetes/client-node for one cluster: get / list / create /
// server-side apply / delete of any kind, TokenRequest and /version, every failure mapped to a
// KubeApiError subclass (lib/kube-errors.ts). Each request carries a timeout and a User-Agent.
// Heavy to import (~0.9 s unbundled): CLI code reaches it only through a dynamic import.
// Tested against the lab API server in test/e2e (never mocked).
import {
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  VersionApi,
  createConfiguration,
} from '@kubernetes/client-node';
import type { KubernetesObject, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { kubeconfigToYaml } from './kubeconfig.js';
import type { LoadedKubeconfig } from './kubeconfig.js';
import { NotFoundError, toKubeError } from './kube-errors.js';
import type { KubeOperation } from './kube-errors.js';

/** Any Kubernetes object as JSON; `apiVersion`, `kind` and `metadata.name` are required to write it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Identifies one object. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string | undefined;
}

/** Options of a client; `timeoutMs` bounds every request (default 30 s). */
export interface KubeClientOptions {
  timeoutMs?: number;
  userAgent?: string;
  /** What the cluster is to the user, used in errors (e.g. `the management cluster`). */
  target?: string;
}

/** Server version as reported by `/version`. */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  platform?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Typed CRUD for one cluster. Methods throw KubeApiError subclasses (see lib/kube-errors.ts). */
export class KubeClient {
  private readonly objects: KubernetesObjectApi;
  private readonly core: CoreV1Api;
  private readonly version: VersionApi;

  constructor(kubeconfig: LoadedKubeconfig, options: KubeClientOptions = {}) {
    this.server = kubeconfig.server;
    this.target = options.target;
    const kc = new KubeConfig();
    kc.loadFromString(kubeconfigToYaml(kubeconfig.doc));
    const config = createConfiguration({
      baseServer: new ServerConfiguration(kc.getCurrentCluster()?.server ?? this.server, {}),
      authMethods: { default: kc },
      promiseMiddleware: [requestMiddleware(options)],
    });
    this.objects = new KubernetesObjectApi(config);
    this.core = new CoreV1Api(config);
    this.version = new VersionApi(config);
  }

  /** The API server URL. */
  readonly server: string;
  private readonly target: string | undefined;

  /** Reads an object; `undefined` when it does not exist (404). */
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      return plain(await this.objects.read(header(ref)));
    } catch (err) {
      const mapped = toKubeError(err, this.op('get', ref));
      if (mapped instanceof NotFoundError) return undefined;
      throw mapped;
    }
  }

  /** Lists objects of a kind, optionally in one namespace and filtered by a label selector. */
  async list(
    apiVersion: string,
    kind: string,
    opts: { namespace?: string; labelSelector?: string } = {},
  ): Promise<KubeObject[]> {
    const op = this.op('list', { apiVersion, kind, name: '', namespace: opts.namespace });
    return this.call(op, async () => {
      const list = await this.objects.list(
        apiVersion,
        kind,
        opts.namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        opts.labelSelector,
      );
      return list.items.map((item) => plain({ ...item, apiVersion, kind }));
    });
  }

  /** Creates an object; throws AlreadyExistsError if it exists. */
  async create(obj: KubeObject, fieldManager: string): Promise<KubeObject> {
    return this.call(this.op('create', refOf(obj)), async () =>
      plain(await this.objects.create(clone(obj), undefined, undefined, fieldManager)),
    );
  }

  /** Server-side apply: creates or updates the fields `fieldManager` owns; `force` takes over conflicts. */
  async apply(obj: KubeObject, fieldManager: string, force = false): Promise<KubeObject> {
    return this.call(this.op('patch', refOf(obj)), async () =>
      plain(
        await this.objects.patch(
          clone(obj),
          undefined,
          undefined,
          fieldManager,
          force,
          PatchStrategy.ServerSideApply,
        ),
      ),
    );
  }

  /** Deletes an object (background propagation); `false` when it did not exist. */
  async delete(ref: ObjectRef): Promise<boolean> {
    try {
      await this.objects.delete(
        header(ref),
        undefined,
        undefined,
        undefined,
        undefined,
        'Background',
      );
      return true;
    } catch (err) {
      const mapped = toKubeError(err, this.op('delete', ref));
      if (mapped instanceof NotFoundError) return false;
      throw mapped;
    }
  }

  /** TokenRequest for a ServiceAccount; returns the token and its expiry (RFC 3339). */
  async createToken(
    namespace: string,
    serviceAccount: string,
    expirationSeconds?: number,
  ): Promise<{ token: string; expiration: string }> {
    const ref = {
      apiVersion: 'v1',
      kind: 'serviceaccounts/token',
      name: serviceAccount,
      namespace,
    };
    return this.call(this.op('create', ref), async () => {
      const res = await this.core.createNamespacedServiceAccountToken({
        name: serviceAccount,
        namespace,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: tokenSpec(expirationSeconds),
        },
      });
      const expiration = res.status?.expirationTimestamp;
      return {
        token: res.status?.token ?? '',
        expiration:
          expiration instanceof Date ? expiration.toISOString() : String(expiration ?? ''),
      };
    });
  }

  /** The server's `/version`. */
  async serverVersion(): Promise<ServerVersion> {
    const op = this.op('get', { apiVersion: 'v1', kind: 'version', name: '' });
    return this.call(op, async () => {
      const v = await this.version.getCode();
      return { major: v.major, minor: v.minor, gitVersion: v.gitVersion, platform: v.platform };
    });
  }

  private op(verb: string, ref: ObjectRef): KubeOperation {
    return {
      verb,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name || undefined,
      server: this.server,
      target: this.target,
    };
  }

  private async call<T>(op: KubeOperation, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toKubeError(err, op);
    }
  }
}

/** Builds a client for the cluster of a loaded kubeconfig. */
export function createKubeClient(
  kubeconfig: LoadedKubeconfig,
  options?: KubeClientOptions,
): KubeClient {
  return new KubeClient(kubeconfig, options);
}

function tokenSpec(expirationSeconds: number | undefined): {
  audiences: string[];
  expirationSeconds?: number;
} {
  return expirationSeconds ? { audiences: [], expirationSeconds } : { audiences: [] };
}

function requestMiddleware(options: KubeClientOptions): {
  pre: (ctx: RequestContext) => Promise<RequestContext>;
  post: (rsp: ResponseContext) => Promise<ResponseContext>;
} {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const userAgent = options.userAgent ?? 'sveltos-ts';
  return {
    pre: (ctx) => {
      ctx.setHeaderParam('User-Agent', userAgent);
      ctx.setSignal(AbortSignal.timeout(timeoutMs));
      return Promise.resolve(ctx);
    },
    post: (rsp) => Promise.resolve(rsp),
  };
}

function header(ref: ObjectRef): KubernetesObject & { metadata: { name: string } } {
  const metadata: { name: string; namespace?: string } = { name: ref.name };
  if (ref.namespace) metadata.namespace = ref.namespace;
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata };
}

/** The reference of an object. */
export function refOf(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
  };
}

function clone<T>(obj: T): T {
  return structuredClone(obj);
}

/** client-node deserialises built-in kinds into classes with Date fields; callers get JSON. */
function plain(obj: unknown): KubeObject {
  return JSON.parse(JSON.stringify(obj)) as KubeObject;
}
