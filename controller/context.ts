// The one Context every reconciler and deliverer of the controller receives (STYLE §10): the
// management cluster's clients, read-only caches, logger, metrics, events, clock and options
// already resolved to plain values. Built once by controller/start.ts; nothing here does I/O
// and there are no module-level singletons. Interfaces only; implementations in operations/.
import type { KubeConfig } from '@kubernetes/client-node';
import type {
  ClusterProfile,
  ClusterSet,
  ClusterSummary,
  FeatureID,
  Profile,
  SveltosCluster,
  SveltosSet,
} from '../api/types/index.js';
import type { ObjectMeta } from '../api/kube-types.js';
import type { ClusterClients } from '../lib/cluster-clients.js';
import type { ObjectStore } from '../lib/informer.js';
import type { KubeClient } from '../lib/kube-client.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { Logger } from '../lib/logger.js';
import type { ReconcileResult } from '../lib/reconcile-result.js';
import type { ControllerOptions } from './options.js';

export type { ControllerOptions, ObjectStore };

/** A ConfigMap as the cache holds it (plain JSON). */
export interface ConfigMapObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** A Secret as the cache holds it (plain JSON, `data` values base64). Never log it. */
export interface SecretObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  type?: string;
  data?: Record<string, string>;
}

/** Read-only views of the controller's informer caches (all namespaces). */
export interface ControllerStores {
  clusters: ObjectStore<SveltosCluster>;
  clusterProfiles: ObjectStore<ClusterProfile>;
  profiles: ObjectStore<Profile>;
  summaries: ObjectStore<ClusterSummary>;
  configMaps: ObjectStore<ConfigMapObject>;
  secrets: ObjectStore<SecretObject>;
  clusterSets: ObjectStore<ClusterSet>;
  sets: ObjectStore<SveltosSet>;
}

/** Time source; tests inject a fixed or stepping clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The object an Event is about. */
export interface EventSubject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/**
 * Records core/v1 Events on profiles and summaries. Fire and forget: never throws, never
 * blocks a reconcile; repeats of the same (object, type, reason, message) raise `count`.
 */
export interface EventRecorder {
  normal(subject: EventSubject, reason: string, message: string): void;
  warning(subject: EventSubject, reason: string, message: string): void;
  /** Resolves when every Event recorded so far has been written (or given up on). */
  flush(): Promise<void>;
}

/** Outcome label of a deployment, for the deploy latency histogram. */
export type DeployResult = 'success' | 'failure';

/** The controller's Prometheus metrics (one registry per process, never the global one). */
export interface ControllerMetrics {
  /** One finished reconcile of `controller` (`clusters`, `profiles`, `summaries` …). */
  recordReconcile(controller: string, result: ReconcileResult['kind'], durationMs: number): void;
  /** One error of `controller`, by stable reason (e.g. `Unreachable`, `Conflict`). */
  recordError(controller: string, reason: string): void;
  setQueueDepth(controller: string, depth: number): void;
  /** 1 while this replica holds the leader Lease. */
  setLeader(leader: boolean): void;
  /** Time one feature took to deploy or withdraw in one cluster (push and pull deliverers). */
  observeDeploy(feature: FeatureID, result: DeployResult, durationMs: number): void;
  /** The exposition text of `/metrics`. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** The management cluster: where profiles, clusters and summaries live. */
export interface ManagementCluster {
  /** client-node KubeConfig of the management cluster (connections reused). */
  kubeConfig: KubeConfig;
  /** Typed CRUD and server-side apply (lib/kube-client.ts). */
  client: KubeClient;
  /** Raw JSON requests over kept-alive connections (status subresources, patches, Leases). */
  http: KubeHttpClient;
}

/** Everything a reconciler or deliverer may use; passed explicitly, never global. */
export interface ControllerContext {
  readonly options: ControllerOptions;
  readonly mgmt: ManagementCluster;
  readonly stores: ControllerStores;
  /** Kept-alive clients per managed cluster, from their kubeconfig Secrets (shared cache). */
  readonly clusterClients: ClusterClients;
  readonly logger: Logger;
  readonly metrics: ControllerMetrics;
  readonly events: EventRecorder;
  readonly clock: Clock;
  /** Aborted when the controller stops (shutdown or lost leadership). */
  readonly signal: AbortSignal;
}
