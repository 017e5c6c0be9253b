// Server-side Tables (`meta.k8s.io/v1 Table`) as kube-apiserver returns them for
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: built-in printer columns for known
// kinds, CRD additionalPrinterColumns through JSONPath, and the row object as
// PartialObjectMetadata, the full object or null. Pure apart from reading the clock when the
// caller passes no `now`.
import type { KubeObject, PrinterColumn } from '../types.js';
import { builtinColumnsFor } from './builtin-registry.js';
import type { BuiltinColumn, CellContext } from './cells.js';
import { nameColumn } from './cells.js';
import { doc } from './descriptions.js';
import { timestampAge } from './human-duration.js';
import { JsonPathError, evaluateJsonPath, jsonPathText, parseJsonPath } from './jsonpath.js';

export { defaultTableColumns } from './builtin-other.js';
export type { BuiltinColumn, CellContext, TableRowCondition } from './cells.js';

export interface RenderTableInput {
  objects: KubeObject[];
  /** builtinColumns(…) for built-in kinds, or customResourceColumns(…) for CRDs. */
  columns: PrinterColumn[];
  /** `?includeObject=`; kubectl sends none, which means Metadata. */
  includeObject: 'None' | 'Metadata' | 'Object';
  listMeta?: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  /** Request time for Age cells (ms since the epoch or a Date); defaults to the clock. */
  now?: number | Date;
  /** Omit column definitions, as kube does for every watch event after the first. */
  noHeaders?: boolean;
}

function isBuiltin(c: PrinterColumn): c is BuiltinColumn {
  return typeof (c as Partial<BuiltinColumn>).cell === 'function';
}

/**
 * The printer columns kube-apiserver serves for a built-in resource (`group` '' for core),
 * with kube's default NAME/CREATED AT for built-ins that have no printer (Roles, CRDs …);
 * undefined for resources this table module does not know. The columns carry cell functions
 * and must be passed to renderTable as they are (not through JSON).
 */
export function builtinColumns(group: string, resource: string): PrinterColumn[] | undefined {
  return builtinColumnsFor(group, resource);
}

/**
 * The columns of a custom resource version: its additionalPrinterColumns, or kube's default
 * AGE column when it declares none (apiextensions serveDefaultColumnsIfEmpty).
 */
export function customResourceColumns(
  columns: readonly PrinterColumn[] | undefined,
): PrinterColumn[] {
  if (columns && columns.length > 0) return [...columns];
  return [
    {
      name: 'Age',
      type: 'date',
      description: doc('ObjectMeta.creationTimestamp'),
      jsonPath: '.metadata.creationTimestamp',
    },
  ];
}

function columnDefinition(c: PrinterColumn): Record<string, unknown> {
  const description =
    c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`;
  return {
    name: c.name,
    type: c.type,
    format: c.format ?? '',
    description,
    priority: c.priority ?? 0,
  };
}

/** cellForJSONValue: the typed cell of a non-string column, null when the type does not fit. */
const typedCells: Record<string, (v: unknown, now: number) => unknown> = {
  integer: (v) => (typeof v === 'number' ? Math.trunc(v) : null),
  number: (v) => (typeof v === 'number' ? v : null),
  boolean: (v) => (typeof v === 'boolean' ? v : null),
  date: (v, now) =>
    typeof v === 'string' ? (v === '' ? '<unknown>' : timestampAge(v, now)) : null,
};

function typedCell(type: string, value: unknown, now: number): unknown {
  if (value === null || value === undefined || !Object.hasOwn(typedCells, type)) return null;
  return typedCells[type](value, now);
}

/** The cell of a CRD column: the first JSONPath result, converted per column type. */
function jsonPathCell(obj: KubeObject, c: PrinterColumn, now: number): unknown {
  let results: unknown[];
  try {
    results = evaluateJsonPath(obj, parseJsonPath(c.jsonPath));
  } catch (e) {
    if (e instanceof JsonPathError) return null;
    throw e;
  }
  if (results.length === 0) return null;
  const value = results[0];
  if (c.type === 'string')
    return value === null || value === undefined ? null : jsonPathText(value);
  return typedCell(c.type, value, now);
}

function rowObject(obj: KubeObject, mode: RenderTableInput['includeObject']): unknown {
  if (mode === 'None') return null;
  if (mode === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

function tableMetadata(listMeta: RenderTableInput['listMeta']): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (listMeta?.resourceVersion) meta.resourceVersion = listMeta.resourceVersion;
  if (listMeta?.continue) meta.continue = listMeta.continue;
  if (listMeta?.remainingItemCount !== undefined)
    meta.remainingItemCount = listMeta.remainingItemCount;
  return meta;
}

/** The columns actually served: built-ins as given, CRD columns after kube's Name column. */
function effectiveColumns(columns: PrinterColumn[]): PrinterColumn[] {
  return columns.length > 0 && columns.every(isBuiltin) ? columns : [nameColumn(), ...columns];
}

function row(
  obj: KubeObject,
  columns: PrinterColumn[],
  ctx: CellContext,
  input: RenderTableInput,
): Record<string, unknown> {
  const cells = columns.map((c) =>
    isBuiltin(c) ? c.cell(obj, ctx) : jsonPathCell(obj, c, ctx.now),
  );
  const first = columns[0];
  const conditions = first && isBuiltin(first) ? first.conditions?.(obj) : undefined;
  const out: Record<string, unknown> = { cells };
  if (conditions) out.conditions = conditions;
  out.object = rowObject(obj, input.includeObject);
  return out;
}

/**
 * Renders objects as a `meta.k8s.io/v1` Table. Built-in columns (from builtinColumns) are used
 * as they are; any other columns are CRD printer columns, served after a Name column, with
 * JSONPath cells converted per type (missing values are null, dates become ages such as `5m`).
 */
export function renderTable(input: RenderTableInput): Record<string, unknown> {
  const columns = effectiveColumns(input.columns);
  const now = input.now === undefined ? Date.now() : Number(input.now);
  const ctx: CellContext = { now };
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableMetadata(input.listMeta),
    columnDefinitions: input.noHeaders ? null : columns.map(columnDefinition),
    rows: input.objects.map((o) => row(o, columns, ctx, input)),
  };
}
