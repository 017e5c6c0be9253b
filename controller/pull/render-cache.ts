// A bounded in-memory cache of rendered charts, keyed by everything that changes what
// `helm template` prints: chart reference and version, release, values and the cluster's
// capabilities (Kubernetes version, API versions). Least recently used entries go first. Pure
// (no I/O); concurrent renders of one key share a single promise. Tests: render-cache.test.ts.
import { createHash } from 'node:crypto';

/** What a render depends on. */
export interface RenderKeyInput {
  repositoryURL: string;
  chartName: string;
  chartVersion: string;
  releaseName: string;
  releaseNamespace: string;
  values: string;
  kubeVersion?: string | undefined;
  apiVersions?: readonly string[] | undefined;
}

/** A stable key over a render's inputs (values hashed, API versions order-insensitive). */
export function renderKey(input: RenderKeyInput): string {
  const valuesHash = createHash('sha256').update(input.values).digest('hex');
  const apis = [...(input.apiVersions ?? [])].sort().join(',');
  return [
    input.repositoryURL,
    input.chartName,
    input.chartVersion,
    input.releaseNamespace,
    input.releaseName,
    valuesHash,
    input.kubeVersion ?? '',
    apis,
  ].join('|');
}

/** LRU of rendered manifests; a failed render is not kept. */
export class RenderCache {
  private readonly entries = new Map<string, Promise<string>>();

  constructor(private readonly maxEntries = 64) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached manifest of `key`, or the result of `render()` (then cached). */
  async get(key: string, render: () => Promise<string>): Promise<string> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = render();
    this.entries.set(key, pending);
    this.evict();
    try {
      return await pending;
    } catch (err) {
      if (this.entries.get(key) === pending) this.entries.delete(key);
      throw err;
    }
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
