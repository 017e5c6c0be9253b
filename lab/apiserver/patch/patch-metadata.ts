// Type metadata of built-in kinds for strategic merge patch and server-side apply: parses the
// compact notation of builtin-types.ts into TypeNodes on demand (memoised) and answers "how is
// the list at this field merged" for both. Pure lookups; knows nothing about CRDs.
//
// Notation (one entry per struct, space-separated `field:TYPE`; a leading `!` marks a
// `+structType=atomic` struct; scalar fields are omitted):
//   Name | *Name     a struct field (`*` = pointer, absent in Go's zero value); `_` = plain struct
//   ?                untyped (RawExtension, JSON): objects granular, lists atomic
//   {ELEM} | {ELEM}! a Go map (entries are set members); `!` = `+mapType=atomic`
//   [ELEM]LIST       a list; ELEM empty = scalars. LIST: `m=k1,k2:def` SSA map keyed by k1,k2 (with
//                    a `+default` for k2), `s` SSA set, `a` or nothing atomic; then `~key` SMP
//                    patchStrategy merge with patchMergeKey key (`~` alone: merge of scalars)
//   trailing ^       patchStrategy replace
//   trailing @       a list or map without omitempty (null, not absent, in Go's zero value)
import { BUILTIN_KINDS, BUILTIN_TYPES } from './builtin-types.js';
import type { GroupVersionKind } from '../types.js';

/** How server-side apply treats a list: atomic, set of scalars, or map keyed by fields. */
export interface SsaList {
  type: 'atomic' | 'set' | 'map';
  keys: string[];
  /** `+default` of key fields, used for items that omit a key. */
  keyDefaults: Record<string, unknown>;
}

/** A parsed type of the notation. */
export type TypeNode =
  | { kind: 'scalar' }
  | { kind: 'untyped' }
  | { kind: 'struct'; name: string }
  | { kind: 'map'; elem: TypeNode; atomic: boolean }
  | { kind: 'list'; elem: TypeNode; ssa: SsaList; smpMerge: boolean; smpMergeKey: string };

/** A declared field of a struct. */
export interface FieldSpec {
  type: TypeNode;
  /** True for a non-pointer struct field: Go's zero value of the parent holds it as `{}`. */
  valueStruct: boolean;
  /** A list or map field without omitempty: Go's zero value of the parent holds it as null. */
  zeroNull: boolean;
  /** patchStrategy replace on a struct or map field. */
  smpReplace: boolean;
}

/** A struct type: its `+structType=atomic` flag and declared non-scalar fields. */
export interface StructSpec {
  name: string;
  atomic: boolean;
  fields: ReadonlyMap<string, FieldSpec>;
}

/** Scalars, and anything the notation leaves out. */
export const SCALAR: TypeNode = { kind: 'scalar' };
export const UNTYPED: TypeNode = { kind: 'untyped' };
const PLAIN_STRUCT: StructSpec = { name: '_', atomic: false, fields: new Map() };
const ATOMIC_LIST: SsaList = { type: 'atomic', keys: [], keyDefaults: {} };

/** Parses `k1,k2:default` into keys and defaults. */
function parseKeys(spec: string): Pick<SsaList, 'keys' | 'keyDefaults'> {
  const keys: string[] = [];
  const keyDefaults: Record<string, unknown> = {};
  for (const part of spec.split(',')) {
    const [key, def] = part.split(':');
    keys.push(key);
    if (def !== undefined) keyDefaults[key] = def;
  }
  return { keys, keyDefaults };
}

function parseListSuffix(
  suffix: string,
): Pick<TypeNode & { kind: 'list' }, 'ssa' | 'smpMerge' | 'smpMergeKey'> {
  const [ssaPart, mergeKey] = suffix.split('~');
  const smp = { smpMerge: mergeKey !== undefined, smpMergeKey: mergeKey ?? '' };
  if (ssaPart.startsWith('m='))
    return { ssa: { type: 'map', ...parseKeys(ssaPart.slice(2)) }, ...smp };
  if (ssaPart === 's') return { ssa: { type: 'set', keys: [], keyDefaults: {} }, ...smp };
  return { ssa: ATOMIC_LIST, ...smp };
}

/** Index of the bracket closing the one at `open`. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[' || text[i] === '{') depth++;
    if (text[i] === ']' || text[i] === '}') depth--;
    if (depth === 0) return i;
  }
  throw new Error(`Unbalanced type notation ${text}`);
}

/** Parses one TYPE of the notation (without trailing `^`). */
export function parseType(text: string): TypeNode {
  if (text === '') return SCALAR;
  if (text === '?') return UNTYPED;
  const first = text[0];
  if (first === '[' || first === '{') {
    const end = closing(text, 0);
    const elem = parseType(text.slice(1, end));
    const rest = text.slice(end + 1);
    if (first === '{') return { kind: 'map', elem, atomic: rest === '!' };
    return { kind: 'list', elem, ...parseListSuffix(rest) };
  }
  return { kind: 'struct', name: text.replace(/^\*/, '') };
}

function parseField(entry: string): [string, FieldSpec] {
  const colon = entry.indexOf(':');
  const match = /^(.*?)([@^]*)$/.exec(entry.slice(colon + 1))!;
  const [, text, flags] = match;
  const type = parseType(text);
  const valueStruct = type.kind === 'struct' && !text.startsWith('*');
  const spec = {
    type,
    valueStruct,
    zeroNull: flags.includes('@'),
    smpReplace: flags.includes('^'),
  };
  return [entry.slice(0, colon), spec];
}

const structCache = new Map<string, StructSpec>();

/** The fields of a built-in struct type; unknown names resolve to a plain struct. */
export function structSpec(name: string): StructSpec {
  const cached = structCache.get(name);
  if (cached) return cached;
  const raw = BUILTIN_TYPES[name];
  if (raw === undefined) return PLAIN_STRUCT;
  const atomic = raw.startsWith('!');
  const entries = (atomic ? raw.slice(1) : raw).split(' ').filter(Boolean);
  const spec: StructSpec = { name, atomic, fields: new Map(entries.map(parseField)) };
  structCache.set(name, spec);
  return spec;
}

/** The ObjectMeta type every kind (built-in or CRD) shares. */
export const OBJECT_META: TypeNode = { kind: 'struct', name: 'ObjectMeta' };

/** The root type of a built-in kind, or undefined for CRDs and kinds the lab has no types for. */
export function builtinRootType(gvk: GroupVersionKind): TypeNode | undefined {
  const name = BUILTIN_KINDS[`${gvk.group}/${gvk.kind}`];
  return name === undefined ? undefined : { kind: 'struct', name };
}

/** The type of `key` inside a value of type `node` (struct field, map element); untyped if unknown. */
export function childType(node: TypeNode, key: string): TypeNode {
  if (node.kind === 'map') return node.elem;
  if (node.kind !== 'struct') return UNTYPED;
  return structSpec(node.name).fields.get(key)?.type ?? UNTYPED;
}

/** The declared field `key` of a struct node, if any. */
export function fieldSpec(node: TypeNode, key: string): FieldSpec | undefined {
  return node.kind === 'struct' ? structSpec(node.name).fields.get(key) : undefined;
}
