// The object store of one virtual cluster: objects by storage key (`group/resource`) and
// `namespace/name`, one monotonic resourceVersion counter, a bounded log of recent events for
// watches that resume from a resourceVersion, and synchronous fan-out to subscribers.
// Stored objects are never mutated in place: every write stores a new object. No HTTP here.
import { JsonCache } from './json-cache.js';
import { StatusError } from './status-errors.js';
import type { KubeObject } from './types.js';

/** etcd's default `--max-request-bytes` (1.5 MiB): the largest object a real cluster stores. */
export const ETCD_MAX_REQUEST_BYTES = 1_572_864;

/**
 * What kube-apiserver answers when etcd refuses a write as too large: etcd's own error passed
 * through as a 500 without a reason (kubectl: `Error from server: etcdserver: request is too
 * large`).
 */
export function etcdRequestTooLarge(): StatusError {
  return new StatusError(500, '', 'etcdserver: request is too large');
}

/** A change recorded by the store. `object` carries the resourceVersion of the change. */
export interface StoreEvent {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  key: string;
  object: KubeObject;
  /** The version replaced by a MODIFIED event (watch filters need it). */
  previous?: KubeObject;
}

/** Receives each write before it is applied in memory; throwing aborts the write. */
export interface StoreJournal {
  append(entry: { rv: number; op: 'put' | 'del'; key: string; object: KubeObject }): void;
}

interface Table {
  objects: Map<string, KubeObject>;
  /** Sorted `namespace/name` keys, rebuilt lazily after inserts and deletes. */
  sorted: string[] | undefined;
}

const objectKey = (namespace: string | undefined, name: string | undefined): string =>
  `${namespace ?? ''}/${name ?? ''}`;

/** Result of asking for the events after a resourceVersion. */
export type EventsSince = { events: StoreEvent[] } | { gone: true; oldest: number };

export class ObjectStore {
  private rv = 0;
  private readonly tables = new Map<string, Table>();
  private readonly log: StoreEvent[] = [];
  /** Every event with rv > compactedRv is in `log`. */
  private compactedRv = 0;
  private readonly subscribers = new Set<(e: StoreEvent) => void>();
  /** Serialized JSON of stored objects (lists and watch fan-out reuse it). */
  readonly json = new JsonCache();

  constructor(
    private readonly opts: {
      windowSize?: number;
      journal?: StoreJournal;
      /** Largest stored object (its JSON bytes); default {@link ETCD_MAX_REQUEST_BYTES}. */
      maxObjectBytes?: number;
    } = {},
  ) {}

  /** The resourceVersion of the latest write (as a number). */
  currentRv(): number {
    return this.rv;
  }

  /** Loads persisted state: objects as stored, the counter at `rv`; older watches get 410. */
  restore(rv: number, entries: Iterable<{ key: string; object: KubeObject }>): void {
    for (const { key, object } of entries)
      this.table(key).objects.set(
        objectKey(object.metadata.namespace, object.metadata.name),
        object,
      );
    for (const t of this.tables.values()) t.sorted = undefined;
    this.rv = rv;
    this.compactedRv = rv;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(key)?.objects.get(objectKey(namespace, name));
  }

  /** Objects of a storage key sorted by namespace then name; `namespace` narrows the list. */
  list(key: string, namespace?: string): KubeObject[] {
    const table = this.tables.get(key);
    if (!table) return [];
    table.sorted ??= [...table.objects.keys()].sort();
    const keys = namespace
      ? table.sorted.filter((k) => k.startsWith(`${namespace}/`))
      : table.sorted;
    return keys.map((k) => table.objects.get(k)).filter((o): o is KubeObject => o !== undefined);
  }

  /** Number of objects under a storage key. */
  count(key: string): number {
    return this.tables.get(key)?.objects.size ?? 0;
  }

  /** Every storage key that holds objects. */
  keys(): string[] {
    return [...this.tables.keys()].filter((k) => (this.tables.get(k)?.objects.size ?? 0) > 0);
  }

  /**
   * Stores `object` (a fresh object owned by the store from now on) with the next
   * resourceVersion and emits ADDED or MODIFIED. Returns the stored object.
   */
  put(key: string, object: KubeObject): KubeObject {
    const rv = this.rv + 1;
    const stored: KubeObject = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(rv) },
    };
    this.checkStoredSize(stored);
    this.opts.journal?.append({ rv, op: 'put', key, object: stored });
    this.rv = rv;
    const table = this.table(key);
    const k = objectKey(stored.metadata.namespace, stored.metadata.name);
    const previous = table.objects.get(k);
    table.objects.set(k, stored);
    if (!previous) table.sorted = undefined;
    this.emit(
      previous
        ? { rv, type: 'MODIFIED', key, object: stored, previous }
        : { rv, type: 'ADDED', key, object: stored },
    );
    return stored;
  }

  /**
   * Refuses, as etcd does, an object whose encoding exceeds its request limit; nothing is
   * stored. The JSON is the one lists and watches serve later, so it is computed only once.
   */
  private checkStoredSize(stored: KubeObject): void {
    const limit = this.opts.maxObjectBytes ?? ETCD_MAX_REQUEST_BYTES;
    const text = this.json.of(stored);
    // UTF-16 length is a lower bound of the UTF-8 size, 3× an upper bound.
    if (text.length * 3 <= limit) return;
    if (text.length > limit || Buffer.byteLength(text) > limit) throw etcdRequestTooLarge();
  }

  /** Removes an object; the DELETED event carries a new resourceVersion. Returns that copy. */
  remove(key: string, object: KubeObject): KubeObject {
    const rv = this.rv + 1;
    const gone: KubeObject = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(rv) },
    };
    this.opts.journal?.append({ rv, op: 'del', key, object: gone });
    this.rv = rv;
    const table = this.table(key);
    table.objects.delete(objectKey(object.metadata.namespace, object.metadata.name));
    table.sorted = undefined;
    this.emit({ rv, type: 'DELETED', key, object: gone });
    return gone;
  }

  /** Events after `rv`, or `gone` when some of them are no longer retained. */
  eventsSince(rv: number): EventsSince {
    if (rv < this.compactedRv) return { gone: true, oldest: this.compactedRv };
    const first = this.log.findIndex((e) => e.rv > rv);
    return { events: first < 0 ? [] : this.log.slice(first) };
  }

  /** Subscribes to every future event (called synchronously after each write). */
  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  private table(key: string): Table {
    let t = this.tables.get(key);
    if (!t) {
      t = { objects: new Map(), sorted: undefined };
      this.tables.set(key, t);
    }
    return t;
  }

  private emit(e: StoreEvent): void {
    this.log.push(e);
    const window = this.opts.windowSize ?? 10_000;
    if (this.log.length > window * 1.25) {
      const dropped = this.log.splice(0, this.log.length - window);
      this.compactedRv = dropped[dropped.length - 1]?.rv ?? this.compactedRv;
    }
    for (const fn of this.subscribers) fn(e);
  }
}
