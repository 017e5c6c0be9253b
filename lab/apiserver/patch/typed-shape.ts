// The schema view server-side apply walks objects with: for every node, whether an object is
// atomic, how a key below it is typed (declared struct field vs map entry), and how a list is
// merged. Built-in kinds use patch-metadata.ts; CRDs use the server's ListTypeLookup (objects as
// structs, lists atomic unless the CRD says set/map); anything else is untyped. Pure.
import {
  builtinRootType,
  childType,
  fieldSpec,
  OBJECT_META,
  structSpec,
  UNTYPED,
} from './patch-metadata.js';
import type { FieldSpec, SsaList, TypeNode } from './patch-metadata.js';
import type { GroupVersionKind, ListTypeLookup } from '../types.js';

/** The type of one key below an object node. */
export interface ChildShape {
  shape: Shape;
  /** A declared struct field (owned only through its leaves) rather than a map entry. */
  named: boolean;
  /** What Go's zero value of the parent holds here: `{}` (value struct), null, or nothing. */
  zero: unknown;
}

/** The schema at one node of an object; see the module header. */
export interface Shape {
  /** `+structType=atomic` / `+mapType=atomic`: the object is owned and replaced as a whole. */
  readonly atomicObject: boolean;
  child(key: string): ChildShape;
  /** The shape of a list's items. */
  items(): Shape;
  /** How a list at this node is merged. */
  list(): SsaList;
}

function zeroOf(field: FieldSpec | undefined): unknown {
  if (field?.valueStruct) return {};
  return field?.zeroNull ? null : undefined;
}

const ATOMIC: SsaList = { type: 'atomic', keys: [], keyDefaults: {} };

class BuiltinShape implements Shape {
  readonly atomicObject: boolean;

  constructor(private readonly node: TypeNode) {
    this.atomicObject =
      (node.kind === 'struct' && structSpec(node.name).atomic) ||
      (node.kind === 'map' && node.atomic);
  }

  child(key: string): ChildShape {
    const field = fieldSpec(this.node, key);
    const shape = new BuiltinShape(field ? field.type : childType(this.node, key));
    return { shape, named: this.node.kind !== 'map', zero: zeroOf(field) };
  }

  items(): Shape {
    return new BuiltinShape(this.node.kind === 'list' ? this.node.elem : UNTYPED);
  }

  list(): SsaList {
    return this.node.kind === 'list' ? this.node.ssa : ATOMIC;
  }
}

/** A CRD node addressed by its field path (list indices omitted), as ListTypeLookup expects. */
class CrdShape implements Shape {
  readonly atomicObject = false;

  constructor(
    private readonly path: readonly string[],
    private readonly lookup: ListTypeLookup | undefined,
  ) {}

  child(key: string): ChildShape {
    return {
      shape: new CrdShape([...this.path, key], this.lookup),
      named: true,
      zero: undefined,
    };
  }

  items(): Shape {
    return this;
  }

  list(): SsaList {
    const found = this.lookup?.(this.path);
    if (!found || found.type === 'atomic') return ATOMIC;
    return { type: found.type, keys: found.mapKeys ?? [], keyDefaults: {} };
  }
}

/** The root of a CRD (or unknown kind): metadata is ObjectMeta, the rest comes from the lookup. */
class CrdRootShape extends CrdShape {
  constructor(lookup: ListTypeLookup | undefined) {
    super([], lookup);
  }

  override child(key: string): ChildShape {
    if (key !== 'metadata') return super.child(key);
    return { shape: new BuiltinShape(OBJECT_META), named: true, zero: {} };
  }
}

/** The shape of an object of kind `gvk`; `listTypes` describes CRD lists. */
export function shapeFor(gvk: GroupVersionKind, listTypes?: ListTypeLookup): Shape {
  const root = builtinRootType(gvk);
  return root ? new BuiltinShape(root) : new CrdRootShape(listTypes);
}

/** True when built-in kind `gvk` has a `status` field (its status is reset by main-resource writes). */
export function hasBuiltinStatus(gvk: GroupVersionKind): boolean {
  const root = builtinRootType(gvk);
  return root !== undefined && fieldSpec(root, 'status') !== undefined;
}
