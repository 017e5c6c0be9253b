import { describe, expect, it } from 'vitest';
import {
  checkDuration,
  checkEnum,
  checkIntegerRange,
  checkNamespaceName,
  checkObjectName,
  jsonEqual,
  problem,
  readList,
} from './field-checks.js';

describe('field checks', () => {
  it('cuts long string values so one message stays readable', () => {
    expect(problem('p', 'x'.repeat(200), 'bad').value).toBe(`${'x'.repeat(77)}...`);
    expect(problem('p', 7, 'bad')).toEqual({ path: 'p', value: 7, reason: 'bad' });
  });

  it('reads lists leniently and reports non-lists', () => {
    const problems: ReturnType<typeof problem>[] = [];
    expect(readList(undefined, 'l', problems)).toEqual([]);
    expect(readList(['a'], 'l', problems)).toEqual(['a']);
    expect(readList('a', 'l', problems)).toEqual([]);
    expect(problems).toEqual([{ path: 'l', value: 'a', reason: 'must be a list' }]);
  });

  it('uses kube wording for enums and ranges', () => {
    expect(checkEnum('c', 'e', ['a', 'b'])[0]?.reason).toBe(
      'unsupported value: supported values: "a", "b"',
    );
    expect(checkEnum(undefined, 'e', ['a'])).toEqual([]);
    expect(checkIntegerRange(5, 'i', { min: 1, max: 3 })[0]?.reason).toBe(
      'must be between 1 and 3',
    );
    expect(checkIntegerRange('5', 'i', { min: 1, max: 3 })[0]?.reason).toBe('must be an integer');
  });

  it('checks names and namespaces, leaving template expressions alone', () => {
    expect(checkObjectName('ok.name', 'n')).toEqual([]);
    expect(checkObjectName('{{ .Cluster.metadata.name }}-x', 'n')).toEqual([]);
    expect(checkObjectName('Bad', 'n')).toHaveLength(1);
    expect(checkObjectName(undefined, 'n')[0]?.reason).toBe('required value');
    expect(checkNamespaceName('a.b', 'ns')).toHaveLength(1);
    expect(checkNamespaceName('', 'ns')).toEqual([]);
  });

  it.each([['5m'], ['1h30m'], ['0'], ['1.5s'], ['300ms']])('accepts the Go duration %s', (d) => {
    expect(checkDuration(d, 'd')).toEqual([]);
  });

  it.each([['5'], ['five'], ['1d'], [300]])('refuses %j as a duration', (d) => {
    expect(checkDuration(d, 'd')).toHaveLength(1);
  });

  it('compares JSON structurally, ignoring key order, and bounds the depth', () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    let deepA: unknown = 1;
    let deepB: unknown = 1;
    for (let i = 0; i < 10_000; i++) {
      deepA = [deepA];
      deepB = [deepB];
    }
    expect(jsonEqual(deepA, deepB)).toBe(false);
  });
});
