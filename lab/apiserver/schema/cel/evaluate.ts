// Evaluator for the CEL subset parsed by ./parse.ts over decoded JSON values: CEL's
// error-absorbing && and ||, heterogeneous equality, has()/all()/exists()/exists_one()/map()/
// filter() macros, size() and the common string functions. Runtime faults throw CelError (kube
// reports them); functions outside the subset throw CelUnsupportedError (the rule is skipped).
import { CelUnsupportedError } from './parse.js';
import type { CelNode } from './parse.js';
import { callFunction, celEquals, isMap } from './functions.js';

/** A runtime error of a rule (`no such key: x`), reported as kube does. */
export class CelError extends Error {
  override readonly name = 'CelError';
}

/** Variable bindings: `self`, `oldSelf` and macro iteration variables. */
export type CelScope = ReadonlyMap<string, unknown>;

type Result = { ok: true; v: unknown } | { ok: false; e: Error };

function attempt(node: CelNode, scope: CelScope): Result {
  try {
    return { ok: true, v: evaluate(node, scope) };
  } catch (e) {
    if (e instanceof CelUnsupportedError) throw e;
    return { ok: false, e: e as Error };
  }
}

/** CEL's commutative && / ||: a decisive operand wins over an error on the other side. */
function logical(op: string, left: CelNode, right: CelNode, scope: CelScope): boolean {
  const decisive = op === '||';
  const l = attempt(left, scope);
  if (l.ok && l.v === decisive) return decisive;
  const r = attempt(right, scope);
  if (r.ok && r.v === decisive) return decisive;
  if (!l.ok) throw l.e;
  if (!r.ok) throw r.e;
  if (typeof l.v !== 'boolean' || typeof r.v !== 'boolean') {
    throw new CelError(`no such overload: ${op}`);
  }
  return !decisive;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const comparable =
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string') ||
    (typeof a === 'boolean' && typeof b === 'boolean');
  if (!comparable) throw new CelError(`no such overload: ${op}`);
  const x = a as number;
  const y = b as number;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  return op === '>' ? x > y : x >= y;
}

function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((x) => celEquals(x, item));
  if (isMap(container)) return typeof item === 'string' && Object.hasOwn(container, item);
  throw new CelError('no such overload: in');
}

function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
  throw new CelError('no such overload: +');
}

function divide(op: string, a: number, b: number): number {
  const ints = Number.isInteger(a) && Number.isInteger(b);
  if (ints && b === 0) throw new CelError(op === '/' ? 'division by zero' : 'modulus by zero');
  if (op === '%') return a % b;
  return ints ? Math.trunc(a / b) : a / b;
}

function arithmetic(op: string, a: unknown, b: unknown): number {
  if (typeof a !== 'number' || typeof b !== 'number') throw new CelError(`no such overload: ${op}`);
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  return divide(op, a, b);
}

function binary(op: string, left: CelNode, right: CelNode, scope: CelScope): unknown {
  if (op === '&&' || op === '||') return logical(op, left, right, scope);
  const a = evaluate(left, scope);
  const b = evaluate(right, scope);
  if (op === '==') return celEquals(a, b);
  if (op === '!=') return !celEquals(a, b);
  if (op === 'in') return contains(b, a);
  if (op === '+') return add(a, b);
  if (['<', '<=', '>', '>='].includes(op)) return compare(op, a, b);
  return arithmetic(op, a, b);
}

function select(target: unknown, field: string): unknown {
  if (!isMap(target)) throw new CelError(`no such overload: select ${field}`);
  if (!Object.hasOwn(target, field)) throw new CelError(`no such key: ${field}`);
  return target[field];
}

function index(target: unknown, key: unknown): unknown {
  if (Array.isArray(target)) {
    if (typeof key !== 'number' || !Number.isInteger(key))
      throw new CelError('no such overload: []');
    if (key < 0 || key >= target.length) throw new CelError(`index out of bounds: ${key}`);
    return target[key] as unknown;
  }
  if (typeof key !== 'string') throw new CelError('no such overload: []');
  return select(target, key);
}

function has(arg: CelNode, scope: CelScope): boolean {
  if (arg.k !== 'select') throw new CelUnsupportedError('has() needs a field selection');
  const target = evaluate(arg.target, scope);
  if (!isMap(target)) throw new CelError(`no such overload: has`);
  return Object.hasOwn(target, arg.field);
}

function elementsOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v);
  throw new CelError('no such overload: comprehension');
}

const macros = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

function macro(fn: string, target: CelNode, args: CelNode[], scope: CelScope): unknown {
  const [variable, body] = args;
  if (args.length !== 2 || variable.k !== 'ident')
    throw new CelUnsupportedError(`Unsupported ${fn}()`);
  const items = elementsOf(evaluate(target, scope));
  const run = (item: unknown): unknown =>
    evaluate(body, new Map([...scope, [variable.name, item]]));
  if (fn === 'map') return items.map(run);
  if (fn === 'filter') return items.filter((x) => run(x) === true);
  const hits = items.filter((x) => run(x) === true).length;
  if (fn === 'all') return hits === items.length;
  return fn === 'exists' ? hits > 0 : hits === 1;
}

function call(node: Extract<CelNode, { k: 'call' }>, scope: CelScope): unknown {
  if (!node.target && node.fn === 'has' && node.args.length === 1) return has(node.args[0], scope);
  if (node.target && macros.has(node.fn)) return macro(node.fn, node.target, node.args, scope);
  const target = node.target ? [evaluate(node.target, scope)] : [];
  const args = [...target, ...node.args.map((a) => evaluate(a, scope))];
  return callFunction(node.fn, args, (m) => new CelError(m));
}

function unary(op: string, v: unknown): unknown {
  if (op === '!' && typeof v === 'boolean') return !v;
  if (op === '-' && typeof v === 'number') return -v;
  throw new CelError(`no such overload: ${op}`);
}

function identifier(name: string, scope: CelScope): unknown {
  if (!scope.has(name)) throw new CelUnsupportedError(`undeclared reference to '${name}'`);
  return scope.get(name);
}

/** Evaluates a parsed expression with the given bindings. */
export function evaluate(node: CelNode, scope: CelScope): unknown {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'ident':
      return identifier(node.name, scope);
    case 'select':
      return select(evaluate(node.target, scope), node.field);
    case 'index':
      return index(evaluate(node.target, scope), evaluate(node.index, scope));
    case 'call':
      return call(node, scope);
    case 'unary':
      return unary(node.op, evaluate(node.arg, scope));
    case 'binary':
      return binary(node.op, node.left, node.right, scope);
    case 'cond':
      return conditional(node, scope);
    case 'list':
      return node.items.map((i) => evaluate(i, scope));
    case 'map':
      return Object.fromEntries(
        node.entries.map(([k, v]) => [evaluate(k, scope), evaluate(v, scope)]),
      );
  }
}

function conditional(node: Extract<CelNode, { k: 'cond' }>, scope: CelScope): unknown {
  const test = evaluate(node.test, scope);
  if (typeof test !== 'boolean') throw new CelError('no such overload: _?_:_');
  return evaluate(test ? node.then : node.else, scope);
}
