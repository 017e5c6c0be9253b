import { describe, expect, it } from 'vitest';
import { FieldSet, pathString } from './field-set.js';
import type { PathElement } from './field-set.js';

const f = (field: string): PathElement => ({ field });

describe('FieldSet', () => {
  it('round-trips kube fieldsV1, with `.` marking a node that is itself owned', () => {
    const fieldsV1 = {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:image': {},
            'f:ports': {
              'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
            },
          },
        },
        'f:finalizers': { 'v:"a"': {} },
      },
    };
    expect(FieldSet.fromFieldsV1(fieldsV1).toFieldsV1()).toEqual(fieldsV1);
  });

  it('writes keys in kube order: fields, then keys, then values, each sorted', () => {
    const set = new FieldSet();
    set.insert([f('b')]);
    set.insert([f('a'), { value: 'z' }]);
    set.insert([f('a'), { value: 'y' }]);
    set.insert([f('a'), { key: [['name', 'x']] }]);
    set.insert([f('a'), f('q')]);
    const out = set.toFieldsV1();
    expect(Object.keys(out)).toEqual(['f:a', 'f:b']);
    expect(Object.keys(out['f:a'] as object)).toEqual(['f:q', 'k:{"name":"x"}', 'v:"y"', 'v:"z"']);
  });

  it('renders paths as kube prints them in conflicts', () => {
    expect(pathString([f('data'), f('key')])).toBe('.data.key');
    expect(pathString([f('spec'), f('containers'), { key: [['name', 'nginx']] }, f('image')])).toBe(
      '.spec.containers[name="nginx"].image',
    );
    expect(
      pathString([
        f('ports'),
        {
          key: [
            ['containerPort', 80],
            ['protocol', 'TCP'],
          ],
        },
      ]),
    ).toBe('.ports[containerPort=80,protocol="TCP"]');
    expect(pathString([f('metadata'), f('finalizers'), { value: 'x' }])).toBe(
      '.metadata.finalizers[="x"]',
    );
    expect(pathString([f('args'), { index: 0 }])).toBe('.args[0]');
  });

  it('difference is not recursive: a member of the other set keeps our children', () => {
    const a = FieldSet.fromFieldsV1({ 'f:data': { '.': {}, 'f:key': {} } });
    const b = FieldSet.fromFieldsV1({ 'f:data': {} });
    expect(a.difference(b).toFieldsV1()).toEqual({ 'f:data': { 'f:key': {} } });
    expect(a.intersection(b).toFieldsV1()).toEqual({ 'f:data': {} });
    expect(b.union(FieldSet.fromFieldsV1({ 'f:x': {} })).toFieldsV1()).toEqual({
      'f:data': {},
      'f:x': {},
    });
  });

  it('lists paths members first, then children', () => {
    const set = FieldSet.fromFieldsV1({ 'f:spec': { '.': {}, 'f:a': {} }, 'f:b': {} });
    expect(set.paths().map(pathString)).toEqual(['.b', '.spec', '.spec.a']);
  });

  it('escapes HTML-sensitive characters in keys as Go does', () => {
    const set = new FieldSet();
    set.insert([f('x'), { value: 'a<b' }]);
    expect(set.toFieldsV1()).toEqual({ 'f:x': { 'v:"a\\u003cb"': {} } });
  });

  it('rejects malformed fieldsV1 keys', () => {
    expect(() => FieldSet.fromFieldsV1({ 'x:y': {} })).toThrow();
    expect(() => FieldSet.fromFieldsV1({ fy: {} })).toThrow('missing colon');
  });
});
