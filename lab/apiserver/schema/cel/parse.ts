// Lexer and recursive-descent parser for the subset of CEL used by CRD x-kubernetes-validations
// rules: literals, self/oldSelf, field selection, indexing, calls and macros, unary and binary
// operators with CEL precedence, the ternary, list and map literals. Syntax it does not know
// throws CelUnsupportedError, so callers can skip such rules instead of rejecting objects.

/** A CEL feature this evaluator does not implement; the rule is skipped, not failed. */
export class CelUnsupportedError extends Error {
  override readonly name = 'CelUnsupportedError';
}

export type CelNode =
  | { k: 'lit'; v: unknown }
  | { k: 'ident'; name: string }
  | { k: 'select'; target: CelNode; field: string }
  | { k: 'index'; target: CelNode; index: CelNode }
  | { k: 'call'; fn: string; target?: CelNode; args: CelNode[] }
  | { k: 'unary'; op: string; arg: CelNode }
  | { k: 'binary'; op: string; left: CelNode; right: CelNode }
  | { k: 'cond'; test: CelNode; then: CelNode; else: CelNode }
  | { k: 'list'; items: CelNode[] }
  | { k: 'map'; entries: [CelNode, CelNode][] };

interface Token {
  t: 'num' | 'str' | 'id' | 'op' | 'end';
  v: string;
  value?: unknown;
}

const operators = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%'];
const punctuation = ['?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];
const escapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function readString(src: string, start: number): [string, number] {
  const raw = /[rR]/.test(src[start]);
  const q = raw ? start + 1 : start;
  const quote = src.startsWith(src[q].repeat(3), q) ? src[q].repeat(3) : src[q];
  let i = q + quote.length;
  let out = '';
  while (i < src.length && !src.startsWith(quote, i)) {
    if (src[i] === '\\' && !raw) {
      const e = escapes[src[i + 1]];
      if (e === undefined) throw new CelUnsupportedError(`Unsupported escape \\${src[i + 1]}`);
      out += e;
      i += 2;
    } else {
      out += src[i++];
    }
  }
  if (i >= src.length) throw new CelUnsupportedError('Unterminated string literal');
  return [out, i + quote.length];
}

function readNumber(src: string, start: number): [Token, number] {
  const m = /^(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][-+]?\d+)?)(u|U)?/.exec(src.slice(start));
  if (!m) throw new CelUnsupportedError(`Invalid number at ${start}`);
  return [{ t: 'num', v: m[0], value: Number(m[1]) }, start + m[0].length];
}

function nextToken(src: string, i: number): [Token, number] {
  const ch = src[i];
  if (/[0-9]/.test(ch)) return readNumber(src, i);
  if (ch === '"' || ch === "'" || (/[rR]/.test(ch) && /["']/.test(src[i + 1] ?? ''))) {
    const [value, end] = readString(src, i);
    return [{ t: 'str', v: value, value }, end];
  }
  const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
  if (id) return [{ t: 'id', v: id[0] }, i + id[0].length];
  const op = operators.find((o) => src.startsWith(o, i)) ?? punctuation.find((p) => p === ch);
  if (!op) throw new CelUnsupportedError(`Unexpected character ${ch} in CEL expression`);
  return [{ t: 'op', v: op }, i + op.length];
}

/** Splits a CEL expression into tokens. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i])) {
      i++;
      continue;
    }
    const [tok, next] = nextToken(src, i);
    out.push(tok);
    i = next;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

const binaryLevels: string[][] = [
  ['||'],
  ['&&'],
  ['==', '!=', '<', '<=', '>', '>=', 'in'],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): CelNode {
    const node = this.expr();
    if (this.peek().t !== 'end') throw new CelUnsupportedError(`Unexpected "${this.peek().v}"`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private isOp(v: string): boolean {
    const tok = this.peek();
    return (tok.t === 'op' || tok.t === 'id') && tok.v === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v))
      throw new CelUnsupportedError(`Expected "${v}" but found "${this.peek().v}"`);
    this.pos++;
  }

  private expr(): CelNode {
    const test = this.binary(0);
    if (!this.isOp('?')) return test;
    this.pos++;
    const then = this.expr();
    this.expect(':');
    return { k: 'cond', test, then, else: this.expr() };
  }

  private binary(level: number): CelNode {
    if (level >= binaryLevels.length) return this.unary();
    let left = this.binary(level + 1);
    while (binaryLevels[level].some((op) => this.isOp(op))) {
      const op = this.tokens[this.pos++].v;
      left = { k: 'binary', op, left, right: this.binary(level + 1) };
    }
    return left;
  }

  private unary(): CelNode {
    if (this.isOp('!') || this.isOp('-')) {
      const op = this.tokens[this.pos++].v;
      return { k: 'unary', op, arg: this.unary() };
    }
    return this.member(this.primary());
  }

  private member(node: CelNode): CelNode {
    for (;;) {
      if (this.isOp('.')) {
        this.pos++;
        const name = this.identifier();
        node = this.isOp('(')
          ? { k: 'call', fn: name, target: node, args: this.args(')') }
          : { k: 'select', target: node, field: name };
      } else if (this.isOp('[')) {
        this.pos++;
        const index = this.expr();
        this.expect(']');
        node = { k: 'index', target: node, index };
      } else {
        return node;
      }
    }
  }

  private identifier(): string {
    const tok = this.peek();
    if (tok.t !== 'id') throw new CelUnsupportedError(`Expected an identifier, found "${tok.v}"`);
    this.pos++;
    return tok.v;
  }

  private args(close: string): CelNode[] {
    this.expect(close === ')' ? '(' : '[');
    const out: CelNode[] = [];
    while (!this.isOp(close)) {
      out.push(this.expr());
      if (!this.isOp(close)) this.expect(',');
    }
    this.pos++;
    return out;
  }

  private primary(): CelNode {
    const tok = this.peek();
    if (tok.t === 'num' || tok.t === 'str') {
      this.pos++;
      return { k: 'lit', v: tok.value };
    }
    if (tok.t === 'id') return this.identOrCall();
    if (this.isOp('(')) {
      this.pos++;
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    if (this.isOp('[')) return { k: 'list', items: this.args(']') };
    if (this.isOp('{')) return this.mapLiteral();
    throw new CelUnsupportedError(`Unexpected "${tok.v}"`);
  }

  private identOrCall(): CelNode {
    const name = this.identifier();
    const literals: Record<string, unknown> = { true: true, false: false, null: null };
    if (Object.hasOwn(literals, name)) return { k: 'lit', v: literals[name] };
    if (this.isOp('(')) return { k: 'call', fn: name, args: this.args(')') };
    return { k: 'ident', name };
  }

  private mapLiteral(): CelNode {
    this.expect('{');
    const entries: [CelNode, CelNode][] = [];
    while (!this.isOp('}')) {
      const key = this.expr();
      this.expect(':');
      entries.push([key, this.expr()]);
      if (!this.isOp('}')) this.expect(',');
    }
    this.pos++;
    return { k: 'map', entries };
  }
}

/** Parses a CEL expression; throws CelUnsupportedError for syntax outside the subset. */
export function parseCel(src: string): CelNode {
  return new Parser(tokenize(src)).parse();
}

/** True when the expression mentions `oldSelf` (a transition rule). */
export function usesOldSelf(src: string): boolean {
  return tokenize(src).some((t) => t.t === 'id' && t.v === 'oldSelf');
}
