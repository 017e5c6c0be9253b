import { describe, expect, it } from 'vitest';
import { NonRetriableError } from '../../lib/reconcile-result.js';
import { mergeValues, parseValues, valuesToYaml } from './helm-values.js';

describe('helm values', () => {
  it.each([
    ['deep-merges maps', { a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }, { a: { b: 1, c: 3, d: 4 } }],
    ['replaces lists', { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ['replaces a map by a scalar', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    ['keeps base keys', { a: 1 }, {}, { a: 1 }],
  ])('%s', (_name, base, over, expected) => {
    expect(mergeValues(base, over)).toEqual(expected);
  });

  it('parses empty text as no values', () => {
    expect(parseValues('', 'values')).toEqual({});
    expect(parseValues('# only a comment', 'values')).toEqual({});
  });

  it.each([
    ['a list', '- a\n- b', /^helmCharts\[0\]\.values must be a YAML mapping of values$/],
    ['bad YAML', 'a: [', /^helmCharts\[0\]\.values is not valid YAML: /],
  ])('refuses %s naming the field', (_name, text, message) => {
    expect(() => parseValues(text, 'helmCharts[0].values')).toThrow(NonRetriableError);
    expect(() => parseValues(text, 'helmCharts[0].values')).toThrow(message);
  });

  it('writes sorted YAML, or nothing for no values', () => {
    expect(valuesToYaml({ b: 1, a: { d: 1, c: 2 } })).toBe('a:\n  c: 2\n  d: 1\nb: 1\n');
    expect(valuesToYaml({})).toBe('');
  });
});
