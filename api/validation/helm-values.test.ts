import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import {
  classifyChartVersion,
  maskTemplateExpressions,
  validateChartVersion,
  validateValuesYaml,
} from './helm-values.js';

describe('classifyChartVersion', () => {
  it.each([
    ['3.3.3', 'exact'],
    ['v3.3.3', 'exact'],
    ['1.2.3-rc.1+build.5', 'exact'],
    ['^3.3.0', 'range'],
    ['~1.2', 'range'],
    ['>=1.0.0 <2.0.0', 'range'],
    ['3.x', 'range'],
    ['1.2.3 - 2.0.0', 'range'],
    ['*', 'range'],
    ['v3.x', 'invalid'],
    ['>=v1.2.3', 'invalid'],
    ['latest', 'invalid'],
    ['3.3.3.3', 'invalid'],
    ['', 'invalid'],
    ['   ', 'invalid'],
  ])('reads %j as %s', (version, kind) => {
    expect(classifyChartVersion(version)).toBe(kind);
  });
});

describe('validateChartVersion', () => {
  it('renders the field path, the value and the reason of a bad version', () => {
    const problems = validateChartVersion('v3.x', 'spec.helmCharts[1].chartVersion', []);
    expect(problems.map(formatFieldProblem)).toEqual([
      'spec.helmCharts[1].chartVersion: "v3.x": not a valid semantic version or version range',
    ]);
  });

  it('accepts a range but warns that clusters may diverge', () => {
    const warnings: string[] = [];
    expect(validateChartVersion('^3.0.0', 'p', warnings)).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('p: "^3.0.0" is a version range')]);
  });

  it('requires a value and a string', () => {
    expect(validateChartVersion(undefined, 'p', [])[0]?.reason).toBe('required value');
    expect(validateChartVersion(3, 'p', [])[0]?.reason).toBe('must be a string');
  });

  it('leaves a templated version to be resolved per cluster', () => {
    expect(validateChartVersion('{{ .Cluster.metadata.labels.kv }}', 'p', [])).toEqual([]);
  });
});

describe('maskTemplateExpressions', () => {
  it('turns a template alone on its line into a comment and keeps line numbers', () => {
    const masked = maskTemplateExpressions('{{- if .x }}\na: 1\n{{- end }}\n');
    expect(masked).toBe('#\na: 1\n#\n');
  });

  it('gives inline templates unique placeholders so templated keys do not collide', () => {
    const masked = maskTemplateExpressions('{{ .a }}: 1\n{{ .b }}: 2');
    expect(masked).toBe('TEMPLATE_EXPR_0: 1\nTEMPLATE_EXPR_1: 2');
  });

  it('keeps the newlines of a multi-line expression', () => {
    expect(maskTemplateExpressions('a: {{ x\n y }}\nb: 2').split('\n')).toHaveLength(3);
  });
});

describe('validateValuesYaml', () => {
  it.each([
    ['plain mapping', 'replicaCount: 2\nimage:\n  tag: v1\n'],
    ['empty', ''],
    ['only comments', '# nothing\n'],
    ['inline template value', 'replicaCount: {{ .Cluster.spec.replicas }}\n'],
    ['quoted template', 'region: "{{ index .Cluster.metadata.labels "region" }}"\n'],
    [
      'block template',
      '{{- if eq .Cluster.metadata.labels.env "prod" }}\nreplicas: 3\n{{- end }}\n',
    ],
    ['toYaml include', 'resources:\n  {{ toYaml .Values | nindent 2 }}\n'],
  ])('accepts %s', (_name, values) => {
    expect(validateValuesYaml(values, 'v')).toEqual([]);
  });

  it.each([
    [
      'bad indentation',
      'a: b\n c: : d',
      'not valid YAML once templates are masked: bad indentation of a mapping entry at line 2',
    ],
    ['a list', '- a\n- b\n', 'must be a YAML mapping of chart values'],
    ['a scalar', 'just text', 'must be a YAML mapping of chart values'],
    ['duplicate key', 'a: 1\na: 2\n', 'duplicated mapping key'],
  ])('refuses %s', (_name, values, reason) => {
    const [first] = validateValuesYaml(values, 'v');
    expect(first?.reason).toContain(reason);
  });

  it('asks for a string when values is given as an object', () => {
    expect(validateValuesYaml({ a: 1 }, 'v')[0]?.reason).toContain('must be a string');
  });

  it('cuts long offending values so one message stays readable', () => {
    const long = `a: [${'x, '.repeat(100)}`;
    const [first] = validateValuesYaml(long, 'v');
    expect(String(first?.value).length).toBeLessThanOrEqual(80);
  });
});

describe('validateValuesYaml with template branches', () => {
  it('allows a key set in both branches of an if/else', () => {
    const values = 'a:\n{{- if .x }}\n  n: 3\n{{- else }}\n  n: 1\n{{- end }}\n';
    expect(validateValuesYaml(values, 'v')).toEqual([]);
  });
});
