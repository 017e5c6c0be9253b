// Proves the CRD schema keeps every field the seed blog post's ClusterProfiles use: for each
// such field, a copy of the shipped schema without it would prune (and, validated closed,
// reject) exactly that field. So the suite fails if the schema ever loses one of them.
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../api/schemas/schema.js';
import { compile, loadFixtures, problems, shippedSchema, undeclaredFields } from './crd-schemas.js';

const seed = loadFixtures('seed');

/** [field path, schema path] of every declared field an object uses, below the root. */
function usedFields(
  schema: Schema,
  value: unknown,
  path = '',
  at: string[] = [],
): [string, string[]][] {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items
      ? value.flatMap((v, i) => usedFields(items, v, `${path}[${i}]`, [...at, 'items']))
      : [];
  }
  if (value === null || typeof value !== 'object' || !schema.properties) return [];
  const properties = schema.properties;
  return Object.entries(value).flatMap(([key, child]) => {
    if (path === '' && ['apiVersion', 'kind', 'metadata'].includes(key)) return [];
    const fieldPath = path === '' ? key : `${path}.${key}`;
    const schemaPath = [...at, 'properties', key];
    const below = properties[key] ? usedFields(properties[key], child, fieldPath, schemaPath) : [];
    return [[fieldPath, schemaPath] as [string, string[]], ...below];
  });
}

/** A deep copy of `schema` without the property at `schemaPath` (and not requiring it). */
function withoutField(schema: Schema, schemaPath: string[]): Schema {
  const copy = structuredClone(schema);
  const name = schemaPath[schemaPath.length - 1] ?? '';
  let parent: Schema = copy;
  for (const step of schemaPath.slice(0, -2)) {
    parent = (parent as Record<string, unknown>)[step] as Schema;
  }
  delete parent.properties?.[name];
  if (parent.required) parent.required = parent.required.filter((r) => r !== name);
  return copy;
}

describe.each(seed.map((f) => [f.file, f.object] as const))('seed %s', (_file, object) => {
  const schema = shippedSchema('ClusterProfile');
  const fields = usedFields(schema, object);

  it('uses only fields the schema declares', () => {
    expect(undeclaredFields(schema, object)).toEqual([]);
  });

  it('uses the fields of the blog post', () => {
    expect(fields.map(([p]) => p)).toEqual([
      'spec',
      'spec.clusterSelector',
      'spec.clusterSelector.matchLabels',
      'spec.syncMode',
      'spec.helmCharts',
      'spec.helmCharts[0].repositoryURL',
      'spec.helmCharts[0].repositoryName',
      'spec.helmCharts[0].chartName',
      'spec.helmCharts[0].chartVersion',
      'spec.helmCharts[0].releaseName',
      'spec.helmCharts[0].releaseNamespace',
      'spec.helmCharts[0].helmChartAction',
    ]);
  });

  it.each(fields)('would lose %s if the schema lost that field', (fieldPath, schemaPath) => {
    expect(undeclaredFields(withoutField(schema, schemaPath), object)).toEqual([fieldPath]);
  });
});

describe('the pruning check', () => {
  it('agrees with closed ajv validation on a schema that lost chartVersion', () => {
    const object = seed[0].object;
    const schema = withoutField(shippedSchema('ClusterProfile'), [
      'properties',
      'spec',
      'properties',
      'helmCharts',
      'items',
      'properties',
      'chartVersion',
    ]);
    expect(undeclaredFields(schema, object)).toEqual(['spec.helmCharts[0].chartVersion']);
    expect(problems(compile(schema, true), object).map((p) => p.path)).toEqual([
      'spec.helmCharts[0].chartVersion',
    ]);
  });
});
