// Serialized JSON of stored objects, computed once per object version and cluster: stored
// objects are immutable, so a list of 10,000 objects or an event sent to 1,000 watchers reuses
// the same strings instead of re-serializing them. Keys are weak: old versions free their text.
import type { KubeObject } from './types.js';

/** A per-cluster memo of `JSON.stringify` by object identity (never mutate a cached object). */
export class JsonCache {
  private readonly cache = new WeakMap<object, string>();

  of(obj: KubeObject): string {
    let text = this.cache.get(obj);
    if (text === undefined) {
      text = JSON.stringify(obj);
      this.cache.set(obj, text);
    }
    return text;
  }

  /** A list body `{apiVersion, kind, metadata, items}` assembled from cached item texts. */
  list(head: { apiVersion: string; kind: string; metadata: object }, items: KubeObject[]): string {
    const prefix = JSON.stringify(head).slice(0, -1);
    return `${prefix},"items":[${items.map((o) => this.of(o)).join(',')}]}`;
  }

  /** One watch event line (without the newline). */
  event(type: string, obj: KubeObject): string {
    return `{"type":${JSON.stringify(type)},"object":${this.of(obj)}}`;
  }
}
