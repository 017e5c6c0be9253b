// Resolves `apiVersion` + `kind` to a REST resource (plural, scope) through the API server's
// discovery documents, cached per group/version for the life of one cluster client. A miss
// refreshes that group/version once (a CRD may have just been established) before failing.
// Tests: apply-objects.test.ts (against the lab API server).
import { ResourceTypeNotFoundError } from './kube-errors.js';
import type { KubeHttpClient } from './kube-http.js';
import type { ResourceType } from './resource-paths.js';

interface APIResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

interface APIResourceList {
  resources?: APIResource[];
}

/** Splits `group/version` (or `v1`) into its parts. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Discovery cache of one cluster. */
export class ResourceDiscovery {
  private readonly cache = new Map<string, Promise<Map<string, ResourceType>>>();

  constructor(private readonly http: KubeHttpClient) {}

  /**
   * The resource serving `kind` in `apiVersion`. Throws ResourceTypeNotFoundError when the
   * cluster does not serve it (e.g. its CRD is not installed), other KubeApiErrors as they come.
   */
  async resolve(apiVersion: string, kind: string): Promise<ResourceType> {
    const cached = (await this.kinds(apiVersion)).get(kind);
    if (cached) return cached;
    this.invalidate(apiVersion);
    const fresh = (await this.kinds(apiVersion)).get(kind);
    if (fresh) return fresh;
    throw new ResourceTypeNotFoundError({
      message: `The cluster at ${this.http.server} does not serve kind ${kind} in ${apiVersion}; is its CustomResourceDefinition installed?`,
      code: 404,
      reason: 'ResourceTypeNotFound',
      operation: { verb: 'get', kind, server: this.http.server },
    });
  }

  /** Forgets one group/version (or everything), e.g. after a CRD was created. */
  invalidate(apiVersion?: string): void {
    if (apiVersion === undefined) this.cache.clear();
    else this.cache.delete(apiVersion);
  }

  private kinds(apiVersion: string): Promise<Map<string, ResourceType>> {
    let entry = this.cache.get(apiVersion);
    if (!entry) {
      entry = this.fetch(apiVersion);
      this.cache.set(apiVersion, entry);
      // A failed fetch must not stay cached.
      entry.catch(() => this.cache.delete(apiVersion));
    }
    return entry;
  }

  private async fetch(apiVersion: string): Promise<Map<string, ResourceType>> {
    const { group, version } = splitApiVersion(apiVersion);
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const out = new Map<string, ResourceType>();
    let list: APIResourceList | undefined;
    try {
      list = await this.http.request<APIResourceList>({ method: 'GET', path });
    } catch (err) {
      if ((err as { code?: number }).code === 404) return out;
      throw err;
    }
    for (const r of list?.resources ?? []) {
      if (r.name.includes('/')) continue;
      out.set(r.kind, { group, version, kind: r.kind, plural: r.name, namespaced: r.namespaced });
    }
    return out;
  }
}
