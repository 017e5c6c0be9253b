// The internal view of a virtual cluster that request handlers and the in-process client share
// (store, registry, installed extensions), and the per-request scope of a read or write.
// Types and tiny helpers only.
import type {
  AdmissionController,
  Authenticator,
  Authorizer,
  LabCluster,
  RequestFilter,
  RequestInfo,
  UserInfo,
} from './extension-points.js';
import type { ResourceRegistry } from './registry.js';
import type { ObjectStore } from './store.js';
import type { ResourceInfo } from './types.js';

/** Everything a handler needs of one cluster. */
export interface ClusterRuntime {
  readonly lab: LabCluster;
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  readonly authenticator: Authenticator;
  readonly authorizer: Authorizer;
  readonly admission: readonly AdmissionController[];
  readonly filters: readonly RequestFilter[];
  /** Interval of periodic watch bookmarks. */
  readonly bookmarkIntervalMs: number;
  /** Called after every committed write (snapshots the journal when it has grown). */
  afterWrite(): void;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Query options of a write, already parsed. */
export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation: FieldValidation;
  force?: boolean;
  /** Used for the default field manager (`kubectl-create` from `kubectl-create/v1.32…`). */
  userAgent?: string;
}

/** One request against one resource. */
export interface Scope {
  rt: ClusterRuntime;
  user: UserInfo;
  info: RequestInfo;
  resource: ResourceInfo;
  opts: WriteOptions;
  /** Warnings collected along the way, sent as Warning headers. */
  warnings: string[];
}

/** kube's RFC 3339 timestamps have whole seconds. */
export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The field manager of a write: explicit, else the user agent's program name, as kube does. */
export function fieldManagerOf(opts: WriteOptions): string {
  if (opts.fieldManager) return opts.fieldManager;
  const ua = opts.userAgent ?? '';
  const name = ua.split('/')[0]?.trim() ?? '';
  return name.slice(0, 128) || 'unknown';
}

/** The storage key of a scope's resource. */
export function keyOf(r: ResourceInfo): string {
  return `${r.group}/${r.resource}`;
}
