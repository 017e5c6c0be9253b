// A resilient informer: client-node's ListWatch keeps the cache and speaks list-then-watch, but
// it stops for good on any error other than 410. This wrapper owns resilience (STYLE §9):
// restart with capped, jittered backoff on every error, relist on 410 (ListWatch swaps the cache),
// a read-only view for readers, and an injected delay so tests need not wait.
// Watch events only notify; reconcilers re-read the cache. Tests: test/e2e/informer.test.ts.
import { ListWatch, Watch } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

export type InformerEvent = 'add' | 'update' | 'delete';

export interface InformerOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** Collection path, e.g. `/apis/lib.projectsveltos.io/v1beta1/sveltosclusters`. */
  path: string;
  /** Lists the collection (same path and selector); its resourceVersion starts the watch. */
  list: () => Promise<KubernetesListObject<T>>;
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

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref?.());

export class Informer<T extends KubernetesObject> implements ObjectStore<T> {
  private readonly listWatch: ListWatch<T>;
  private readonly options: InformerOptions<T>;
  private readonly logger: Logger;
  private failures = 0;
  private stopped = true;
  private synced = false;

  constructor(options: InformerOptions<T>) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
    const watch = new Watch(options.kubeConfig);
    const listFn = async (): Promise<KubernetesListObject<T>> => {
      const list = await options.list();
      this.synced = true;
      this.failures = 0;
      return list;
    };
    this.listWatch = new ListWatch<T>(options.path, watch, listFn, false, options.labelSelector);
    this.listWatch.on('error', (err: unknown) => this.restartAfterError(err));
    this.listWatch.on('connect', () => {
      this.failures = 0;
    });
  }

  /** True once the first list has filled the cache. */
  get hasSynced(): boolean {
    return this.synced;
  }

  /** Subscribes to cache changes; handlers must only enqueue keys. */
  on(event: InformerEvent, handler: (obj: T) => void): void {
    this.listWatch.on(event, handler);
  }

  /** Starts list-then-watch; resolves once the first list is in the cache or failed. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listWatch.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.listWatch.stop();
  }

  get(name: string, namespace?: string): T | undefined {
    return this.listWatch.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.listWatch.list(namespace);
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
    } catch (err) {
      this.restartAfterError(err);
    }
  }
}
