// List-then-watch over the in-process InternalClient, with a relist whenever the watch ends
// in an ERROR event (e.g. 410 Gone). It keeps no cache: the store behind the client is the
// cache, and consumers only turn what they see into work-queue keys.
import type { InternalClient } from '../apiserver/extension-points.js';
import type { GroupVersionResource, KubeObject } from '../apiserver/types.js';

export type ObjectEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Input of {@link watchResource}. */
export interface ResourceWatchOptions {
  client: InternalClient;
  gvr: GroupVersionResource;
  namespace?: string;
  labelSelector?: string;
  /** Every (re)list: the complete set of objects at that moment. */
  onSync?: (items: KubeObject[]) => void;
  /** Each change after the list. */
  onEvent: (type: ObjectEventType, obj: KubeObject) => void;
  /** A list failed (e.g. the resource is no longer served); the watch retries after `retryMs`. */
  onError?: (err: unknown) => void;
  retryMs?: number;
}

/**
 * Lists the resource, reports the items through `onSync` (or as ADDED events when no onSync is
 * given), then watches from the list's resourceVersion. Returns a function that stops it.
 */
export function watchResource(opts: ResourceWatchOptions): () => void {
  let stopped = false;
  let stopWatch: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const retry = (): void => {
    if (stopped) return;
    timer = setTimeout(start, opts.retryMs ?? 500);
    timer.unref();
  };
  const start = (): void => {
    if (stopped) return;
    const listed = listOrReport(opts);
    if (!listed) return retry();
    if (opts.onSync) opts.onSync(listed.items);
    else for (const item of listed.items) opts.onEvent('ADDED', item);
    const watchOpts = {
      namespace: opts.namespace,
      labelSelector: opts.labelSelector,
      resourceVersion: listed.resourceVersion,
    };
    stopWatch = opts.client.watch(opts.gvr, watchOpts, (e) => {
      if (stopped || e.type === 'BOOKMARK') return;
      if (e.type !== 'ERROR') return opts.onEvent(e.type, e.object);
      stopWatch?.();
      retry();
    });
  };
  start();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    stopWatch?.();
  };
}

function listOrReport(
  opts: ResourceWatchOptions,
): { items: KubeObject[]; resourceVersion: string } | undefined {
  try {
    const selector = opts.labelSelector ? { labelSelector: opts.labelSelector } : undefined;
    return opts.client.list(opts.gvr, opts.namespace, selector);
  } catch (err) {
    opts.onError?.(err);
    return undefined;
  }
}
