import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch.js';
import { PatchError } from './patch-error.js';

// RFC 6902 Appendix A examples that succeed: [section, document, patch, expected].
const rfcSuccesses: [string, unknown, unknown[], unknown][] = [
  [
    'A.1 adding an object member',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux' }],
    { baz: 'qux', foo: 'bar' },
  ],
  [
    'A.2 adding an array element',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/1', value: 'qux' }],
    { foo: ['bar', 'qux', 'baz'] },
  ],
  [
    'A.3 removing an object member',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'remove', path: '/baz' }],
    { foo: 'bar' },
  ],
  [
    'A.4 removing an array element',
    { foo: ['bar', 'qux', 'baz'] },
    [{ op: 'remove', path: '/foo/1' }],
    { foo: ['bar', 'baz'] },
  ],
  [
    'A.5 replacing a value',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'replace', path: '/baz', value: 'boo' }],
    { baz: 'boo', foo: 'bar' },
  ],
  [
    'A.6 moving a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  [
    'A.7 moving an array element',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    { foo: ['all', 'cows', 'eat', 'grass'] },
  ],
  [
    'A.8 testing a value: success',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  [
    'A.10 adding a nested member object',
    { foo: 'bar' },
    [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    { foo: 'bar', child: { grandchild: {} } },
  ],
  [
    'A.11 ignoring unrecognized elements',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
    { foo: 'bar', baz: 'qux' },
  ],
  [
    'A.14 ~ escape ordering',
    { '/': 9, '~1': 10 },
    [{ op: 'test', path: '/~01', value: 10 }],
    { '/': 9, '~1': 10 },
  ],
  [
    'A.16 adding an array value',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    { foo: ['bar', ['abc', 'def']] },
  ],
];

// Failures: [case, document, patch, kube's message (evanphx/json-patch.v4 wording)].
const failures: [string, unknown, unknown[], string][] = [
  [
    'A.9 testing a value: error',
    { baz: 'qux' },
    [{ op: 'test', path: '/baz', value: 'bar' }],
    'testing value /baz failed: test failed',
  ],
  [
    'A.12 adding to a nonexistent target',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    'add operation does not apply: doc is missing path: "/baz/bat": missing value',
  ],
  [
    'A.15 comparing strings and numbers',
    { '/': 9, '~1': 10 },
    [{ op: 'test', path: '/~01', value: '10' }],
    'testing value /~01 failed: test failed',
  ],
  [
    'replace under a missing parent',
    { spec: {} },
    [{ op: 'replace', path: '/spec/foo/bar', value: 1 }],
    'replace operation does not apply: doc is missing path: /spec/foo/bar: missing value',
  ],
  [
    'replace past the end of an array',
    { spec: { items: [1] } },
    [{ op: 'replace', path: '/spec/items/3', value: 1 }],
    'replace operation does not apply: doc is missing key: /spec/items/3: missing value',
  ],
  [
    'remove of a missing key',
    { metadata: { labels: {} } },
    [{ op: 'remove', path: '/metadata/labels/app' }],
    "error in remove for path: '/metadata/labels/app': Unable to remove nonexistent key: app: missing value",
  ],
  [
    'remove past the end of an array',
    { a: [1] },
    [{ op: 'remove', path: '/a/1' }],
    "error in remove for path: '/a/1': Unable to access invalid index: 1: invalid index referenced",
  ],
  [
    'add at an index beyond the end',
    { a: [1] },
    [{ op: 'add', path: '/a/5', value: 2 }],
    "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced",
  ],
  [
    'add at a non-numeric array index',
    { a: [1] },
    [{ op: 'add', path: '/a/x', value: 2 }],
    `error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
  ],
  [
    'move from a missing parent',
    { a: {} },
    [{ op: 'move', from: '/b/c', path: '/a/c' }],
    'move operation does not apply: doc is missing from path: /b/c: missing value',
  ],
  [
    'copy to a missing parent',
    { a: 1 },
    [{ op: 'copy', from: '/a', path: '/b/c' }],
    'copy operation does not apply: doc is missing destination path: /b/c: missing value',
  ],
  [
    'test of a missing path',
    { a: 1 },
    [{ op: 'test', path: '/b/c', value: 1 }],
    'test operation does not apply: is missing path: /b/c: missing value',
  ],
];

function errorOf(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  it.each(rfcSuccesses)('RFC 6902 %s', (_name, doc, ops, expected) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
  });

  it.each(failures)('%s fails with kube wording', (_name, doc, ops, message) => {
    const err = errorOf(() => applyJsonPatch(doc, ops));
    expect(err.message).toBe(message);
    expect(err.code).toBe(422);
    expect(err.operationIndex).toBe(0);
  });

  it('when a replace targets a missing object key, it adds it as kube-apiserver does', () => {
    const out = applyJsonPatch({ metadata: { labels: {} } }, [
      { op: 'replace', path: '/metadata/labels/app', value: 'web' },
    ]);
    expect(out).toEqual({ metadata: { labels: { app: 'web' } } });
  });

  it('a failing patch renders the 422 body kube-apiserver sends', () => {
    const err = errorOf(() => applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]));
    expect(err.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: { causes: [{ message: 'testing value /a failed: test failed' }] },
      code: 422,
    });
  });

  it('names the index of the operation that failed and applies nothing', () => {
    const doc = { a: 1 };
    const err = errorOf(() =>
      applyJsonPatch(doc, [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'remove', path: '/missing' },
      ]),
    );
    expect(err.operationIndex).toBe(1);
    expect(doc).toEqual({ a: 1 });
  });

  it.each([
    [
      'a body that is not an array',
      { op: 'add' },
      400,
      'JSON patch must be an array of operations',
    ],
    [
      'an operation that is not an object',
      [{ op: 'test', path: '/a', value: 1 }, 'x'],
      400,
      'JSON patch operation 1 is not an object',
    ],
    ['an unknown op', [{ op: 'frobnicate', path: '/a' }], 422, 'Unexpected kind: frobnicate'],
    ['a missing op', [{ path: '/a' }], 422, 'Unexpected kind: unknown'],
    [
      'a missing path',
      [{ op: 'remove' }],
      422,
      'JSON patch operation 0 (remove) has no "path" string: missing value',
    ],
    [
      'a move without from',
      [{ op: 'move', path: '/b' }],
      422,
      'JSON patch operation 0 (move) has no "from" string: missing value',
    ],
    [
      'an add without value',
      [{ op: 'add', path: '/b' }],
      422,
      'JSON patch operation 0 (add) has no "value": missing value',
    ],
  ])('rejects %s before applying anything', (_name, ops, code, message) => {
    const err = errorOf(() => applyJsonPatch({ a: 1 }, ops));
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });

  it('rejects more operations than kube-apiserver allows with 413', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
    const err = errorOf(() => applyJsonPatch({ a: 1 }, ops));
    expect(err.code).toBe(413);
    expect(err.reason).toBe('RequestEntityTooLarge');
  });

  it.each([
    [
      'a negative index counts from the end',
      { a: [1, 2, 3] },
      [{ op: 'remove', path: '/a/-1' }],
      { a: [1, 2] },
    ],
    [
      '~1 decodes to a slash in keys',
      { metadata: { annotations: {} } },
      [{ op: 'add', path: '/metadata/annotations/example.com~1team', value: 'x' }],
      { metadata: { annotations: { 'example.com/team': 'x' } } },
    ],
    [
      'replace of the whole document',
      { a: 1 },
      [{ op: 'replace', path: '', value: { b: 2 } }],
      { b: 2 },
    ],
    [
      'test of a null against a missing key passes',
      { a: 1 },
      [{ op: 'test', path: '/b', value: null }],
      { a: 1 },
    ],
    [
      'copy deep-copies the value',
      { a: { x: 1 } },
      [
        { op: 'copy', from: '/a', path: '/b' },
        { op: 'replace', path: '/b/x', value: 2 },
      ],
      { a: { x: 1 }, b: { x: 2 } },
    ],
    [
      'test compares objects regardless of key order',
      { a: { x: 1, y: 2 } },
      [{ op: 'test', path: '/a', value: { y: 2, x: 1 } }],
      { a: { x: 1, y: 2 } },
    ],
  ])('%s', (_name, doc, ops, expected) => {
    expect(applyJsonPatch(doc, ops)).toEqual(expected);
  });

  it('never mutates the input document', () => {
    const doc = { spec: { items: [{ a: 1 }] } };
    applyJsonPatch(doc, [{ op: 'replace', path: '/spec/items/0/a', value: 2 }]);
    expect(doc).toEqual({ spec: { items: [{ a: 1 }] } });
  });
});
