import { describe, expect, it } from 'vitest';
import { formatObjects, formatTable, toJson, toYaml } from './output.js';

const cm = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', managedFields: [{ manager: 'x' }] },
};

describe('formatObjects', () => {
  it('prints YAML documents led by ---, without managedFields', () => {
    expect(formatObjects([cm])).toBe(
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
    );
  });

  it('prints one object as JSON and several as a v1 List', () => {
    expect(JSON.parse(formatObjects([cm], 'json'))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a' },
    });
    expect(JSON.parse(toJson([1, 2]))).toEqual({ apiVersion: 'v1', kind: 'List', items: [1, 2] });
  });

  it('treats wide as YAML for objects', () => {
    expect(formatObjects([cm], 'wide')).toBe(formatObjects([cm], 'yaml'));
  });

  it('never breaks long strings across lines', () => {
    expect(toYaml([{ k: 'x'.repeat(300) }])).toBe(`---\nk: ${'x'.repeat(300)}\n`);
  });
});

describe('formatTable', () => {
  const rows = [
    { name: 'cluster01', ns: 'rke2', labels: 'env=test' },
    { name: 'c2', ns: 'aks', labels: '' },
  ];
  const columns = [
    { header: 'namespace', value: (r: (typeof rows)[0]) => r.ns },
    { header: 'name', value: (r: (typeof rows)[0]) => r.name },
    { header: 'labels', value: (r: (typeof rows)[0]) => r.labels, wide: true },
  ];

  it('aligns columns three spaces apart like kubectl', () => {
    expect(formatTable(rows, columns)).toBe(
      'NAMESPACE   NAME\nrke2        cluster01\naks         c2\n',
    );
  });

  it('adds wide columns with -o wide and shows <none> for empty cells', () => {
    expect(formatTable(rows, columns, true)).toBe(
      'NAMESPACE   NAME        LABELS\nrke2        cluster01   env=test\naks         c2          <none>\n',
    );
  });
});
