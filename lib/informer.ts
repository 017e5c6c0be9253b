// A resilient informer: client-node's ListWatch keeps the cache and speaks list-then-watch, but
// it stops for good on any error other than 410. This wrapper owns resilience (STYLE §9):
// restart with capped, jittered backoff on every error, relist on 410 (ListWatch swaps the cache),
// a read-only view for readers, update handlers that also get the previous object, and an
// injected delay so tests need not wait. Watch events only notify; reconcilers re-read the cache.
// Tests: lib/informer.test.ts (against the lab API server).
import { ListWatch, Watch } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

export type InformerEvent = 'add' | 'update' | 'delete';

/** The least an informer needs of an object: its name, namespace and resourceVersion. */
export interface CachedObject {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
}

/** The list an informer's list function returns (its resourceVersion starts the watch). */
export interface ObjectList<T> {
  metadata?: { resourceVersion?: string };
  items: T[];
}

export interface InformerOptions<T extends CachedObject> {
  kubeConfig: KubeConfig;
  /** Collection path, e.g. `/apis/lib.projectsveltos.io/v1beta1/sveltosclusters`. */
  path: string;
  /** Lists the collection (same path and selector); items must carry apiVersion and kind. */
  list: () => Promise<ObjectList<T>>;
  labelSelector?: string;
  logger?: Logger;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  delay?: (ms: number) => Promise<void>;
}

/** Read-only view of an informer's cache. */
export interface ObjectStore<T> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
}

/** Called on a change; for updates `old` is the object the cache held before. */
export type InformerHandler<T> = (obj: T, old?: T) => void;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref?.());

function keyOf(obj: CachedObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export class Informer<T extends CachedObject> implements ObjectStore<T> {
  private readonly listWatch: ListWatch<KubernetesObject>;
  private readonly options: InformerOptions<T>;
  private readonly logger: Logger;
  private readonly handlers: Record<InformerEvent, InformerHandler<T>[]> = {
    add: [],
    update: [],
    delete: [],
  };
  /** The object each handler call saw last, so update handlers get the previous version. */
  private readonly lastSeen = new Map<string, T>();
  private failures = 0;
  private stopped = true;
  private synced = false;
  private listedOnce = false;
  private readonly syncWaiters: (() => void)[] = [];

  constructor(options: InformerOptions<T>) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    const watch = new Watch(options.kubeConfig);
    const listFn = async (): Promise<KubernetesListObject<KubernetesObject>> => {
      const list = await options.list();
      this.listedOnce = true;
      this.failures = 0;
      return list;
    };
    this.listWatch = new ListWatch(options.path, watch, listFn, false, options.labelSelector);
    this.listWatch.on('error', (err: unknown) => this.restartAfterError(err));
    this.listWatch.on('add', (o) => this.dispatch('add', o as T));
    this.listWatch.on('update', (o) => this.dispatch('update', o as T));
    this.listWatch.on('delete', (o) => this.dispatch('delete', o as T));
  }

  /** True once the first list has filled the cache. */
  get hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves once the first list has filled the cache (at once if it has). */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** Subscribes to cache changes; handlers must only enqueue keys. */
  on(event: InformerEvent, handler: InformerHandler<T>): void {
    this.handlers[event].push(handler);
  }

  /** Starts list-then-watch; resolves once the first list is in the cache or failed. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listWatch.start();
    this.markSyncedIfListed();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.listWatch.stop();
  }

  get(name: string, namespace?: string): T | undefined {
    return this.listWatch.get(name, namespace) as T | undefined;
  }

  list(namespace?: string): readonly T[] {
    return this.listWatch.list(namespace) as unknown as T[];
  }

  private dispatch(event: InformerEvent, obj: T): void {
    const key = keyOf(obj);
    const old = this.lastSeen.get(key);
    if (event === 'delete') this.lastSeen.delete(key);
    else this.lastSeen.set(key, obj);
    for (const handler of this.handlers[event]) handler(obj, old);
  }

  private markSyncedIfListed(): void {
    if (this.synced || !this.listedOnce) return;
    this.synced = true;
    this.syncWaiters.splice(0).forEach((resolve) => resolve());
  }

  private restartAfterError(err: unknown): void {
    if (this.stopped) return;
    this.failures++;
    const base = this.options.baseBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 30_000;
    const delayMs =
      Math.min(max, base * 2 ** Math.min(this.failures - 1, 16)) * (1 + Math.random() * 0.1);
    this.logger.warn('Watch failed, restarting', {
      path: this.options.path,
      err: err instanceof Error ? err.message : String(err),
      delayMs: Math.round(delayMs),
    });
    const delay = this.options.delay ?? sleep;
    void delay(delayMs).then(() => this.restart());
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.listWatch.start();
      this.markSyncedIfListed();
    } catch (err) {
      this.restartAfterError(err);
    }
  }
}
