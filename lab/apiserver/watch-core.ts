// Watch semantics independent of HTTP: initial state (synthetic ADDED events and the
// `k8s.io/initial-events-end` bookmark of watch-list), replay from a resourceVersion (410
// Expired when it is no longer retained), filtering by namespace, name and selectors (a change
// that leaves or enters the selection becomes DELETED or ADDED), and bookmarks.
import type { ObjectFilter } from './read-list.js';
import { asServed, matchesFilter } from './read-list.js';
import type { ClusterRuntime } from './scope.js';
import { keyOf } from './scope.js';
import { apiVersionOf } from './object-rules.js';
import { badRequest, gone } from './status-errors.js';
import type { StoreEvent } from './store.js';
import type { KubeObject, ResourceInfo, WatchEvent } from './types.js';

export interface WatchSpec {
  resource: ResourceInfo;
  namespace?: string;
  /** Watch a single object (legacy /watch/.../NAME paths). */
  name?: string;
  filter?: ObjectFilter;
  /** '' or undefined = start with the current state. */
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowBookmarks?: boolean;
}

function selected(spec: WatchSpec, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (spec.namespace && obj.metadata.namespace !== spec.namespace) return false;
  if (spec.name && obj.metadata.name !== spec.name) return false;
  return !spec.filter || matchesFilter(obj, spec.filter);
}

/** The watch event (if any) a store event produces for this watch. */
function translate(spec: WatchSpec, e: StoreEvent): WatchEvent | undefined {
  const r = spec.resource;
  const now = selected(spec, e.object);
  if (e.type !== 'MODIFIED')
    return now ? { type: e.type, object: asServed(r, e.object) } : undefined;
  const before = selected(spec, e.previous);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: asServed(r, e.object) };
  // Left the selection: clients see it disappear, as with kube's filtered watches.
  return before ? { type: 'DELETED', object: asServed(r, e.object) } : undefined;
}

/** A BOOKMARK event at `rv`; `initialEnd` marks the end of the initial events of watch-list. */
export function bookmark(r: ResourceInfo, rv: number, initialEnd = false): WatchEvent {
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return { type: 'BOOKMARK', object: { kind: r.kind, apiVersion: apiVersionOf(r), metadata } };
}

function parseRv(rv: string | undefined): number | undefined {
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  if (!/^\d+$/.test(rv))
    throw badRequest(`resourceVersion: Invalid value: "${rv}": must be a non-negative integer`);
  return Number(rv);
}

/** The ERROR event kube sends in-stream when a watch starts from a compacted version. */
function expiredEvent(requested: number, oldest: number): WatchEvent {
  return {
    type: 'ERROR',
    object: gone(String(requested), String(oldest)).toStatus() as unknown as KubeObject,
  };
}

/**
 * Starts a watch: replays what the spec asks for, then forwards live events to `sink`, all
 * synchronously so nothing is missed or doubled. Returns the stop function. Throws 400 for a
 * malformed resourceVersion. A compacted version yields one ERROR (410) event and no more.
 */
export function startWatch(
  rt: ClusterRuntime,
  spec: WatchSpec,
  sink: (e: WatchEvent) => void,
): () => void {
  const key = keyOf(spec.resource);
  const rv = parseRv(spec.resourceVersion);
  const initial =
    spec.sendInitialEvents === true || (rv === undefined && spec.sendInitialEvents !== false);
  if (initial) sendInitialState(rt, spec, sink);
  else if (rv !== undefined && !replay(rt, spec, rv, sink)) return () => undefined;
  return rt.store.subscribe((e) => {
    if (e.key !== key) return;
    const w = translate(spec, e);
    if (w) sink(w);
  });
}

function sendInitialState(
  rt: ClusterRuntime,
  spec: WatchSpec,
  sink: (e: WatchEvent) => void,
): void {
  for (const obj of rt.store.list(keyOf(spec.resource), spec.namespace || undefined)) {
    if (selected(spec, obj)) sink({ type: 'ADDED', object: asServed(spec.resource, obj) });
  }
  if (spec.sendInitialEvents && spec.allowBookmarks) {
    sink(bookmark(spec.resource, rt.store.currentRv(), true));
  }
}

/** Replays retained events after `rv`; false (after an ERROR event) when they are gone. */
function replay(
  rt: ClusterRuntime,
  spec: WatchSpec,
  rv: number,
  sink: (e: WatchEvent) => void,
): boolean {
  const since = rt.store.eventsSince(rv);
  if ('gone' in since) {
    sink(expiredEvent(rv, since.oldest));
    return false;
  }
  const key = keyOf(spec.resource);
  for (const e of since.events) {
    const w = e.key === key ? translate(spec, e) : undefined;
    if (w) sink(w);
  }
  return true;
}
