// Adapter between read handlers and the codec's server-side Table renderer (lab/apiserver/
// table/*): picks the columns of a resource (CRD additionalPrinterColumns, the built-in
// columns, or Name/Age) and the includeObject policy from the request.
import type { MediaRange } from './http-io.js';
import type { KubeObject, PrinterColumn, ResourceInfo } from './types.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

// PENDING(codec): replaced by imports from ./table/render.js once it lands.
function builtinColumns(_group: string, _resource: string): PrinterColumn[] | undefined {
  return undefined;
}

function humanAge(created: string | undefined): string {
  if (!created) return '<unknown>';
  const s = Math.floor((Date.now() - Date.parse(created)) / 1000);
  if (s < 120) return `${Math.max(0, s)}s`;
  const m = Math.floor(s / 60);
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

function renderTable(input: {
  objects: KubeObject[];
  columns: PrinterColumn[];
  includeObject: IncludeObject;
  listMeta?: { resourceVersion: string; continue?: string };
}): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: input.listMeta ?? {},
    columnDefinitions: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name must be unique within a namespace.',
        priority: 0,
      },
      { name: 'Age', type: 'date', format: '', description: 'CreationTimestamp', priority: 0 },
    ],
    rows: input.objects.map((o) => ({
      cells: [o.metadata.name, humanAge(o.metadata.creationTimestamp)],
      object:
        input.includeObject === 'Object'
          ? o
          : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

/** The printer columns of a resource; undefined = the renderer's default (Name, Age). */
export function columnsOf(r: ResourceInfo): PrinterColumn[] {
  if (r.columns && r.columns.length > 0) return r.columns;
  return builtinColumns(r.group, r.resource) ?? [];
}

/** `includeObject` from the query, as kube defaults it (Metadata). */
export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** Renders objects as a meta.k8s.io/v1 Table. */
export function toTable(
  r: ResourceInfo,
  objects: KubeObject[],
  opts: { includeObject: IncludeObject; listMeta?: { resourceVersion: string; continue?: string } },
): Record<string, unknown> {
  return renderTable({
    objects,
    columns: columnsOf(r),
    includeObject: opts.includeObject,
    ...(opts.listMeta ? { listMeta: opts.listMeta } : {}),
  });
}

/** True when the Accept header's first JSON choice is a Table. */
export function isTableAccept(accept: MediaRange[]): boolean {
  const first = accept[0];
  return first?.params.as === 'Table';
}
