import { describe, expect, it } from 'vitest';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import { parseObjects } from './parse-objects.js';

const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n';

describe('parseObjects', () => {
  it.each([
    ['one YAML document', ns, ['Namespace/a']],
    [
      'several documents with empty ones',
      `---\n${ns}---\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: a}\n`,
      ['Namespace/a', 'ConfigMap/b'],
    ],
    [
      'JSON',
      '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa","namespace":"x"}}',
      ['ServiceAccount/sa'],
    ],
    [
      'a List',
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: l1}}\n- {apiVersion: v1, kind: Namespace, metadata: {name: l2}}\n',
      ['Namespace/l1', 'Namespace/l2'],
    ],
    ['only comments', '# nothing here\n', []],
  ])('reads %s', (_name, text, expected) => {
    const names = parseObjects(text, 'ConfigMap d/x key "k"').map(
      (o) => `${o.kind}/${o.metadata.name}`,
    );
    expect(names).toEqual(expected);
  });

  it('drops server-set metadata', () => {
    const [obj] = parseObjects(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  uid: u\n  resourceVersion: "3"\n  managedFields: []\n  labels: {x: y}\n',
      'o',
    );
    expect(obj.metadata).toEqual({ name: 'a', labels: { x: 'y' } });
  });

  it.each([
    ['bad YAML', 'a: [1', /^ConfigMap d\/x key "k" is not valid YAML or JSON: /],
    ['a scalar document', 'hello', /document 1 is not an object/],
    ['no apiVersion', 'kind: Namespace\nmetadata: {name: a}', /document 1 has no apiVersion/],
    ['no kind', 'apiVersion: v1\nmetadata: {name: a}', /document 1 has no kind/],
    [
      'no name in the second document',
      `${ns}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: x}`,
      /key "k" document 2 \(ConfigMap\) has no metadata.name/,
    ],
  ])('refuses %s with a NonRetriableError naming the entry', (_name, text, message) => {
    let error: unknown;
    try {
      parseObjects(text, 'ConfigMap d/x key "k"');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(NonRetriableError);
    expect((error as Error).message).toMatch(message);
  });
});
