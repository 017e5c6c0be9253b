// Streams a watch over HTTP as kube-apiserver does: headers flushed at once (client-node waits
// for them), one JSON event per line and per write, periodic bookmarks when allowed,
// `timeoutSeconds`, Table events for `kubectl get -w`, clean teardown on client disconnect.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './scope.js';
import { toTable } from './tables.js';
import type { IncludeObject } from './tables.js';
import type { WatchEvent } from './types.js';
import type { WatchSpec } from './watch-core.js';
import { bookmark, startWatch } from './watch-core.js';

export interface HttpWatchOptions {
  spec: WatchSpec;
  timeoutSeconds?: number;
  /** Render each event's object as a one-row Table (Accept as=Table). */
  table?: { includeObject: IncludeObject };
  /** Interval of periodic bookmarks (ms); kube sends about one a minute. */
  bookmarkIntervalMs?: number;
}

function tableEvent(
  rt: ClusterRuntime,
  spec: WatchSpec,
  e: WatchEvent,
  opts: { includeObject: IncludeObject; first: boolean },
): WatchEvent {
  if (e.type === 'BOOKMARK' || e.type === 'ERROR') return e;
  const table = toTable(spec.resource, [e.object], {
    includeObject: opts.includeObject,
    listMeta: {
      resourceVersion: e.object.metadata.resourceVersion ?? String(rt.store.currentRv()),
    },
    noHeaders: !opts.first,
  });
  return { type: e.type, object: table as unknown as WatchEvent['object'] };
}

/** Serves a watch until the client goes away, the timeout passes or the server stops. */
export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  rt: ClusterRuntime,
  opts: HttpWatchOptions,
): void {
  const spec = opts.spec;
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  let first = true;
  let stop: () => void = () => undefined;
  const timers: NodeJS.Timeout[] = [];
  const finish = (): void => {
    stop();
    for (const t of timers) clearTimeout(t);
    if (!res.writableEnded) res.end();
  };
  const write = (e: WatchEvent): void => {
    if (res.writableEnded || res.destroyed) return;
    const line = opts.table
      ? JSON.stringify(tableEvent(rt, spec, e, { includeObject: opts.table.includeObject, first }))
      : rt.store.json.event(e.type, e.object);
    if (e.type !== 'BOOKMARK') first = false;
    res.write(line + '\n');
    if (e.type === 'ERROR') finish();
  };
  stop = startWatch(rt, spec, write);
  if (res.writableEnded) return stop();
  if (spec.allowBookmarks) {
    const every = opts.bookmarkIntervalMs ?? rt.bookmarkIntervalMs;
    const tick = setInterval(() => write(bookmark(spec.resource, rt.store.currentRv())), every);
    tick.unref();
    timers.push(tick);
  }
  if (opts.timeoutSeconds && opts.timeoutSeconds > 0) {
    const t = setTimeout(finish, opts.timeoutSeconds * 1000);
    t.unref();
    timers.push(t);
  }
  req.on('close', finish);
  res.on('close', finish);
}
