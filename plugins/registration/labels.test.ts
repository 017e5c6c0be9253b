import { describe, expect, it } from 'vitest';
import { InvalidLabelsError, formatLabels, parseLabels } from './labels.js';

describe('parseLabels', () => {
  it('parses comma-separated key=value pairs, as in the seed blog post', () => {
    expect(parseLabels('env=test')).toEqual({ env: 'test' });
    expect(parseLabels('env=test, req=tetragon')).toEqual({ env: 'test', req: 'tetragon' });
  });

  it('accepts prefixed keys and empty values', () => {
    expect(parseLabels('example.com/tier=backend,empty=')).toEqual({
      'example.com/tier': 'backend',
      empty: '',
    });
  });

  it('gives no labels for an absent or blank flag', () => {
    expect(parseLabels(undefined)).toEqual({});
    expect(parseLabels('  ')).toEqual({});
  });

  it.each([
    ['env', 'Invalid --labels: "env" is not of the form key=value'],
    ['env=test,', 'Invalid --labels: empty label between commas'],
    [
      'env=te st',
      'Invalid --labels: value "te st" of key "env": a valid label must be an empty string',
    ],
    [
      '-env=test',
      'Invalid --labels: key "-env": name part must consist of alphanumeric characters',
    ],
    ['env=a,env=b', 'Invalid --labels: key "env" is given twice'],
    ['sveltos-agent=present', 'Invalid --labels: key "sveltos-agent" is reserved'],
    [`env=${'x'.repeat(64)}`, 'must be no more than 63 characters'],
  ])('refuses %j', (input, message) => {
    expect(() => parseLabels(input)).toThrow(InvalidLabelsError);
    expect(() => parseLabels(input)).toThrow(message);
  });
});

describe('formatLabels', () => {
  it('renders sorted pairs', () => {
    expect(formatLabels({ req: 'x', env: 'test' })).toBe('env=test,req=x');
    expect(formatLabels(undefined)).toBe('');
  });
});
