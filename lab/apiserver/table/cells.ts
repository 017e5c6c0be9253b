// Building blocks of built-in Table columns: the column type that carries its cell function,
// the Name/Age columns every printer shares, and kube's formatting helpers (labels, label
// selectors, container lists, bool pointers). Pure.
import type { KubeObject, PrinterColumn } from '../types.js';
import { doc } from './descriptions.js';
import { timestampAge } from './human-duration.js';

/** What a cell may depend on besides the object: the request time (ages are server-side). */
export interface CellContext {
  /** Milliseconds since the epoch. */
  now: number;
}

/** A `meta.k8s.io/v1` TableRowCondition (kube marks finished pods with one). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/**
 * A printer column of a built-in resource: a PrinterColumn whose cell kube computes in Go
 * (printers.go) rather than through a JSONPath; `cell` reproduces that computation.
 */
export interface BuiltinColumn extends PrinterColumn {
  cell: (obj: KubeObject, ctx: CellContext) => unknown;
  /** Row conditions, set on the first column only (pods). */
  conditions?: (obj: KubeObject) => TableRowCondition[] | undefined;
}

/** Reads a nested field of a decoded object; undefined when any step is missing. */
export function get(obj: unknown, ...path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

export function int(v: unknown, fallback = 0): number {
  return typeof v === 'number' ? v : fallback;
}

export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort();
}

/** labels.FormatLabels: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(v: unknown): string {
  const m = record(v);
  const s = sortedKeys(m)
    .map((k) => `${k}=${str(m[k])}`)
    .join(',');
  return s === '' ? '<none>' : s;
}

function requirementText(r: Record<string, unknown>): string {
  const key = str(r.key);
  const values = list(r.values)
    .map((x) => str(x))
    .sort();
  switch (r.operator) {
    case 'In':
      return `${key} in (${values.join(',')})`;
    case 'NotIn':
      return `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    default:
      return key;
  }
}

/** labels.Selector.String() of a metav1.LabelSelector ('' when it selects everything). */
export function selectorString(v: unknown): string {
  const sel = record(v);
  const labels = record(sel.matchLabels);
  const parts: [string, string][] = Object.keys(labels).map((k) => [k, `${k}=${str(labels[k])}`]);
  for (const r of list(sel.matchExpressions))
    parts.push([str(get(r, 'key')), requirementText(record(r))]);
  parts.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.map(([, t]) => t).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty or absent. */
export function formatLabelSelector(v: unknown): string {
  const s = selectorString(v);
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: container names and images, comma-separated. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = list(get(podSpec, 'containers'));
  return [
    containers.map((c) => str(get(c, 'name'))).join(','),
    containers.map((c) => str(get(c, 'image'))).join(','),
  ];
}

/** printBoolPtr: `True`, `False` or `<unset>`. */
export function boolText(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

export function column(
  name: string,
  type: string,
  description: string,
  cell: BuiltinColumn['cell'],
): BuiltinColumn {
  return { name, type, format: '', description, priority: 0, jsonPath: '', cell };
}

/** Marks a column as wide-only (priority 1: kubectl shows it with `-o wide`). */
export function wide(c: BuiltinColumn): BuiltinColumn {
  return { ...c, priority: 1 };
}

/** The Name column all kube printers start with. */
export function nameColumn(): BuiltinColumn {
  return {
    ...column('Name', 'string', doc('ObjectMeta.name'), (o) => str(o.metadata?.name)),
    format: 'name',
    jsonPath: '.metadata.name',
  };
}

/** The Age column: a human duration computed by the server, as translateTimestampSince. */
export function ageColumn(): BuiltinColumn {
  const cell: BuiltinColumn['cell'] = (o, ctx) =>
    timestampAge(o.metadata?.creationTimestamp, ctx.now);
  return {
    ...column('Age', 'string', doc('ObjectMeta.creationTimestamp'), cell),
    jsonPath: '.metadata.creationTimestamp',
  };
}

/** The Containers and Images wide columns of workload printers. */
export function containerColumns(podSpec: (o: KubeObject) => unknown): BuiltinColumn[] {
  return [
    wide(
      column(
        'Containers',
        'string',
        'Names of each container in the template.',
        (o) => containerCells(podSpec(o))[0],
      ),
    ),
    wide(
      column(
        'Images',
        'string',
        'Images referenced by each container in the template.',
        (o) => containerCells(podSpec(o))[1],
      ),
    ),
  ];
}
