// Adapter between read handlers and the codec's server-side Table renderer (lab/apiserver/
// table/*): picks the columns of a resource (CRD additionalPrinterColumns, the built-in
// columns, or Name/Age) and the includeObject policy from the request.
import { builtinColumns, customResourceColumns, renderTable } from './table/render.js';
import type { KubeObject, PrinterColumn, ResourceInfo } from './types.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** The printer columns of a resource: kube's built-in printers, or the CRD's columns. */
export function columnsOf(r: ResourceInfo): PrinterColumn[] {
  if (r.builtin) return builtinColumns(r.group, r.resource) ?? customResourceColumns(undefined);
  return customResourceColumns(r.columns);
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
  opts: {
    includeObject: IncludeObject;
    listMeta?: { resourceVersion: string; continue?: string; remainingItemCount?: number };
    noHeaders?: boolean;
  },
): Record<string, unknown> {
  return renderTable({
    objects,
    columns: columnsOf(r),
    includeObject: opts.includeObject,
    ...(opts.listMeta ? { listMeta: opts.listMeta } : {}),
    ...(opts.noHeaders ? { noHeaders: true } : {}),
  });
}
