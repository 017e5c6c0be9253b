// Renders the TypeScript types of every kind from api/schemas: each schema node with a `title`
// becomes a named interface or union, the rest are inlined. Pure; scripts/generate-types.ts
// formats the result with Prettier and writes api/types/generated.ts, and
// api/schemas/types-fresh.test.ts fails when that file is stale.
import type { KindSchema } from './kinds.js';
import { KIND_SCHEMAS } from './kinds.js';
import type { Schema } from './schema.js';

/** Named types that live elsewhere in api/ and are imported rather than generated. */
const EXTERNAL_TYPES: Record<string, string> = {
  ObjectMeta: '../kube-types.js',
  ListMeta: '../kube-types.js',
  LabelSelector: '../label-selector.js',
  LabelSelectorRequirement: '../label-selector.js',
};

/** A second schema under an already used title, with a different shape. */
export class TypeNameConflictError extends Error {
  override readonly name = 'TypeNameConflictError';
}

interface Collected {
  /** Titled schemas in first-seen order. */
  named: Map<string, Schema>;
  shapes: Map<string, string>;
  imports: Set<string>;
}

function shapeKey(schema: Schema): string {
  return JSON.stringify(schema, (key, value: unknown) =>
    key === 'description' ? undefined : value,
  );
}

function children(schema: Schema): Schema[] {
  const out = Object.values(schema.properties ?? {});
  if (schema.items) out.push(schema.items);
  if (schema.additionalProperties) out.push(schema.additionalProperties);
  return out;
}

function register(title: string, schema: Schema, acc: Collected): boolean {
  const key = shapeKey(schema);
  const seen = acc.shapes.get(title);
  if (seen === undefined) {
    acc.shapes.set(title, key);
    acc.named.set(title, schema);
    return true;
  }
  if (seen !== key) {
    throw new TypeNameConflictError(`Schema title ${title} is used for two different shapes`);
  }
  return false;
}

function collect(schema: Schema, acc: Collected): void {
  const { title } = schema;
  if (title !== undefined && title in EXTERNAL_TYPES) {
    acc.imports.add(title);
    return;
  }
  if (title !== undefined && !register(title, schema, acc)) return;
  for (const child of children(schema)) collect(child, acc);
}

function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name);
}

function doc(schema: Schema, indent = ''): string {
  const lines = schema.description ? [schema.description] : [];
  if (schema.default !== undefined)
    lines.push(`@defaultValue \`${JSON.stringify(schema.default)}\``);
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`;
}

function objectBody(schema: Schema, indent: string): string {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .map(([name, child]) => {
      const optional = required.has(name) ? '' : '?';
      const type = typeExpression(child, `${indent}  `);
      return `${doc(child, `${indent}  `)}${indent}  ${propertyName(name)}${optional}: ${type};`;
    })
    .join('\n');
}

function objectExpression(schema: Schema, indent: string): string {
  if (schema.properties) return `{\n${objectBody(schema, indent)}\n${indent}}`;
  if (schema.additionalProperties) {
    return `Record<string, ${typeExpression(schema.additionalProperties, indent)}>`;
  }
  return 'Record<string, unknown>';
}

/** The TypeScript type of a schema node, referring to named types by their title. */
function typeExpression(schema: Schema, indent: string): string {
  if (schema.title !== undefined) return schema.title;
  return anonymousType(schema, indent);
}

function anonymousType(schema: Schema, indent: string): string {
  if (schema['x-kubernetes-int-or-string']) return 'number | string';
  if (schema['x-kubernetes-preserve-unknown-fields']) return 'unknown';
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return arrayType(schema, indent);
    default:
      return objectExpression(schema, indent);
  }
}

function arrayType(schema: Schema, indent: string): string {
  const item = schema.items ? typeExpression(schema.items, indent) : 'unknown';
  return /[|&]/.test(item) && !item.startsWith('{') ? `(${item})[]` : `${item}[]`;
}

function declaration(title: string, schema: Schema): string {
  const header = `/** Sveltos v1beta1 \`${title}\`. */\n`;
  if (schema.type === 'object' && schema.properties) {
    return `${header}export interface ${title} {\n${objectBody(schema, '')}\n}`;
  }
  return `${header}export type ${title} = ${anonymousType(schema, '')};`;
}

function kindDeclarations(kind: KindSchema): string {
  const { info } = kind;
  const typeMeta = (k: string): string =>
    `  apiVersion: ${literal(info.apiVersion)};\n  kind: ${literal(k)};`;
  return [
    `/** ${kind.description} */`,
    `export interface ${info.kind} {`,
    typeMeta(info.kind),
    '  metadata: ObjectMeta;',
    `  spec?: ${kind.spec.title ?? 'unknown'};`,
    `  status?: ${kind.status.title ?? 'unknown'};`,
    '}',
    '',
    `/** A list of ${info.kind} objects. */`,
    `export interface ${info.listKind} {`,
    typeMeta(info.listKind),
    '  metadata?: ListMeta;',
    `  items: ${info.kind}[];`,
    '}',
  ].join('\n');
}

function importLines(names: Set<string>): string {
  const byModule = new Map<string, string[]>();
  for (const name of [...names].sort()) {
    const from = EXTERNAL_TYPES[name] ?? '';
    byModule.set(from, [...(byModule.get(from) ?? []), name]);
  }
  return [...byModule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, list]) => `import type { ${list.join(', ')} } from '${from}';`)
    .join('\n');
}

const HEADER = [
  '// Generated by scripts/generate-types.ts from api/schemas; do not edit.',
  '// TypeScript types of the Sveltos v1beta1 kinds, field for field as on the wire. Fields with',
  '// a CRD default are optional here: the API server fills them in on create.',
  '/* eslint-disable max-lines -- generated; one file keeps cross-references simple */',
].join('\n');

/** Unformatted TypeScript source declaring every kind, its list and its named sub-types. */
export function renderTypes(kinds: readonly KindSchema[] = KIND_SCHEMAS): string {
  const acc: Collected = {
    named: new Map(),
    shapes: new Map(),
    imports: new Set(['ObjectMeta', 'ListMeta']),
  };
  for (const kind of kinds) {
    collect(kind.spec, acc);
    collect(kind.status, acc);
  }
  const union = `/** Any Sveltos object this project serves. */\nexport type SveltosObject = ${kinds
    .map((k) => k.info.kind)
    .join(' | ')};`;
  const parts = [
    HEADER,
    importLines(acc.imports),
    ...kinds.map(kindDeclarations),
    union,
    ...[...acc.named].map(([title, schema]) => declaration(title, schema)),
  ];
  return `${parts.join('\n\n')}\n`;
}
