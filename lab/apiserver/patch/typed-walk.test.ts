import { describe, expect, it } from 'vitest';
import { mergeObjects } from './typed-merge.js';
import { shapeFor } from './typed-shape.js';
import { compareObjects, removeItems, toFieldSet, TypedError } from './typed-walk.js';
import { FieldSet } from './field-set.js';

const POD = shapeFor({ group: '', version: 'v1', kind: 'Pod' });
const CM = shapeFor({ group: '', version: 'v1', kind: 'ConfigMap' });

describe('toFieldSet', () => {
  it('owns finalizers item by item as a set and nodeSelector as one atomic map', () => {
    const pod = {
      metadata: { finalizers: ['a', 'b'] },
      spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', command: ['sh'] }] },
    };
    expect(toFieldSet(pod, POD).toFieldsV1()).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:command': {}, 'f:name': {} } },
        'f:nodeSelector': {},
      },
    });
  });

  it('owns a duplicated list item as a whole without descending into it', () => {
    const set = toFieldSet(
      {
        spec: {
          containers: [
            { name: 'c', image: '1' },
            { name: 'c', image: '2' },
          ],
        },
      },
      POD,
    );
    expect(set.toFieldsV1()).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"c"}': {} } } });
  });

  it('refuses a keyed list item without its key, with kube’s message', () => {
    expect(() => toFieldSet({ spec: { containers: [{ image: 'x' }] } }, POD)).toThrow(
      new TypedError(
        `.spec.containers: element 0: associative list with keys has an element that omits all key fields ["name"] (and doesn't have default values for any key fields)`,
      ),
    );
  });
});

describe('compareObjects', () => {
  it('reports added, modified and removed fields', () => {
    const cmp = compareObjects({ data: { a: '1', b: '2' } }, { data: { a: 'x', c: '3' } }, CM);
    expect(cmp.added.toFieldsV1()).toEqual({ 'f:data': { 'f:c': {} } });
    expect(cmp.modified.toFieldsV1()).toEqual({ 'f:data': { 'f:a': {} } });
    expect(cmp.removed.toFieldsV1()).toEqual({ 'f:data': { 'f:b': {} } });
  });

  it('sees a value that merely moved in an associative list as unchanged', () => {
    const before = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    const after = { spec: { containers: [{ name: 'b' }, { name: 'a' }] } };
    const cmp = compareObjects(before, after, POD);
    expect([cmp.added, cmp.modified, cmp.removed].every((s) => s.isEmpty())).toBe(true);
  });
});

describe('mergeObjects and removeItems', () => {
  it('keeps live-only items in place and adds applied ones after their predecessors', () => {
    const live = {
      spec: {
        containers: [
          { name: 'a', image: '1' },
          { name: 'z', image: 'z' },
        ],
      },
    };
    const applied = {
      spec: {
        containers: [
          { name: 'a', image: '2' },
          { name: 'b', image: 'b' },
        ],
      },
    };
    expect(mergeObjects(live, applied, POD)).toEqual({
      spec: {
        containers: [
          { name: 'a', image: '2' },
          { name: 'z', image: 'z' },
          { name: 'b', image: 'b' },
        ],
      },
    });
  });

  it('removes exactly the listed paths and drops what is left empty', () => {
    const obj = { metadata: { labels: { a: '1' } }, data: { k: 'v', j: 'w' } };
    const set = FieldSet.fromFieldsV1({
      'f:metadata': { 'f:labels': { 'f:a': {} } },
      'f:data': { 'f:k': {} },
    });
    expect(removeItems(obj, set, CM)).toEqual({ data: { j: 'w' } });
  });
});
