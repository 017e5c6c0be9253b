// Every file in manifests/crds is a valid apiextensions.k8s.io/v1 CustomResourceDefinition with a
// structural schema, named consistently with api/gvk.ts and api/types, and its schema equals
// Sveltos v1beta1's (descriptions aside) at the upstream commits recorded below.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_KINDS } from '../../api/gvk.js';
import type { CustomResourceDefinition } from '../../api/schemas/build-crd.js';
import type { Schema } from '../../api/schemas/schema.js';
import { loadCrdFiles, newAjv, ROOT } from './crd-schemas.js';
import { defaultedNodes, rootProblems, structuralProblems } from './structural.js';

const files = [...loadCrdFiles()];
const crdOf = (docs: unknown[]): CustomResourceDefinition => docs[0] as CustomResourceDefinition;
const schemaOf = (crd: CustomResourceDefinition): Schema =>
  crd.spec.versions[0].schema.openAPIV3Schema;

describe.each(files)('%s', (file, docs) => {
  const crd = crdOf(docs);
  const info = ALL_KINDS.find((k) => k.kind === crd.spec?.names?.kind);

  it('holds exactly one apiextensions.k8s.io/v1 CustomResourceDefinition', () => {
    expect(docs).toHaveLength(1);
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.kind).toBe('CustomResourceDefinition');
  });

  it('is named after the kind in api/gvk.ts: file, metadata.name, names and scope', () => {
    expect(info).toBeDefined();
    expect(file).toBe(`${info!.group}_${info!.plural}.yaml`);
    expect(crd.metadata.name).toBe(`${info!.plural}.${info!.group}`);
    expect(crd.spec.group).toBe(info!.group);
    expect(crd.spec.names).toEqual({
      kind: info!.kind,
      listKind: info!.listKind,
      plural: info!.plural,
      singular: info!.singular,
    });
    expect(crd.spec.scope).toBe(info!.namespaced ? 'Namespaced' : 'Cluster');
  });

  it('serves and stores v1beta1 only, with the status subresource', () => {
    expect(crd.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([
      ['v1beta1', true, true],
    ]);
    expect(crd.spec.versions[0].subresources).toEqual({ status: {} });
  });

  it('has a structural schema', () => {
    const schema = schemaOf(crd);
    expect(rootProblems(schema)).toEqual([]);
    expect(structuralProblems(schema)).toEqual([]);
  });

  it('has defaults that are valid for the field they default', () => {
    const ajv = newAjv();
    for (const [path, node] of defaultedNodes(schemaOf(crd))) {
      const { default: value, ...rest } = node;
      expect(ajv.validate(rest, value), `${path} default ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it('has printer columns that point at declared fields', () => {
    for (const column of crd.spec.versions[0].additionalPrinterColumns ?? []) {
      if (column.jsonPath.startsWith('.metadata.')) continue;
      const [top, field] = column.jsonPath.slice(1).split(/[.[]/);
      expect(schemaOf(crd).properties?.[top]?.properties?.[field], column.name).toBeDefined();
    }
  });
});

describe('the CRD set', () => {
  it('covers exactly the eight kinds of api/gvk.ts', () => {
    const kinds = files.map(([, docs]) => crdOf(docs).spec.names.kind).sort();
    expect(kinds).toEqual(ALL_KINDS.map((k) => k.kind).sort());
  });

  it('prints SveltosCluster as Sveltos does: READY, VERSION, AGE, SHARD, and CONNECTIONSTATUS with -o wide', () => {
    const crd = files.map(([, d]) => crdOf(d)).find((c) => c.spec.names.kind === 'SveltosCluster')!;
    const columns = crd.spec.versions[0].additionalPrinterColumns!.map((c) => [
      c.name,
      c.type,
      c.jsonPath,
      c.priority ?? 0,
    ]);
    expect(columns).toEqual([
      ['Ready', 'boolean', '.status.ready', 0],
      ['ConnectionStatus', 'string', '.status.connectionStatus', 1],
      ['Version', 'string', '.status.version', 0],
      ['Age', 'date', '.metadata.creationTimestamp', 0],
      ['Shard', 'string', ".metadata.annotations['sharding\\.projectsveltos\\.io/key']", 0],
    ]);
  });

  it('prints ClusterSummary as Sveltos does: AGE, and the feature statuses with -o wide', () => {
    const crd = files.map(([, d]) => crdOf(d)).find((c) => c.spec.names.kind === 'ClusterSummary')!;
    const columns = crd.spec.versions[0].additionalPrinterColumns!.map((c) => [
      c.name,
      c.jsonPath,
      c.priority ?? 0,
    ]);
    expect(columns).toEqual([
      ['Age', '.metadata.creationTimestamp', 0],
      ['HelmCharts', '.status.featureSummaries[?(@.featureID=="Helm")].status', 2],
      ['KustomizeRefs', '.status.featureSummaries[?(@.featureID=="Kustomize")].status', 2],
      ['PolicyRefs', '.status.featureSummaries[?(@.featureID=="Resources")].status', 2],
    ]);
  });

  it('declares no printer columns, short names or categories where Sveltos has none', () => {
    for (const [, docs] of files) {
      const crd = crdOf(docs);
      expect(crd.spec.names.shortNames).toBeUndefined();
      expect(crd.spec.names.categories).toBeUndefined();
      if (!['SveltosCluster', 'ClusterSummary'].includes(crd.spec.names.kind)) {
        expect(crd.spec.versions[0].additionalPrinterColumns).toBeUndefined();
      }
    }
  });

  it('has a TypeScript type for every kind and list in api/types, with its apiVersion and kind', () => {
    const source = readFileSync(join(ROOT, 'api', 'types', 'generated.ts'), 'utf8');
    for (const info of ALL_KINDS) {
      for (const kind of [info.kind, info.listKind]) {
        const body = new RegExp(
          `export interface ${kind} \\{\\s*apiVersion: '${info.apiVersion}';\\s*kind: '${kind}';`,
        );
        expect(source, kind).toMatch(body);
      }
    }
  });
});

/**
 * SHA-256 of each CRD with descriptions removed and keys sorted, computed from Sveltos' own
 * generated CRDs (controller-gen annotation dropped) at libsveltos fe4f45bd5946 and
 * addon-controller 60c6358035778 (August 2026). A deliberate deviation from Sveltos must
 * update this table and say why.
 */
const SVELTOS_DIGESTS: Record<string, string> = {
  'config.projectsveltos.io_clusterprofiles.yaml':
    'f65e1754ddb7e6909c98776f6fa1b01ae92d805ed72ccec3374633f429d3941d',
  'config.projectsveltos.io_clustersummaries.yaml':
    '0ab4d25dd1322cba0160a8b1980f6882eb0a9c6b56b97a954a18790ecbacb8d3',
  'config.projectsveltos.io_profiles.yaml':
    'd008603c73249ce417c480e10b7acbd3e25641d6a703ea679fa7aac02c73835e',
  'lib.projectsveltos.io_clustersets.yaml':
    'c37f0c2b31e2af063c134483b920dcc97b46230f899f7bb463b28d295efeab53',
  'lib.projectsveltos.io_configurationbundles.yaml':
    '0e33734f1b3235023152d82ba763ef475d488fb15ce6ebefcfc56ee67dec160c',
  'lib.projectsveltos.io_configurationgroups.yaml':
    'edbaa7baa886d68c52415e1c6ff48a9c87c66eec68014840455b745bd6bd04f2',
  'lib.projectsveltos.io_sets.yaml':
    '0cd013a2d65e2a0495f4029cce7d9aab99ed93c3a5ef8fb93ece2f3db49571b0',
  'lib.projectsveltos.io_sveltosclusters.yaml':
    '2869105b2a55d02a5171ecd338b3b77d2fabe1dccab88934ee732d328d88d0d9',
};

function canonical(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonical);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key]) => key !== 'description');
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]),
  );
}

describe('fidelity to Sveltos v1beta1', () => {
  it.each(files)('%s matches Sveltos field for field (descriptions aside)', (file, docs) => {
    const digest = createHash('sha256')
      .update(JSON.stringify(canonical(docs[0])))
      .digest('hex');
    expect(digest).toBe(SVELTOS_DIGESTS[file]);
  });
});

describe('the structural checker', () => {
  it('catches the mistakes it exists for', () => {
    const bad: Schema = {
      type: 'object',
      title: 'Leaked',
      properties: {
        untyped: {},
        both: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: {} },
        list: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['id'],
          items: { type: 'object', properties: { id: { type: 'string' } } },
        },
      },
      required: ['missing'],
    };
    expect(structuralProblems(bad)).toEqual([
      ': title leaked from api/schemas',
      ': required field missing is not declared',
      '.properties.untyped: type is required',
      '.properties.both: properties and additionalProperties are mutually exclusive',
      '.properties.both.additionalProperties: type is required',
      '.properties.list: list-map-key id must be required or defaulted',
    ]);
  });
});
