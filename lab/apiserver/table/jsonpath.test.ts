import { describe, expect, it } from 'vitest';
import { JsonPathError, evaluateJsonPath, jsonPathText, parseJsonPath } from './jsonpath.js';

const obj = {
  metadata: { name: 'c1', labels: { 'env.io/tier': 'prod' }, annotations: { a: '1' } },
  spec: {
    replicas: 3,
    ports: [
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
    ],
  },
  status: {
    ready: true,
    version: 'v1.32.5',
    conditions: [
      { type: 'Available', status: 'False' },
      { type: 'Ready', status: 'True', reason: 'Ok' },
    ],
  },
};

describe('evaluateJsonPath', () => {
  it.each<[string, unknown[]]>([
    ['.metadata.name', ['c1']],
    ['{.metadata.name}', ['c1']],
    ['.status.ready', [true]],
    ['.spec.replicas', [3]],
    ['.spec.ports[0].port', [80]],
    ['.spec.ports[-1].name', ['https']],
    ['.spec.ports[*].port', [80, 443]],
    ['.spec.ports[0:1].name', ['http']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    [".status.conditions[?(@.type=='Ready')].reason", ['Ok']],
    ['.status.conditions[?(@.status!="True")].type', ['Available']],
    ['.spec.ports[?(@.port>100)].name', ['https']],
    ['.status.conditions[?(@.reason)].type', ['Ready']],
    [".metadata.labels['env.io/tier']", ['prod']],
    ['.metadata.labels.*', ['prod']],
    ['..port', [80, 443]],
    ['.missing.deeper', []],
    ['.spec.ports[5]', []],
    ['.status.conditions[?(@.type=="Gone")].status', []],
  ])('evaluates %s', (path, expected) => {
    expect(evaluateJsonPath(obj, path)).toEqual(expected);
  });

  it.each(['.a[', 'status', '.a[?(x)]', ".a['unclosed]"])('rejects %s', (path) => {
    expect(() => parseJsonPath(path)).toThrow(JsonPathError);
  });
});

describe('jsonPathText', () => {
  it.each<[unknown, string]>([
    ['text', 'text'],
    [3, '3'],
    [1.5, '1.5'],
    [1e6 + 0.5, '1.0000005e+06'],
    [true, 'true'],
    [null, 'null'],
    [{ b: 1, a: [2] }, '{"a":[2],"b":1}'],
    [['x', 'y'], '["x","y"]'],
  ])('renders %j as %s', (v, expected) => {
    expect(jsonPathText(v)).toBe(expected);
  });
});
