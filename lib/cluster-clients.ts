// One set of clients per managed cluster, built from its kubeconfig Secret and kept while the
// Secret is unchanged: a kept-alive raw client (lib/kube-http.ts) for chatty callers (health
// probes, applies), the typed client (lib/kube-client.ts), the client-node KubeConfig, and the
// self-contained kubeconfig text for tools that need a file (helm). A changed Secret (new
// resourceVersion or key) replaces the entry and closes the old connections. Credentials never
// appear in errors or logs. Tests: cluster-clients.test.ts (against the lab).
import { KubeConfig } from '@kubernetes/client-node';
import type { SveltosCluster } from '../api/types/index.js';
import { kubeconfigFromSecret } from './cluster-kubeconfig.js';
import type { SecretData } from './cluster-kubeconfig.js';
import { createKubeClient } from './kube-client.js';
import type { KubeClient } from './kube-client.js';
import { KubeHttpClient } from './kube-http.js';
import { KubeconfigError, kubeconfigToYaml, parseKubeconfig } from './kubeconfig.js';
import type { LoadedKubeconfig } from './kubeconfig.js';

/** Clients of one managed cluster. */
export interface ClusterConnection {
  /** `namespace/name` of the SveltosCluster. */
  key: string;
  /** Self-contained one-context kubeconfig YAML: holds credentials, never log it. */
  kubeconfigYaml: string;
  loaded: LoadedKubeconfig;
  kubeConfig: KubeConfig;
  /** Kept-alive raw JSON client. */
  http: KubeHttpClient;
  /** Typed CRUD and server-side apply. */
  client: KubeClient;
}

/** The cluster's credentials cannot be used; `reason` is stable, the message names the Secret. */
export class ClusterCredentialsError extends Error {
  override readonly name = 'ClusterCredentialsError';
  constructor(
    readonly reason: 'KubeconfigSecretInvalid' | 'KubeconfigMalformed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ClusterClientsOptions {
  /** Per-request timeout of the clients (default 30 s). */
  timeoutMs?: number;
  userAgent?: string;
}

interface Entry {
  fingerprint: string;
  connection: ClusterConnection;
}

/** Cache of ClusterConnections by cluster; one instance per controller process. */
export class ClusterClients {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: ClusterClientsOptions = {}) {}

  /**
   * The clients of `cluster`, built from `secret` (its kubeconfig Secret, undefined when missing).
   * Throws ClusterCredentialsError naming the Secret and key when it is missing or unusable.
   */
  get(cluster: SveltosCluster, secret: SecretData | undefined): ClusterConnection {
    const key = `${cluster.metadata.namespace ?? ''}/${cluster.metadata.name ?? ''}`;
    const lookup = kubeconfigFromSecret(cluster, secret);
    if (!lookup.ok || !secret) {
      this.forget(key);
      const message = lookup.ok ? 'No kubeconfig Secret' : lookup.message;
      throw new ClusterCredentialsError('KubeconfigSecretInvalid', message);
    }
    const meta = secret.metadata;
    const fingerprint = [meta.uid, meta.resourceVersion, lookup.key].join('/');
    const cached = this.entries.get(key);
    if (cached?.fingerprint === fingerprint) return cached.connection;
    this.forget(key);
    const where = `Secret ${meta.namespace ?? ''}/${meta.name ?? ''} key "${lookup.key}"`;
    const connection = this.connect(key, lookup.text, where);
    this.entries.set(key, { fingerprint, connection });
    return connection;
  }

  /** Drops (and disconnects) the clients of a cluster, e.g. when it is deleted. */
  forget(key: string): void {
    this.entries.get(key)?.connection.http.close();
    this.entries.delete(key);
  }

  /** Clusters with cached clients. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  close(): void {
    for (const key of [...this.entries.keys()]) this.forget(key);
  }

  private connect(key: string, text: string, where: string): ClusterConnection {
    let loaded: LoadedKubeconfig;
    try {
      loaded = parseKubeconfig(text, where);
    } catch (err) {
      const detail = err instanceof KubeconfigError ? err.message : 'it is not a kubeconfig';
      throw new ClusterCredentialsError(
        'KubeconfigMalformed',
        `Kubeconfig in ${where} is unusable: ${detail}`,
        {
          cause: err,
        },
      );
    }
    const kubeconfigYaml = kubeconfigToYaml(loaded.doc);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(kubeconfigYaml);
    const target = `cluster ${key}`;
    const userAgent = this.options.userAgent ?? 'sveltos-controller';
    const timeoutMs = this.options.timeoutMs;
    return {
      key,
      kubeconfigYaml,
      loaded,
      kubeConfig,
      http: new KubeHttpClient(kubeConfig, {
        target,
        userAgent,
        ...(timeoutMs ? { timeoutMs } : {}),
      }),
      client: createKubeClient(loaded, { target, userAgent, ...(timeoutMs ? { timeoutMs } : {}) }),
    };
  }
}
