import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch.js';

// RFC 7386 Appendix A, verbatim.
const rfcExamples: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('applyMergePatch', () => {
  it.each(rfcExamples)('RFC 7386 example: %j patched with %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('when a label is patched, the other labels and the rest of the object are kept', () => {
    const cm = { metadata: { name: 'x', labels: { a: '1', b: '2' } }, data: { k: 'v' } };
    const out = applyMergePatch(cm, { metadata: { labels: { b: null, c: '3' } } });
    expect(out).toEqual({ metadata: { name: 'x', labels: { a: '1', c: '3' } }, data: { k: 'v' } });
  });

  it('never mutates its inputs and shares no structure with them', () => {
    const target = { spec: { list: [1], keep: { deep: true } } };
    const patch = { spec: { list: [2] } };
    const out = applyMergePatch(target, patch) as typeof target;
    expect(target).toEqual({ spec: { list: [1], keep: { deep: true } } });
    expect(patch).toEqual({ spec: { list: [2] } });
    out.spec.keep.deep = false;
    out.spec.list.push(3);
    expect(target.spec.keep.deep).toBe(true);
    expect(patch.spec.list).toEqual([2]);
  });
});
