// Read-your-writes over an informer cache: after the controller writes an object (status,
// finalizers) the next reconcile of the same key can run before the watch delivers that write,
// and would act on the stale copy (deploy twice, count a failure twice). Reconcilers remember
// what the API server answered and read the fresher of that and the cache.
// Kubernetes resourceVersions are opaque; when both are decimal (etcd revisions, and the lab's)
// the larger wins, otherwise the remembered copy wins only while the cache still shows the
// version the write was based on.

interface Versioned {
  metadata: { resourceVersion?: string };
}

interface Memo<T> {
  baseVersion: string | undefined;
  object: T;
}

const DECIMAL = /^\d+$/;

/** -1, 0 or 1 when both versions are decimal; undefined when they cannot be ordered. */
export function compareVersions(a: string | undefined, b: string | undefined): number | undefined {
  if (!a || !b || !DECIMAL.test(a) || !DECIMAL.test(b)) return undefined;
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x > y ? 1 : -1;
}

export class FreshObjects<T extends Versioned> {
  private readonly memos = new Map<string, Memo<T>>();

  /** Remembers the server's answer to a write based on `baseVersion`. */
  remember(key: string, baseVersion: string | undefined, object: T): void {
    this.memos.set(key, { baseVersion, object });
  }

  forget(key: string): void {
    this.memos.delete(key);
  }

  /** The fresher of the cached copy and the last written one (forgetting a stale memo). */
  freshest(key: string, cached: T | undefined): T | undefined {
    const memo = this.memos.get(key);
    if (!memo || !cached) {
      if (!cached) this.memos.delete(key);
      return cached;
    }
    const order = compareVersions(
      memo.object.metadata.resourceVersion,
      cached.metadata.resourceVersion,
    );
    const memoIsNewer =
      order === undefined ? cached.metadata.resourceVersion === memo.baseVersion : order > 0;
    if (memoIsNewer) return memo.object;
    this.memos.delete(key);
    return cached;
  }
}
