// Plug-in interfaces of the lab API server: authentication, authorization, admission, request
// filters (faults) and in-process controllers, plus the `LabCluster` view they receive.
// Security and runtime developers implement these; the core server only calls them.
// Types only: no runtime code lives here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  GroupVersionKind,
  GroupVersionResource,
  KubeObject,
  ResourceInfo,
  WatchEvent,
} from './types.js';

/** The authenticated identity of a request (`authentication.k8s.io/v1` UserInfo). */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What a request is about, computed like k8s.io/apiserver's RequestInfoFactory. */
export interface RequestInfo {
  isResourceRequest: boolean;
  /** The path relative to the cluster's base URL, e.g. `/api/v1/namespaces/x/pods`. */
  path: string;
  /** get, list, watch, create, update, patch, delete, deletecollection (or http verb lower-case). */
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/** Resolves a bearer token to a user; undefined → 401 Unauthorized. */
export interface Authenticator {
  authenticate(token: string | undefined, cluster: LabCluster): Promise<UserInfo | undefined>;
}

/** Decides whether a user may do a request; `allowed: false` → 403 with kube's wording. */
export interface Authorizer {
  authorize(
    user: UserInfo,
    info: RequestInfo,
    cluster: LabCluster,
  ): Promise<{ allowed: boolean; reason?: string }>;
}

/** The input of one admission decision. */
export interface AdmissionAttributes {
  operation: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  info: RequestInfo;
  gvk: GroupVersionKind;
  /** The object being written (absent on DELETE). */
  object?: KubeObject;
  /** The stored object (UPDATE and DELETE). */
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
  /** CreateOptions / UpdateOptions / PatchOptions / DeleteOptions of the request. */
  options?: unknown;
  cluster: LabCluster;
}

/**
 * Admission: `mutate` runs first (may return a changed object), then schema validation and
 * defaulting, then `validate`. Denials throw a StatusError (the message reaches kubectl as is).
 */
export interface AdmissionController {
  mutate(a: AdmissionAttributes): Promise<{ object?: KubeObject; warnings: string[] }>;
  validate(a: AdmissionAttributes): Promise<{ warnings: string[] }>;
}

/** Runs before authentication; returns true when it has answered the request (fault injection). */
export interface RequestFilter {
  handle(req: IncomingMessage, res: ServerResponse, cluster: LabCluster): Promise<boolean>;
}

/** An in-process controller bound to one cluster (GC, namespace, token controller, kubelet…). */
export interface ClusterController {
  start(cluster: LabCluster): void;
  stop(): Promise<void>;
}

/** Options of InternalClient writes; mirror the query parameters of the HTTP API. */
export interface InternalWriteOptions {
  fieldManager?: string;
  force?: boolean;
  dryRun?: boolean;
  subresource?: string;
}

/** Options of InternalClient deletes. */
export interface InternalDeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/**
 * In-process access for controllers: same pipeline as HTTP (defaulting, validation, admission,
 * finalizers, resourceVersion, watch events) as `system:admin` in `system:masters`. Writes throw
 * StatusError exactly where the HTTP API would answer an error.
 */
export interface InternalClient {
  get(gvr: GroupVersionResource, namespace: string, name: string): KubeObject | undefined;
  list(
    gvr: GroupVersionResource,
    namespace?: string,
    opts?: { labelSelector?: string; fieldSelector?: string },
  ): { items: KubeObject[]; resourceVersion: string };
  create(
    gvr: GroupVersionResource,
    obj: KubeObject,
    opts?: InternalWriteOptions,
  ): Promise<KubeObject>;
  update(
    gvr: GroupVersionResource,
    obj: KubeObject,
    opts?: InternalWriteOptions,
  ): Promise<KubeObject>;
  updateStatus(gvr: GroupVersionResource, obj: KubeObject): Promise<KubeObject>;
  /** Patches like the HTTP PATCH verb (`apply` needs `opts.fieldManager`). */
  patch(
    gvr: GroupVersionResource,
    namespace: string,
    name: string,
    patchType: 'merge' | 'json' | 'strategic' | 'apply',
    body: unknown,
    opts?: InternalWriteOptions,
  ): Promise<KubeObject>;
  delete(
    gvr: GroupVersionResource,
    namespace: string,
    name: string,
    opts?: InternalDeleteOptions,
  ): Promise<KubeObject | undefined>;
  /** Starts a watch; events after `resourceVersion` (or from now); returns a stop function. */
  watch(
    gvr: GroupVersionResource,
    opts: { namespace?: string; resourceVersion?: string; labelSelector?: string },
    onEvent: (e: WatchEvent) => void,
  ): () => void;
}

/** Read access to the resources a cluster serves (built-ins plus registered CRDs). */
export interface ResourceRegistryView {
  /** By group, version and plural resource name. */
  lookup(group: string, version: string, resource: string): ResourceInfo | undefined;
  /** By group, version and kind. */
  byKind(gvk: GroupVersionKind): ResourceInfo | undefined;
  /** Every served resource, all versions. */
  all(): ResourceInfo[];
}

/**
 * A create-only resource or subresource served by a plug-in, without storage or watch
 * (TokenRequest, TokenReview, SubjectAccessReview…). Core lists it in discovery (verb `create`)
 * and answers 405 to other verbs.
 */
export interface VirtualResource {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  /** Set for a subresource of a stored resource (e.g. `token` of `serviceaccounts`). */
  subresource?: string;
  /**
   * Called after authentication and authorization of the POST; returns the response object
   * (sent with 201). Throw StatusError to refuse.
   */
  create(req: {
    cluster: LabCluster;
    user: UserInfo;
    info: RequestInfo;
    body: KubeObject;
    dryRun: boolean;
  }): Promise<KubeObject>;
}

/** Extension points installed with `LabCluster.use`; each given one replaces or adds. */
export interface LabExtensions {
  authenticator?: Authenticator;
  authorizer?: Authorizer;
  /** Appended to the admission chain, in order. */
  admission?: AdmissionController[];
  /** Appended to the filter chain, in order. */
  filters?: RequestFilter[];
  /** Started at once (and stopped with the cluster). */
  controllers?: ClusterController[];
  /** Create-only resources and subresources (appended; a later one with the same path wins). */
  virtualResources?: VirtualResource[];
}

/** One virtual cluster of a lab server, as seen by extensions and tests. */
export interface LabCluster {
  readonly name: string;
  /** `https://127.0.0.1:PORT/clusters/NAME` (no trailing slash). */
  readonly baseUrl: string;
  readonly adminToken: string;
  /** PEM of the CA that signed the server certificate. */
  readonly caPem: string;
  /** Reported by /version, e.g. `v1.32.5`. */
  version: string;
  readonly client: InternalClient;
  readonly registry: ResourceRegistryView;
  /** Admin kubeconfig (YAML) with bearer token and certificate-authority-data. */
  kubeconfig(opts?: { contextName?: string }): string;
  use(ext: LabExtensions): void;
}
