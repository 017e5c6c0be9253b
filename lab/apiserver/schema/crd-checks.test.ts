import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps, KubeObject } from '../types.js';
import {
  applyCustomResourceDefinitionDefaults,
  validateCustomResourceDefinition,
} from './crd-checks.js';
import { formatFieldError } from './field-errors.js';

function crd(
  patch: { spec?: Record<string, unknown>; name?: string; schema?: JSONSchemaProps } = {},
): KubeObject {
  const schema: JSONSchemaProps = patch.schema ?? {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { tier: { type: 'integer', default: 100 } } },
    },
  };
  const obj: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: patch.name ?? 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
      ...patch.spec,
    },
  };
  applyCustomResourceDefinitionDefaults(obj);
  return obj;
}

const messages = (o: KubeObject): string[] =>
  validateCustomResourceDefinition(o).map(formatFieldError);

describe('validateCustomResourceDefinition', () => {
  it('accepts a minimal structural CRD', () => {
    expect(messages(crd())).toEqual([]);
  });

  it('accepts every Sveltos CRD under manifests/crds', () => {
    const dir = fileURLToPath(new URL('../../../manifests/crds/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      for (const doc of loadAll(readFileSync(dir + f, 'utf8')) as KubeObject[]) {
        applyCustomResourceDefinitionDefaults(doc);
        expect({ file: f, errors: messages(doc) }).toEqual({ file: f, errors: [] });
      }
    }
  });

  it('defaults singular, listKind and conversion like kube', () => {
    const o = crd();
    expect(o.spec).toMatchObject({
      names: { plural: 'widgets', kind: 'Widget', singular: 'widget', listKind: 'WidgetList' },
      conversion: { strategy: 'None' },
    });
  });

  it.each<[string, Parameters<typeof crd>[0], string[]]>([
    [
      'a name other than plural.group',
      { name: 'gadgets.example.com' },
      [
        'metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group',
      ],
    ],
    [
      'a group without a dot',
      { name: 'widgets.example', spec: { group: 'example' } },
      ['spec.group: Invalid value: "example": should be a domain with at least one dot'],
    ],
    [
      'an unknown scope',
      { spec: { scope: 'Global' } },
      ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    ],
    ['a missing scope', { spec: { scope: '' } }, ['spec.scope: Required value']],
    [
      'an upper-case plural',
      { name: 'Widgets.example.com', spec: { names: { plural: 'Widgets', kind: 'Widget' } } },
      [
        `metadata.name: Invalid value: "Widgets.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        `spec.names.plural: Invalid value: "Widgets": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    ],
    [
      'the same kind and listKind',
      { spec: { names: { plural: 'widgets', kind: 'Widget', listKind: 'Widget' } } },
      ['spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same'],
    ],
  ])('reports %s', (_name, patch, expected) => {
    expect(messages(crd(patch))).toEqual(expected);
  });

  it('requires exactly one storage version and unique version names', () => {
    const schema = { openAPIV3Schema: { type: 'object' } };
    const versions = [
      { name: 'v1', served: true, storage: true, schema },
      { name: 'v1', served: true, storage: true, schema },
    ];
    const out = messages(crd({ spec: { versions } }));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(
      /^spec\.versions: Invalid value: \[.*\]: must contain unique version names$/,
    );
    expect(out[1]).toMatch(/: must have exactly one version marked as storage version$/);
  });

  it('requires a schema for every version', () => {
    const versions = [{ name: 'v1', served: true, storage: true }];
    expect(messages(crd({ spec: { versions } }))).toEqual([
      'spec.versions[0].schema.openAPIV3Schema: Required value',
    ]);
  });

  it('reports structural errors under spec.validation when all versions share the schema', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { x: {} } } },
    };
    expect(messages(crd({ schema }))).toEqual([
      'spec.validation.openAPIV3Schema.properties[spec].properties[x].type: Required value: must not be empty for specified object fields',
    ]);
  });

  it('reports under spec.versions[i].schema when versions differ', () => {
    const good = { openAPIV3Schema: { type: 'object' } };
    const bad = { openAPIV3Schema: { type: 'object', properties: { spec: {} } } };
    const versions = [
      { name: 'v1', served: true, storage: true, schema: good },
      { name: 'v2', served: true, storage: false, schema: bad },
    ];
    expect(messages(crd({ spec: { versions } }))).toEqual([
      'spec.versions[1].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
    ]);
  });

  it.each<[string, JSONSchemaProps, string[]]>([
    [
      'additionalProperties next to properties',
      {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            properties: { a: { type: 'string' } },
            additionalProperties: { type: 'string' },
          },
        },
      },
      [
        'spec.validation.openAPIV3Schema.properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
      ],
    ],
    [
      'metadata with more than name at the root',
      {
        type: 'object',
        properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } },
      },
      [
        'spec.validation.openAPIV3Schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
      ],
    ],
    [
      'uniqueItems',
      {
        type: 'object',
        properties: { l: { type: 'array', uniqueItems: true, items: { type: 'string' } } },
      },
      [
        'spec.validation.openAPIV3Schema.properties[l].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      ],
    ],
    [
      'an unknown type',
      { type: 'object', properties: { a: { type: 'str' } } },
      [
        'spec.validation.openAPIV3Schema.properties[a].type: Unsupported value: "str": supported values: "array", "boolean", "integer", "number", "object", "string"',
      ],
    ],
    [
      'a map list without keys',
      {
        type: 'object',
        properties: {
          l: { type: 'array', 'x-kubernetes-list-type': 'map', items: { type: 'object' } },
        },
      },
      [
        'spec.validation.openAPIV3Schema.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map',
      ],
    ],
    [
      'a map-list key that is optional and undefaulted',
      {
        type: 'object',
        properties: {
          l: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
            items: { type: 'object', properties: { name: { type: 'string' } } },
          },
        },
      },
      [
        'spec.validation.openAPIV3Schema.properties[l].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
      ],
    ],
    [
      'a default of the wrong type (kube prints an empty name)',
      { type: 'object', properties: { tier: { type: 'integer', default: 'high' } } },
      [
        'spec.validation.openAPIV3Schema.properties[tier].default: Invalid value: "string":  in body must be of type integer: "string"',
      ],
    ],
    [
      'a default with unknown fields',
      {
        type: 'object',
        properties: {
          o: { type: 'object', properties: { a: { type: 'string' } }, default: { a: 'x', b: 'y' } },
        },
      },
      [
        'spec.validation.openAPIV3Schema.properties[o].default: Invalid value: {"a":"x","b":"y"}: must not have unknown fields',
      ],
    ],
    [
      'a nullable root',
      { type: 'object', nullable: true },
      ['spec.validation.openAPIV3Schema.nullable: Forbidden: nullable cannot be true at the root'],
    ],
    [
      'a non-object root',
      { type: 'string' },
      ['spec.validation.openAPIV3Schema.type: Invalid value: "string": must be object at the root'],
    ],
    [
      'a typed anyOf branch (not the int-or-string pattern)',
      { type: 'object', properties: { a: { type: 'string', anyOf: [{ type: 'string' }] } } },
      [
        'spec.validation.openAPIV3Schema.properties[a].anyOf[0].type: Forbidden: must be empty to be structural',
      ],
    ],
  ])('reports %s', (_name, schema, expected) => {
    expect(messages(crd({ schema }))).toEqual(expected);
  });

  it('accepts the int-or-string anyOf pattern', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        port: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
        },
      },
    };
    expect(messages(crd({ schema }))).toEqual([]);
  });

  it('checks printer columns and the status-subresource root', () => {
    const versions = [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', additionalProperties: true } },
        subresources: { status: {} },
        additionalPrinterColumns: [{ name: 'Ready', type: 'bool', jsonPath: 'status.ready' }],
      },
    ];
    expect(messages(crd({ spec: { versions } }))).toEqual([
      expect.stringMatching(
        /^spec\.validation\.openAPIV3Schema: Invalid value: \{.*\}: only \[Description Type .* XValidations\] fields are allowed at the root of the schema if the status subresource is enabled$/,
      ),
      'spec.validation.openAPIV3Schema.additionalProperties: Forbidden: must not be used at the root',
      'spec.additionalPrinterColumns[0].type: Invalid value: "bool": must be one of boolean,date,integer,number,string',
      'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "status.ready": must be a simple json path starting with .',
    ]);
  });
});
