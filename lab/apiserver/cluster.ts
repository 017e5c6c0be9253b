// One virtual cluster of a lab server: identity (name, token, version), installed extensions,
// and its state (store, registry, persistence) created lazily on first use so a thousand idle
// clusters cost almost nothing. Implements the public `LabCluster` view and `ClusterRuntime`.
import { randomBytes } from 'node:crypto';
import { INITIAL_NAMESPACES, storageKey } from './builtin-resources.js';
import type {
  AdmissionController,
  Authenticator,
  Authorizer,
  ClusterController,
  InternalClient,
  LabCluster,
  LabExtensions,
  RequestFilter,
  UserInfo,
} from './extension-points.js';
import { createInternalClient } from './internal-client.js';
import { renderKubeconfig } from './kubeconfig.js';
import { ClusterPersistence } from './persistence.js';
import type { LoadedState } from './persistence.js';
import { ResourceRegistry } from './registry.js';
import type { ClusterRuntime } from './scope.js';
import { nowTimestamp } from './scope.js';
import { ObjectStore } from './store.js';

/** The admin identity of the lab kubeconfig. */
export const ADMIN_USER: UserInfo = {
  username: 'admin',
  groups: ['system:masters', 'system:authenticated'],
};

export interface ClusterOptions {
  name: string;
  baseUrl: string;
  caPem: string;
  version?: string;
  /** Directory for this cluster's journal; undefined = in memory only. */
  dataDir?: string;
  /** Events kept for watches resuming from a resourceVersion. */
  watchWindow?: number;
  /** Interval of watch bookmarks when clients allow them (default 60 s, as kube). */
  bookmarkIntervalMs?: number;
}

interface ClusterState {
  store: ObjectStore;
  registry: ResourceRegistry;
  persistence?: ClusterPersistence;
}

const CRD_KEY = storageKey('apiextensions.k8s.io', 'customresourcedefinitions');

export class VirtualCluster implements LabCluster, ClusterRuntime {
  readonly name: string;
  readonly baseUrl: string;
  readonly caPem: string;
  readonly adminToken: string;
  version: string;
  authenticator: Authenticator;
  authorizer: Authorizer = { authorize: () => Promise.resolve({ allowed: true }) };
  admission: AdmissionController[] = [];
  filters: RequestFilter[] = [];
  private readonly controllers: ClusterController[] = [];
  private state: ClusterState | undefined;
  private internal: InternalClient | undefined;

  constructor(private readonly opts: ClusterOptions) {
    this.name = opts.name;
    this.baseUrl = opts.baseUrl;
    this.caPem = opts.caPem;
    this.version = opts.version ?? 'v1.32.5';
    const identity = opts.dataDir ? this.loadIdentity(opts.dataDir) : undefined;
    this.adminToken = identity?.token ?? randomBytes(24).toString('base64url');
    if (identity?.version && !opts.version) this.version = identity.version;
    this.authenticator = {
      authenticate: (token) => Promise.resolve(token === this.adminToken ? ADMIN_USER : undefined),
    };
  }

  get bookmarkIntervalMs(): number {
    return this.opts.bookmarkIntervalMs ?? 60_000;
  }

  get lab(): LabCluster {
    return this;
  }

  get store(): ObjectStore {
    return this.ensureState().store;
  }

  get registry(): ResourceRegistry {
    return this.ensureState().registry;
  }

  get client(): InternalClient {
    this.internal ??= createInternalClient(this);
    return this.internal;
  }

  kubeconfig(opts: { contextName?: string } = {}): string {
    return renderKubeconfig({
      name: this.name,
      server: this.baseUrl,
      caPem: this.caPem,
      token: this.adminToken,
      ...(opts.contextName ? { contextName: opts.contextName } : {}),
    });
  }

  use(ext: LabExtensions): void {
    if (ext.authenticator) this.authenticator = ext.authenticator;
    if (ext.authorizer) this.authorizer = ext.authorizer;
    this.admission.push(...(ext.admission ?? []));
    this.filters.push(...(ext.filters ?? []));
    if (ext.virtualResources) this.registry.addVirtual(ext.virtualResources);
    for (const c of ext.controllers ?? []) {
      this.controllers.push(c);
      c.start(this);
    }
  }

  afterWrite(): void {
    const p = this.state?.persistence;
    if (p?.wantsSnapshot()) p.snapshot(this.snapshotState());
  }

  /** Stops the cluster's controllers and closes its journal. */
  async stop(): Promise<void> {
    for (const c of this.controllers.splice(0).reverse()) await c.stop();
    this.state?.persistence?.close();
  }

  private loadIdentity(dir: string): { token: string; version?: string } | undefined {
    const p = new ClusterPersistence(dir);
    const identity = p.readJson<{ token: string; version?: string }>('cluster.json');
    if (!identity)
      p.writeJson('cluster.json', {
        token: randomBytes(24).toString('base64url'),
        version: this.opts.version,
      });
    return identity ?? p.readJson<{ token: string; version?: string }>('cluster.json');
  }

  private snapshotState(): LoadedState {
    const store = this.ensureState().store;
    const objects = store
      .keys()
      .flatMap((key) => store.list(key).map((object) => ({ key, object })));
    return { rv: store.currentRv(), objects };
  }

  private ensureState(): ClusterState {
    if (this.state) return this.state;
    const persistence = this.opts.dataDir ? new ClusterPersistence(this.opts.dataDir) : undefined;
    const store = new ObjectStore({ windowSize: this.opts.watchWindow, journal: persistence });
    const registry = new ResourceRegistry();
    this.state = { store, registry, ...(persistence ? { persistence } : {}) };
    const loaded = persistence?.load();
    if (loaded && loaded.rv > 0) {
      store.restore(loaded.rv, loaded.objects);
      for (const crd of store.list(CRD_KEY)) registry.registerCrd(crd);
      persistence?.snapshot(this.snapshotState());
    } else {
      this.createInitialNamespaces(store);
    }
    return this.state;
  }

  private createInitialNamespaces(store: ObjectStore): void {
    const now = nowTimestamp();
    for (const name of INITIAL_NAMESPACES) {
      store.put(storageKey('', 'namespaces'), {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: randomBytes(16)
            .toString('hex')
            .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
          creationTimestamp: now,
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
  }
}
