// Field sets of server-side apply (sigs.k8s.io/structured-merge-diff fieldpath): path elements
// (field name, associative-list key, set value, index), a trie of owned paths with member /
// child distinction, the set algebra apply needs, and the `fieldsV1` wire format
// (`f:name`, `k:{"name":"x"}`, `v:"x"`, `i:0`, `.` for the node itself). Pure.
import { isObject } from './json-value.js';

/** One step of a field path. Key fields are sorted by name. */
export type PathElement =
  { field: string } | { key: [string, unknown][] } | { value: unknown } | { index: number };

/** A path from the object root. */
export type FieldPath = readonly PathElement[];

/** JSON as Go's encoder writes it (HTML-sensitive characters escaped). */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The fieldsV1 key of a path element; also its identity. */
export function serializeElement(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([n, v]) => `${goJson(n)}:${goJson(v)}`).join(',')}}`;
  if ('value' in pe) return `v:${goJson(pe.value)}`;
  return `i:${pe.index}`;
}

/** Go's value.ToString: strings quoted, numbers and booleans bare. */
function valueString(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(valueString).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${valueString(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** kube's Path.String(): `.spec.containers[name="nginx"].image`, `[="x"]`, `[0]`. */
export function pathString(path: FieldPath): string {
  return path
    .map((pe) => {
      if ('field' in pe) return `.${pe.field}`;
      if ('key' in pe) return `[${pe.key.map(([n, v]) => `${n}=${valueString(v)}`).join(',')}]`;
      if ('value' in pe) return `[=${valueString(pe.value)}]`;
      return `[${pe.index}]`;
    })
    .join('');
}

function rank(value: unknown): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  if (Array.isArray(value)) return 3;
  return isObject(value) ? 4 : 5;
}

/** structured-merge-diff's value.Compare for scalars (numbers < strings < booleans < …). */
function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra <= 2) return a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1;
  return goJson(a) < goJson(b) ? -1 : goJson(a) === goJson(b) ? 0 : 1;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKeys(a: [string, unknown][], b: [string, unknown][]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareStrings(a[i][0], b[i][0]) || compareValues(a[i][1], b[i][1]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function elementRank(pe: PathElement): number {
  if ('field' in pe) return 0;
  if ('key' in pe) return 1;
  return 'value' in pe ? 2 : 3;
}

/** The order of path elements: fields, then keys, then values, then indices. */
export function compareElements(a: PathElement, b: PathElement): number {
  const ra = elementRank(a);
  if (ra !== elementRank(b)) return ra - elementRank(b);
  if ('field' in a && 'field' in b) return compareStrings(a.field, b.field);
  if ('key' in a && 'key' in b) return compareKeys(a.key, b.key);
  if ('value' in a && 'value' in b) return compareValues(a.value, b.value);
  return (a as { index: number }).index - (b as { index: number }).index;
}

/** Parses a fieldsV1 key (`f:…`, `k:{…}`, `v:…`, `i:…`). Throws on anything else. */
export function deserializeElement(text: string): PathElement {
  const body = text.slice(2);
  if (text[1] !== ':') throw new Error(`missing colon: ${text}`);
  if (text[0] === 'f') return { field: body };
  if (text[0] === 'i' && /^-?\d+$/.test(body)) return { index: Number(body) };
  const parsed: unknown = JSON.parse(body);
  if (text[0] === 'v') return { value: parsed };
  if (text[0] === 'k' && isObject(parsed)) {
    return { key: Object.entries(parsed).sort((x, y) => compareStrings(x[0], y[0])) };
  }
  throw new Error(`unknown path element type: ${text}`);
}

type SetOp = 'union' | 'difference' | 'intersection';

interface Child {
  pe: PathElement;
  set: FieldSet;
}

/** A set of field paths: `members` are paths ending here, `children` continue below. */
export class FieldSet {
  private readonly members = new Map<string, PathElement>();
  private readonly children = new Map<string, Child>();

  /** True when the set holds no path (children are never stored empty). */
  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  /** Adds a path (a no-op for the empty path). */
  insert(path: FieldPath): void {
    if (path.length === 0) return;
    const [head, ...rest] = path;
    const id = serializeElement(head);
    if (rest.length === 0) {
      this.members.set(id, head);
      return;
    }
    let child = this.children.get(id);
    if (!child) {
      child = { pe: head, set: new FieldSet() };
      this.children.set(id, child);
    }
    child.set.insert(rest);
  }

  /** True when `path` itself is in the set. */
  has(path: FieldPath): boolean {
    if (path.length === 0) return false;
    const id = serializeElement(path[0]);
    if (path.length === 1) return this.members.has(id);
    return this.children.get(id)?.set.has(path.slice(1)) ?? false;
  }

  /** The paths below `pe`, relative to it (structured-merge-diff WithPrefix). */
  child(pe: PathElement): FieldSet | undefined {
    const child = this.children.get(serializeElement(pe));
    return child && !child.set.isEmpty() ? child.set : undefined;
  }

  /** True when `pe` itself is a member. */
  hasMember(pe: PathElement): boolean {
    return this.members.has(serializeElement(pe));
  }

  private combineMembers(other: FieldSet, op: SetOp, out: FieldSet): void {
    for (const [id, pe] of this.members) {
      const inOther = other.members.has(id);
      if (op === 'union' || (op === 'difference') !== inOther) out.members.set(id, pe);
    }
    if (op === 'union') for (const [id, pe] of other.members) out.members.set(id, pe);
  }

  private combine(other: FieldSet, op: SetOp): FieldSet {
    const out = new FieldSet();
    this.combineMembers(other, op, out);
    const ids = new Set([
      ...this.children.keys(),
      ...(op === 'union' ? other.children.keys() : []),
    ]);
    for (const id of ids) {
      const mine = this.children.get(id);
      const theirs = other.children.get(id);
      const set = combineChild(mine?.set, theirs?.set, op);
      if (set && !set.isEmpty()) out.children.set(id, { pe: (mine ?? theirs)!.pe, set });
    }
    return out;
  }

  /** Paths in either set. */
  union(other: FieldSet): FieldSet {
    return this.combine(other, 'union');
  }

  /** Paths of this set not in `other` (not recursive: a member of `other` keeps our children). */
  difference(other: FieldSet): FieldSet {
    return this.combine(other, 'difference');
  }

  /** Paths in both sets. */
  intersection(other: FieldSet): FieldSet {
    return this.combine(other, 'intersection');
  }

  /** Every path, members of a node before its children, each group in element order. */
  paths(prefix: FieldPath = []): PathElement[][] {
    const out: PathElement[][] = [];
    for (const pe of sortElements([...this.members.values()])) out.push([...prefix, pe]);
    for (const child of sortChildren([...this.children.values()])) {
      out.push(...child.set.paths([...prefix, child.pe]));
    }
    return out;
  }

  /** The fieldsV1 object (keys in element order, `.` first). */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const entries = new Map<string, PathElement>();
    for (const [id, pe] of this.members) entries.set(id, pe);
    for (const [id, c] of this.children) if (!c.set.isEmpty()) entries.set(id, c.pe);
    for (const pe of sortElements([...entries.values()])) {
      const id = serializeElement(pe);
      const child = this.children.get(id);
      if (!child || child.set.isEmpty()) out[id] = {};
      else out[id] = { ...(this.members.has(id) ? { '.': {} } : {}), ...child.set.toFieldsV1() };
    }
    return out;
  }

  /** Parses a fieldsV1 object; throws on malformed keys. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (!isObject(fields)) return set;
    for (const [key, value] of Object.entries(fields)) {
      if (key === '.') continue;
      const pe = deserializeElement(key);
      const id = serializeElement(pe);
      const sub = isObject(value) ? value : {};
      if (Object.keys(sub).length === 0 || '.' in sub) set.members.set(id, pe);
      const childSet = FieldSet.fromFieldsV1(sub);
      if (!childSet.isEmpty()) set.children.set(id, { pe, set: childSet });
    }
    return set;
  }

  /** Only the paths under top-level field `name` (kube's reset fields of a status write). */
  onlyTopField(name: string): FieldSet {
    const id = serializeElement({ field: name });
    const out = new FieldSet();
    if (this.members.has(id)) out.members.set(id, { field: name });
    const child = this.children.get(id);
    if (child) out.children.set(id, child);
    return out;
  }

  /** Every path except those at or under top-level field `name`. */
  withoutTopField(name: string): FieldSet {
    const id = serializeElement({ field: name });
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (k !== id) out.members.set(k, pe);
    for (const [k, c] of this.children) if (k !== id) out.children.set(k, c);
    return out;
  }

  /** Visits each member and child element (for schema-aware rewrites). */
  forEachNode(
    visit: (pe: PathElement, isMember: boolean, child: FieldSet | undefined) => void,
  ): void {
    const ids = new Set([...this.members.keys(), ...this.children.keys()]);
    for (const id of ids) {
      const child = this.children.get(id);
      visit((this.members.get(id) ?? child?.pe)!, this.members.has(id), child?.set);
    }
  }

  /** Builds a set from (element, member?, child set) triples. */
  static build(nodes: { pe: PathElement; member: boolean; child?: FieldSet }[]): FieldSet {
    const set = new FieldSet();
    for (const { pe, member, child } of nodes) {
      const id = serializeElement(pe);
      if (member) set.members.set(id, pe);
      if (child && !child.isEmpty()) set.children.set(id, { pe, set: child });
    }
    return set;
  }
}

function combineChild(
  mine: FieldSet | undefined,
  theirs: FieldSet | undefined,
  op: SetOp,
): FieldSet | undefined {
  if (!mine) return op === 'union' ? theirs : undefined;
  if (!theirs) return op === 'intersection' ? undefined : mine;
  return mine[op](theirs);
}

function sortElements(pes: PathElement[]): PathElement[] {
  return pes.sort(compareElements);
}

function sortChildren(children: Child[]): Child[] {
  return children.sort((a, b) => compareElements(a.pe, b.pe));
}
