// CEL standard and Kubernetes-library functions the rule evaluator supports (size, string
// predicates and helpers, conversions) plus CEL equality over JSON values. A function outside
// this list throws CelUnsupportedError so the rule is skipped rather than failed.
import { CelUnsupportedError } from './parse.js';

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** CEL equality: deep for lists and maps, numeric across int/double. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => celEquals(a[k], b[k]));
  }
  return a === b;
}

type ErrorFactory = (message: string) => Error;
type Fn = (args: unknown[], fail: ErrorFactory) => unknown;

function str(v: unknown, fail: ErrorFactory, fn: string): string {
  if (typeof v !== 'string') throw fail(`no such overload: ${fn}`);
  return v;
}

function size(args: unknown[], fail: ErrorFactory): number {
  const [v] = args;
  if (typeof v === 'string') return Array.from(v).length;
  if (Array.isArray(v)) return v.length;
  if (isMap(v)) return Object.keys(v).length;
  throw fail('no such overload: size');
}

function stringPredicate(test: (s: string, arg: string) => boolean, fn: string): Fn {
  return (args, fail) => test(str(args[0], fail, fn), str(args[1], fail, fn));
}

function toInt(args: unknown[], fail: ErrorFactory): number {
  const [v] = args;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^[-+]?\d+$/.test(v)) return Number(v);
  throw fail('no such overload: int');
}

function toDouble(args: unknown[], fail: ErrorFactory): number {
  const [v] = args;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw fail('no such overload: double');
}

function toStr(args: unknown[], fail: ErrorFactory): string {
  const [v] = args;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw fail('no such overload: string');
}

function join(args: unknown[], fail: ErrorFactory): string {
  const [list, sep = ''] = args;
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
    throw fail('no such overload: join');
  }
  return list.join(str(sep, fail, 'join'));
}

const functions: Record<string, Fn> = {
  size,
  startsWith: stringPredicate((s, p) => s.startsWith(p), 'startsWith'),
  endsWith: stringPredicate((s, p) => s.endsWith(p), 'endsWith'),
  contains: stringPredicate((s, p) => s.includes(p), 'contains'),
  matches: stringPredicate((s, re) => new RegExp(re, 'u').test(s), 'matches'),
  lowerAscii: (a, fail) => str(a[0], fail, 'lowerAscii').replace(/[A-Z]/g, (c) => c.toLowerCase()),
  upperAscii: (a, fail) => str(a[0], fail, 'upperAscii').replace(/[a-z]/g, (c) => c.toUpperCase()),
  trim: (a, fail) => str(a[0], fail, 'trim').trim(),
  indexOf: (a, fail) => str(a[0], fail, 'indexOf').indexOf(str(a[1], fail, 'indexOf')),
  split: (a, fail) => str(a[0], fail, 'split').split(str(a[1], fail, 'split')),
  replace: (a, fail) =>
    str(a[0], fail, 'replace')
      .split(str(a[1], fail, 'replace'))
      .join(str(a[2], fail, 'replace')),
  join,
  int: toInt,
  double: toDouble,
  string: toStr,
};

/** Calls a function (receiver first for `x.f(y)`); unknown names are unsupported. */
export function callFunction(name: string, args: unknown[], fail: ErrorFactory): unknown {
  const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (!fn) throw new CelUnsupportedError(`found no matching overload for '${name}'`);
  return fn(args, fail);
}
