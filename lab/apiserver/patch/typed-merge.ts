// The merge of server-side apply (structured-merge-diff typed/merge.go with the keep-RHS rule):
// the applied configuration wins at every leaf, objects merge key by key, associative lists
// merge item by item in kube's order, atomic lists and objects are replaced whole. Pure; throws
// TypedError for duplicate keys in the applied configuration.
import { pathString } from './field-set.js';
import type { FieldPath, PathElement } from './field-set.js';
import { isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import type { Shape } from './typed-shape.js';
import { bothEmpty, listElements, nodeKind, TypedError } from './typed-walk.js';

interface Indexed {
  ids: string[];
  pes: Map<string, PathElement>;
  /** Item per id; an id seen twice (allowed on the live side only) maps to null. */
  observed: Map<string, unknown>;
}

function index(list: unknown[], shape: Shape, path: FieldPath, allowDuplicates: boolean): Indexed {
  const out: Indexed = { ids: [], pes: new Map(), observed: new Map() };
  listElements(list, shape, path).forEach(({ pe, id }, i) => {
    const seen = out.observed.has(id);
    if (seen && !allowDuplicates) {
      throw new TypedError(`${pathString(path)}: duplicate entries for key ${pathString([pe])}`);
    }
    out.observed.set(id, seen ? null : list[i]);
    out.pes.set(id, pe);
    out.ids.push(id);
  });
  return out;
}

class ListMerger {
  private readonly out: unknown[] = [];
  private readonly merged = new Set<string>();
  private readonly shared: string[];
  private nextShared: string | undefined;
  private l = 0;
  private r = 0;

  constructor(
    private readonly lhs: unknown[],
    private readonly left: Indexed,
    private readonly right: Indexed,
    private readonly at: { shape: Shape; path: FieldPath },
  ) {
    this.shared = right.ids.filter((id) => left.observed.has(id));
    this.nextShared = this.shared.shift();
  }

  private push(id: string, lhs: unknown, rhs: unknown): void {
    const pe = (this.left.pes.get(id) ?? this.right.pes.get(id))!;
    const value = mergeNode(lhs, rhs, {
      shape: this.at.shape.items(),
      path: [...this.at.path, pe],
    });
    if (value !== undefined) this.out.push(value);
  }

  /** Both lists have an item left: merge equal ones, or skip a shared live item seen too early. */
  private pair(lId: string, rId: string): boolean {
    if (lId === rId) return this.mergeShared(lId);
    if (this.right.observed.has(lId) && this.nextShared !== undefined && this.nextShared !== lId) {
      this.l++;
      return true;
    }
    return false;
  }

  /** One step of kube's interleaving; returns false when both lists are consumed. */
  private step(): boolean {
    const lId = this.left.ids[this.l];
    const rId = this.right.ids[this.r];
    if (lId !== undefined && rId !== undefined && this.pair(lId, rId)) return true;
    if (lId !== undefined && this.takeLeft(lId)) return true;
    if (rId !== undefined) this.takeRight(rId);
    return this.l < this.left.ids.length || this.r < this.right.ids.length;
  }

  private mergeShared(id: string): boolean {
    this.merged.add(id);
    this.push(id, this.left.observed.get(id), this.right.observed.get(id));
    this.l++;
    this.r++;
    this.nextShared = this.shared.shift();
    return true;
  }

  /** A live-only item is kept in place; a live item already merged is skipped. */
  private takeLeft(id: string): boolean {
    if (!this.right.observed.has(id)) {
      this.push(id, this.lhs[this.l], undefined);
      this.l++;
      return true;
    }
    if (this.merged.has(id)) this.l++;
    return false;
  }

  private takeRight(id: string): void {
    this.merged.add(id);
    this.push(id, this.left.observed.get(id), this.right.observed.get(id));
    this.r++;
    if (this.nextShared === id) this.nextShared = this.shared.shift();
  }

  run(): unknown[] | undefined {
    while (this.l < this.left.ids.length || this.r < this.right.ids.length) this.step();
    return this.out.length ? this.out : undefined;
  }
}

function mergeList(lhs: unknown[], rhs: unknown[], at: { shape: Shape; path: FieldPath }): unknown {
  const right = index(rhs, at.shape, at.path, false);
  const left = index(lhs, at.shape, at.path, true);
  return new ListMerger(lhs, left, right, at).run();
}

function mergeMap(
  lhs: JsonObject,
  rhs: JsonObject,
  at: { shape: Shape; path: FieldPath },
): unknown {
  const out: JsonObject = {};
  for (const key of new Set([...Object.keys(lhs), ...Object.keys(rhs)])) {
    const childAt = { shape: at.shape.child(key).shape, path: [...at.path, { field: key }] };
    const value = mergeNode(lhs[key], rhs[key], childAt);
    // An applied null removes the field (kube's typed decoding drops it) but is still owned.
    if (value !== undefined && value !== null) out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

function mergeNode(lhs: unknown, rhs: unknown, at: { shape: Shape; path: FieldPath }): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined) return rhs;
  const kind = nodeKind(lhs, rhs);
  const atomic = kind === 'list' ? at.shape.list().type === 'atomic' : at.shape.atomicObject;
  if (kind === 'leaf' || atomic || bothEmpty(lhs, rhs)) return rhs;
  if (kind === 'list') return mergeList(asList(lhs), asList(rhs), at);
  return mergeMap(isObject(lhs) ? lhs : {}, isObject(rhs) ? rhs : {}, at);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `rhs` merged into `lhs`: what the object becomes when configuration `rhs` is applied. */
export function mergeObjects(lhs: unknown, rhs: unknown, shape: Shape): unknown {
  return mergeNode(lhs, rhs, { shape, path: [] });
}
