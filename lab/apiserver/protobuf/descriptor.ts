// Message descriptors of the Kubernetes protobuf decoder: the compact spec syntax of the tables
// under ./tables and its parser. A descriptor maps field numbers to JSON names and types; it
// carries no behaviour. Parsing is lazy and cached per registry.

/**
 * The tables of one protobuf package. Each message spec is a space-separated list of fields
 * `json=number:type[flags]`, optionally starting with `[]` (the message is a Go slice type such
 * as `ExtraValue`, whose JSON is the array in its single field). `type` is a scalar
 * (`string`, `bytes`, `bool`, `int32`, `int64`, `uint32`, `uint64`, `double`, `float`), a message
 * of the same package (`PodSpec`) or of another (`meta.ObjectMeta`), suffixed `[]` when repeated,
 * or `map<string,T>`. Flags: `!` = emit the scalar even when zero (Go pointer or no `omitempty`),
 * `^` = the message is inlined into its parent in JSON (Go embedded struct).
 */
export interface DescriptorTable {
  pkg: string;
  messages: Record<string, string>;
}

export type FieldKind = 'single' | 'repeated' | 'map';

export interface FieldDescriptor {
  /** JSON field name. */
  json: string;
  number: number;
  kind: FieldKind;
  /** A scalar name or a package-qualified message name (`core.PodSpec`). */
  type: string;
  keepZero: boolean;
  inline: boolean;
}

export interface MessageDescriptor {
  /** Package-qualified name, e.g. `core.Pod`. */
  name: string;
  /** True for Go slice types encoded as a wrapper message (JSON is the array itself). */
  listWrapper: boolean;
  /** Fields in Go struct order (the order JSON serialization uses). */
  fields: FieldDescriptor[];
  byNumber: Map<number, FieldDescriptor>;
}

export const SCALAR_TYPES = new Set([
  'string',
  'bytes',
  'bool',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'double',
  'float',
]);

const fieldPattern = /^([A-Za-z0-9_]+)=(\d+):(.+?)([!^]*)$/;

function qualify(pkg: string, type: string): string {
  return SCALAR_TYPES.has(type) || type.includes('.') ? type : `${pkg}.${type}`;
}

/** Parses one field token of a message spec; throws on a malformed table entry. */
export function parseFieldSpec(pkg: string, token: string): FieldDescriptor {
  const m = fieldPattern.exec(token);
  if (!m) throw new Error(`Malformed protobuf field spec "${token}" in package ${pkg}`);
  const [, json, num, rawType, flags] = m;
  let kind: FieldKind = 'single';
  let type = rawType;
  const map = /^map<string,(.+)>$/.exec(rawType);
  if (map) {
    kind = 'map';
    type = map[1];
  } else if (rawType.endsWith('[]')) {
    kind = 'repeated';
    type = rawType.slice(0, -2);
  }
  return {
    json,
    number: Number(num),
    kind,
    type: qualify(pkg, type),
    keepZero: flags.includes('!'),
    inline: flags.includes('^'),
  };
}

/** Parses a whole message spec (see DescriptorTable). */
export function parseMessageSpec(pkg: string, name: string, spec: string): MessageDescriptor {
  const tokens = spec.split(' ').filter((t) => t !== '');
  const listWrapper = tokens[0] === '[]';
  const fields = (listWrapper ? tokens.slice(1) : tokens).map((t) => parseFieldSpec(pkg, t));
  return {
    name: `${pkg}.${name}`,
    listWrapper,
    fields,
    byNumber: new Map(fields.map((f) => [f.number, f])),
  };
}

/** Looks message descriptors up by qualified name, parsing each spec on first use. */
export class DescriptorRegistry {
  private readonly specs = new Map<string, string>();
  private readonly parsed = new Map<string, MessageDescriptor>();

  constructor(tables: readonly DescriptorTable[]) {
    for (const table of tables) {
      for (const [name, spec] of Object.entries(table.messages)) {
        this.specs.set(`${table.pkg}.${name}`, spec);
      }
    }
  }

  has(name: string): boolean {
    return this.specs.has(name);
  }

  get(name: string): MessageDescriptor | undefined {
    const cached = this.parsed.get(name);
    if (cached) return cached;
    const spec = this.specs.get(name);
    if (spec === undefined) return undefined;
    const dot = name.indexOf('.');
    const parsed = parseMessageSpec(name.slice(0, dot), name.slice(dot + 1), spec);
    this.parsed.set(name, parsed);
    return parsed;
  }
}
