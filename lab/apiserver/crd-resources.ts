// Turns a CustomResourceDefinition into the resources it serves (one ResourceInfo per served
// version) and computes the status conditions kube's CRD controllers would set (NamesAccepted,
// Established). Pure; the registry and the CRD lifecycle call it.
import type { JSONSchemaProps, KubeObject, PrinterColumn, ResourceInfo } from './types.js';

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: { status?: unknown; scale?: unknown };
  additionalPrinterColumns?: PrinterColumn[];
}

interface CrdNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: CrdNames;
  versions?: CrdVersion[];
}

const CR_VERBS = [
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'create',
  'update',
  'watch',
];

/** The spec of a CRD object, typed loosely (the CRD has been validated before it is stored). */
export function crdSpec(crd: KubeObject): CrdSpec {
  return crd.spec ?? {};
}

function subresourcesOf(v: CrdVersion): string[] {
  const subs: string[] = [];
  if (v.subresources?.status !== undefined) subs.push('status');
  if (v.subresources?.scale !== undefined) subs.push('scale');
  return subs;
}

/** One ResourceInfo per served version of the CRD, in kube's version priority order. */
export function resourcesFromCrd(crd: KubeObject): ResourceInfo[] {
  const spec = crdSpec(crd);
  const names = spec.names ?? {};
  const kind = names.kind ?? '';
  const served = (spec.versions ?? []).filter((v) => v.served !== false && v.name);
  return served
    .map((v): ResourceInfo => {
      const subresources = subresourcesOf(v);
      return {
        group: spec.group ?? '',
        version: v.name ?? '',
        resource: names.plural ?? '',
        kind,
        listKind: names.listKind ?? `${kind}List`,
        singular: names.singular ?? kind.toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        verbs: CR_VERBS,
        subresources,
        builtin: false,
        schema: v.schema?.openAPIV3Schema,
        columns: v.additionalPrinterColumns,
        hasStatus: subresources.includes('status'),
        storage: v.storage === true,
      };
    })
    .sort((a, b) => compareKubeVersions(a.version, b.version));
}

interface ParsedVersion {
  major: number;
  /** 2 = GA, 1 = beta, 0 = alpha. */
  stability: number;
  minor: number;
}

function parseKubeVersion(v: string): ParsedVersion | undefined {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return undefined;
  const stability = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return { major: Number(m[1]), stability, minor: Number(m[3] ?? 0) };
}

/** Sort function: kube's version priority (v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > other). */
export function compareKubeVersions(a: string, b: string): number {
  const pa = parseKubeVersion(a);
  const pb = parseKubeVersion(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b);
  if (pa.stability !== pb.stability) return pb.stability - pa.stability;
  if (pa.major !== pb.major) return pb.major - pa.major;
  return pb.minor - pa.minor;
}

/** The storage version of a CRD (the one marked `storage: true`, else the first). */
export function storageVersionOf(crd: KubeObject): string {
  const versions = crdSpec(crd).versions ?? [];
  return (versions.find((v) => v.storage) ?? versions[0])?.name ?? '';
}

/** The status kube's controllers converge a CRD to: names accepted and established. */
export function establishedCrdStatus(crd: KubeObject, now: string): Record<string, unknown> {
  const spec = crdSpec(crd);
  const names = spec.names ?? {};
  const condition = (type: string, reason: string, message: string): Record<string, string> => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: {
      plural: names.plural,
      singular: names.singular ?? (names.kind ?? '').toLowerCase(),
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind ?? ''}List`,
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
    },
    storedVersions: [storageVersionOf(crd)],
  };
}
