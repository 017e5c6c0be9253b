// Per-cluster registry of served resources: the shared built-in table plus the resources of
// the cluster's CRDs and the plug-ins' virtual resources. Its `generation` changes whenever
// the set changes, so discovery and OpenAPI documents can be cached per generation.
import { BUILTIN_RESOURCES } from './builtin-resources.js';
import { compareKubeVersions, resourcesFromCrd } from './crd-resources.js';
import type { ResourceRegistryView, VirtualResource } from './extension-points.js';
import type { GroupVersionKind, KubeObject, ResourceInfo } from './types.js';

const gvrKey = (g: string, v: string, r: string): string => `${g}/${v}/${r}`;
const gvkKey = (g: string, v: string, k: string): string => `${g}/${v}/${k}`;

// Static indexes of the built-in table, shared by every cluster.
const builtinByGvr = new Map(
  BUILTIN_RESOURCES.map((r) => [gvrKey(r.group, r.version, r.resource), r]),
);
const builtinByGvk = new Map(BUILTIN_RESOURCES.map((r) => [gvkKey(r.group, r.version, r.kind), r]));

/** The discovery row of a create-only virtual resource. */
function virtualInfo(v: VirtualResource): ResourceInfo {
  return {
    group: v.group,
    version: v.version,
    resource: v.resource,
    kind: v.kind,
    listKind: `${v.kind}List`,
    singular: v.kind.toLowerCase(),
    namespaced: v.namespaced,
    shortNames: [],
    categories: [],
    verbs: ['create'],
    subresources: [],
    builtin: true,
    hasStatus: false,
  };
}

/** A served group with its versions, preferred first. */
export interface ServedGroup {
  name: string;
  versions: string[];
}

/** Resources of one cluster. CRD entries are keyed by CRD name. */
export class ResourceRegistry implements ResourceRegistryView {
  private readonly crds = new Map<string, ResourceInfo[]>();
  private readonly virtual: VirtualResource[] = [];
  private crdByGvr = new Map<string, ResourceInfo>();
  private crdByGvk = new Map<string, ResourceInfo>();
  /** Bumped on every change of the served set. */
  generation = 0;

  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    const key = gvrKey(group, version, resource);
    return builtinByGvr.get(key) ?? this.crdByGvr.get(key);
  }

  byKind(gvk: GroupVersionKind): ResourceInfo | undefined {
    const key = gvkKey(gvk.group, gvk.version, gvk.kind);
    return builtinByGvk.get(key) ?? this.crdByGvk.get(key);
  }

  all(): ResourceInfo[] {
    return [...BUILTIN_RESOURCES, ...[...this.crds.values()].flat()];
  }

  /** Resources of a CRD by its name, for the CRD lifecycle. */
  crdResources(crdName: string): ResourceInfo[] {
    return this.crds.get(crdName) ?? [];
  }

  /** Serves (or re-serves after an update) the resources of a stored CRD. */
  registerCrd(crd: KubeObject): void {
    this.crds.set(crd.metadata.name ?? '', resourcesFromCrd(crd));
    this.reindex();
  }

  /** Stops serving a CRD's resources. */
  unregisterCrd(crdName: string): void {
    if (this.crds.delete(crdName)) this.reindex();
  }

  addVirtual(resources: VirtualResource[]): void {
    this.virtual.push(...resources);
    this.generation++;
  }

  /** The virtual resource for a path, the latest registered winning. */
  findVirtual(
    group: string,
    version: string,
    resource: string,
    subresource: string,
  ): VirtualResource | undefined {
    for (let i = this.virtual.length - 1; i >= 0; i--) {
      const v = this.virtual[i];
      const sameSub = (v?.subresource ?? '') === subresource;
      if (v && v.group === group && v.version === version && v.resource === resource && sameSub)
        return v;
    }
    return undefined;
  }

  virtualResources(): readonly VirtualResource[] {
    return this.virtual;
  }

  /** Groups in discovery order: the core group first, built-ins, then CRD groups by name. */
  groups(): ServedGroup[] {
    const order: string[] = [];
    const versions = new Map<string, Set<string>>();
    const add = (group: string, version: string): void => {
      if (!versions.has(group)) {
        versions.set(group, new Set());
        order.push(group);
      }
      versions.get(group)?.add(version);
    };
    for (const r of BUILTIN_RESOURCES) add(r.group, r.version);
    for (const v of this.virtual) if (!v.subresource) add(v.group, v.version);
    const crdGroups = [...this.crds.values()].flat().sort((a, b) => a.group.localeCompare(b.group));
    for (const r of crdGroups) add(r.group, r.version);
    return order.map((name) => ({
      name,
      versions: [...(versions.get(name) ?? [])].sort(compareKubeVersions),
    }));
  }

  /** Stored and virtual resources of one group version, in table order. */
  resourcesOf(group: string, version: string): ResourceInfo[] {
    return this.all().filter((r) => r.group === group && r.version === version);
  }

  /** Stored resources plus virtual (create-only) ones of a group version, for discovery and OpenAPI. */
  servedOf(group: string, version: string): ResourceInfo[] {
    const virtual = this.virtual
      .filter((v) => !v.subresource && v.group === group && v.version === version)
      .map((v) => virtualInfo(v));
    return [...this.resourcesOf(group, version), ...virtual];
  }

  private reindex(): void {
    this.crdByGvr = new Map();
    this.crdByGvk = new Map();
    for (const r of [...this.crds.values()].flat()) {
      this.crdByGvr.set(gvrKey(r.group, r.version, r.resource), r);
      this.crdByGvk.set(gvkKey(r.group, r.version, r.kind), r);
    }
    this.generation++;
  }
}
