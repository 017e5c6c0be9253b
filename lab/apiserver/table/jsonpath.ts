// The subset of Kubernetes JSONPath (k8s.io/client-go/util/jsonpath) that CRD printer columns
// use: `.a.b`, `['a.b']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*`, `..a` and filters such as
// `[?(@.type=="Ready")]`, evaluated with missing keys allowed, plus kube's text rendering of a
// result. Pure.
import { goJson, goNumber } from '../schema/go-values.js';

/** An expression the evaluator cannot parse (a CRD column with it is rejected by kube). */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

type Segment =
  | { k: 'field'; name: string }
  | { k: 'wildcard' }
  | { k: 'recursive'; name: string }
  | { k: 'index'; index: number }
  | { k: 'slice'; start?: number; end?: number }
  | { k: 'filter'; path: string[]; op?: string; value?: unknown };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  throw new JsonPathError(`Unsupported JSONPath literal ${t}`);
}

function parseFilter(body: string): Segment {
  const m = /^@((?:\.[\w-]+|\['[^']*'\])*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?$/.exec(body.trim());
  if (!m) throw new JsonPathError(`Unsupported JSONPath filter ${body}`);
  const path = [...m[1].matchAll(/\.([\w-]+)|\['([^']*)'\]/g)].map((x) => x[1] ?? x[2]);
  if (!m[2]) return { k: 'filter', path };
  return { k: 'filter', path, op: m[2], value: parseLiteral(m[3]) };
}

function parseBracket(inner: string): Segment {
  const body = inner.trim();
  if (body === '*') return { k: 'wildcard' };
  if (body.startsWith('?(') && body.endsWith(')')) return parseFilter(body.slice(2, -1));
  if (/^(['"]).*\1$/.test(body)) return { k: 'field', name: body.slice(1, -1) };
  if (/^-?\d+$/.test(body)) return { k: 'index', index: Number(body) };
  const slice = /^(-?\d*):(-?\d*)$/.exec(body);
  if (!slice) throw new JsonPathError(`Unsupported JSONPath subscript [${inner}]`);
  const num = (s: string): number | undefined => (s === '' ? undefined : Number(s));
  return { k: 'slice', start: num(slice[1]), end: num(slice[2]) };
}

function readDot(src: string, i: number): [Segment, number] {
  const recursive = src[i + 1] === '.';
  const start = i + (recursive ? 2 : 1);
  const m = /^(\*|[^.[\]]*)/.exec(src.slice(start));
  const name = m ? m[1] : '';
  if (name === '*') return [{ k: 'wildcard' }, start + 1];
  return [recursive ? { k: 'recursive', name } : { k: 'field', name }, start + name.length];
}

function nextQuote(src: string, i: number): number {
  const close = src.indexOf(src[i], i + 1);
  if (close < 0) throw new JsonPathError(`Unclosed quote in JSONPath ${src}`);
  return close;
}

function closingBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"') i = nextQuote(src, i);
    else if (c === '[' || c === '(') depth++;
    else if ((c === ']' || c === ')') && --depth === 0) return i;
  }
  throw new JsonPathError(`Unclosed [ in JSONPath ${src}`);
}

/** Parses a printer-column path such as `.status.conditions[?(@.type=="Ready")].status`. */
export function parseJsonPath(path: string): Segment[] {
  const src = path
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .trim();
  const out: Segment[] = [];
  let i = 0;
  while (i < src.length) {
    if (src[i] === '.') {
      const [seg, next] = readDot(src, i);
      if (!(seg.k === 'field' && seg.name === '')) out.push(seg);
      i = next;
    } else if (src[i] === '[') {
      const end = closingBracket(src, i);
      out.push(parseBracket(src.slice(i + 1, end)));
      i = end + 1;
    } else {
      throw new JsonPathError(`Unexpected "${src[i]}" in JSONPath ${path}`);
    }
  }
  return out;
}

function lookup(v: unknown, path: string[]): unknown {
  let cur = v;
  for (const p of path) cur = isObject(cur) && Object.hasOwn(cur, p) ? cur[p] : undefined;
  return cur;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '==') return goJson(a) === goJson(b);
  if (op === '!=') return goJson(a) !== goJson(b);
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
  const [x, y] = [a as number, b as number];
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  return op === '>' ? x > y : x >= y;
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return isObject(v) ? Object.values(v) : [];
}

function descendants(v: unknown): unknown[] {
  return [v, ...children(v).flatMap(descendants)];
}

function sliceOf(list: unknown[], start = 0, end = list.length): unknown[] {
  const norm = (n: number): number =>
    n < 0 ? Math.max(list.length + n, 0) : Math.min(n, list.length);
  return list.slice(norm(start), norm(end));
}

function applyFilter(v: unknown, seg: Extract<Segment, { k: 'filter' }>): unknown[] {
  return children(v).filter((item) => {
    const got = lookup(item, seg.path);
    if (seg.op === undefined) return got !== undefined;
    return got !== undefined && compare(seg.op, got, seg.value);
  });
}

function applySegment(v: unknown, seg: Segment): unknown[] {
  switch (seg.k) {
    case 'field':
      return isObject(v) && Object.hasOwn(v, seg.name) ? [v[seg.name]] : [];
    case 'wildcard':
      return children(v);
    case 'recursive':
      return descendants(v).flatMap((d) => applySegment(d, { k: 'field', name: seg.name }));
    case 'index': {
      if (!Array.isArray(v)) return [];
      const i = seg.index < 0 ? v.length + seg.index : seg.index;
      return i >= 0 && i < v.length ? [v[i] as unknown] : [];
    }
    case 'slice':
      return Array.isArray(v) ? sliceOf(v, seg.start, seg.end) : [];
    case 'filter':
      return applyFilter(v, seg);
  }
}

/** Every value the path selects in `obj` (missing keys select nothing, as AllowMissingKeys). */
export function evaluateJsonPath(obj: unknown, path: string | Segment[]): unknown[] {
  const segments = typeof path === 'string' ? parseJsonPath(path) : path;
  return segments.reduce<unknown[]>(
    (vals, seg) => vals.flatMap((v) => applySegment(v, seg)),
    [obj],
  );
}

/** How kube's JSONPath PrintResults writes one value: JSON for maps and lists, else `%v`. */
export function jsonPathText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  return goJson(v);
}
