// Discovery documents as kube-apiserver serves them: legacy APIVersions / APIGroupList /
// APIGroup / APIResourceList, and aggregated discovery (apidiscovery.k8s.io v2 and v2beta1,
// answered in exactly the version the client asked for). Built from the cluster's registry.
import type { VirtualResource } from './extension-points.js';
import type { ResourceRegistry } from './registry.js';
import type { ResourceInfo } from './types.js';

const SUB_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  finalize: ['update'],
  approval: ['get', 'patch', 'update'],
};

interface SubresourceDoc {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

function gvOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

function subresourceDocs(r: ResourceInfo, virtual: readonly VirtualResource[]): SubresourceDoc[] {
  const docs: SubresourceDoc[] = r.subresources.map((s) =>
    s === 'scale'
      ? {
          name: s,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: SUB_VERBS.scale ?? [],
        }
      : {
          name: s,
          group: r.group,
          version: r.version,
          kind: r.kind,
          verbs: SUB_VERBS[s] ?? ['get'],
        },
  );
  for (const v of virtual) {
    if (v.subresource && v.resource === r.resource && r.group === '' && v.version === 'v1') {
      docs.push({
        name: v.subresource,
        group: v.group,
        version: v.version,
        kind: v.kind,
        verbs: ['create'],
      });
    }
  }
  return docs;
}

function rowsOf(registry: ResourceRegistry, group: string, version: string): ResourceInfo[] {
  return registry.servedOf(group, version);
}

/** `GET /api`. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDoc(name: string, versions: string[]): Record<string, unknown> {
  const list = versions.map((v) => ({ groupVersion: gvOf(name, v), version: v }));
  return { name, versions: list, preferredVersion: list[0] };
}

/** `GET /apis`. */
export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  const groups = registry.groups().filter((g) => g.name !== '');
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((g) => groupDoc(g.name, g.versions)),
  };
}

/** `GET /apis/GROUP`, or undefined when the group is not served. */
export function apiGroup(
  registry: ResourceRegistry,
  group: string,
): Record<string, unknown> | undefined {
  const g = registry.groups().find((x) => x.name === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g.name, g.versions) } : undefined;
}

/** `GET /api/v1` or `/apis/GROUP/VERSION`, or undefined when not served. */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const served = registry
    .groups()
    .find((g) => g.name === group)
    ?.versions.includes(version);
  if (!served) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of rowsOf(registry, group, version)) {
    resources.push({
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of subresourceDocs(r, registry.virtualResources())) {
      const cross = s.group !== group || s.version !== version;
      resources.push({
        name: `${r.resource}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(cross ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gvOf(group, version),
    resources,
  };
}

function aggregatedResource(
  r: ResourceInfo,
  virtual: readonly VirtualResource[],
): Record<string, unknown> {
  const subresources = subresourceDocs(r, virtual).map((s) => ({
    subresource: s.name,
    responseKind: { group: s.group, version: s.version, kind: s.kind },
    verbs: s.verbs,
  }));
  return {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(subresources.length ? { subresources } : {}),
  };
}

/**
 * Aggregated discovery for `/api` (`legacy`) or `/apis`, in `apidiscovery.k8s.io/<version>`.
 * The content type to send is `application/json;g=apidiscovery.k8s.io;v=<version>;as=APIGroupDiscoveryList`.
 */
export function aggregatedDiscovery(
  registry: ResourceRegistry,
  legacy: boolean,
  version: 'v2' | 'v2beta1',
): Record<string, unknown> {
  const groups = registry.groups().filter((g) => (legacy ? g.name === '' : g.name !== ''));
  const items = groups.map((g) => ({
    metadata: legacy ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
    versions: g.versions.map((v) => ({
      version: v,
      resources: rowsOf(registry, g.name, v).map((r) =>
        aggregatedResource(r, registry.virtualResources()),
      ),
      freshness: 'Current',
    })),
  }));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items,
  };
}

/** Content type of an aggregated discovery response. */
export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
