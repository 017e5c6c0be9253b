// The schema pipeline (prune, default, validate) run on the project's real Sveltos CRDs and
// profile fixtures, as the lab server runs it on create.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps, KubeObject } from '../types.js';
import { applySchemaDefaults } from './defaults.js';
import { formatFieldError, formatInvalid } from './field-errors.js';
import { pruneUnknownFields } from './prune.js';
import { validateAgainstSchema } from './validate.js';

const root = (rel: string): string => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));

function crdSchemas(): Map<string, JSONSchemaProps> {
  const out = new Map<string, JSONSchemaProps>();
  const dir = root('manifests/crds/');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    for (const crd of loadAll(readFileSync(dir + f, 'utf8')) as KubeObject[]) {
      const spec = crd.spec as {
        group: string;
        names: { kind: string };
        versions: { name: string; schema: { openAPIV3Schema: JSONSchemaProps } }[];
      };
      for (const v of spec.versions)
        out.set(`${spec.group}/${v.name}/${spec.names.kind}`, v.schema.openAPIV3Schema);
    }
  }
  return out;
}

const schemas = crdSchemas();

function admit(obj: KubeObject): { pruned: string[]; errors: string[] } {
  const schema = schemas.get(`${obj.apiVersion}/${obj.kind}`);
  if (!schema) throw new Error(`No CRD for ${obj.apiVersion} ${obj.kind}`);
  const pruned = pruneUnknownFields(obj, schema);
  applySchemaDefaults(obj, schema);
  return { pruned, errors: validateAgainstSchema(obj, schema).map(formatFieldError) };
}

function fixture(rel: string): KubeObject {
  return load(readFileSync(root(rel), 'utf8')) as KubeObject;
}

describe('the schema pipeline on Sveltos CRDs', () => {
  const valid = readdirSync(root('test/fixtures/profiles/valid/')).filter((f) =>
    f.endsWith('.yaml'),
  );

  it.each([
    'test/fixtures/seed/deploy-kyverno.yaml',
    'test/fixtures/seed/tetragon-rke2-deploy.yaml',
    ...valid.map((f) => `test/fixtures/profiles/valid/${f}`),
  ])('admits %s unchanged apart from defaults', (rel) => {
    const result = admit(fixture(rel));
    expect(result).toEqual({ pruned: [], errors: [] });
  });

  it('defaults the seed ClusterProfile like kube-apiserver', () => {
    const obj = fixture('test/fixtures/seed/deploy-kyverno.yaml');
    admit(obj);
    expect(obj.spec).toMatchObject({
      syncMode: 'Continuous',
      stopMatchingBehavior: 'WithdrawPolicies',
      tier: 100,
      continueOnConflict: false,
      helmCharts: [{ helmChartAction: 'Install', chartName: 'kyverno/kyverno' }],
    });
  });

  it('rejects an unknown syncMode with kube wording', () => {
    const obj = fixture('test/fixtures/seed/deploy-kyverno.yaml');
    (obj.spec as Record<string, unknown>).syncMode = 'Foo';
    const { errors } = admit(obj);
    expect(errors).toEqual([
      'spec.syncMode: Unsupported value: "Foo": supported values: "OneTime", "Continuous", "ContinuousWithDriftDetection", "DryRun"',
      '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
    const e = validateAgainstSchema(
      obj,
      schemas.get('config.projectsveltos.io/v1beta1/ClusterProfile')!,
    );
    expect(
      formatInvalid(
        { group: 'config.projectsveltos.io', kind: 'ClusterProfile' },
        'deploy-kyverno',
        e,
      ),
    ).toMatch(
      /^ClusterProfile\.config\.projectsveltos\.io "deploy-kyverno" is invalid: \[spec\.syncMode: Unsupported value: "Foo"/,
    );
  });

  it('prunes unknown fields and reports their paths', () => {
    const obj = fixture('test/fixtures/seed/deploy-kyverno.yaml');
    (obj.spec as Record<string, unknown>).bogus = 1;
    expect(admit(obj)).toEqual({ pruned: ['spec.bogus'], errors: [] });
  });

  it('runs the helm chart CEL rules', () => {
    const obj = fixture('test/fixtures/seed/deploy-kyverno.yaml');
    const chart = (obj.spec as { helmCharts: Record<string, unknown>[] }).helmCharts[0];
    chart.chartVersion = '';
    const { errors } = admit(obj);
    expect(errors).toEqual(['spec.helmCharts[0]: Invalid value: ChartVersion must be defined']);
  });
});
