import { describe, expect, it } from 'vitest';
import { matchesFieldSelector, parseFieldSelector } from './field-selector.js';

const fields: Record<string, string> = { 'metadata.name': 'web', 'metadata.namespace': 'prod' };
const fieldOf = (f: string): string | undefined => fields[f];

describe('field selectors', () => {
  it.each([
    ['metadata.name=web', true],
    ['metadata.name==web', true],
    ['metadata.name!=web', false],
    ['metadata.name=web,metadata.namespace=prod', true],
    ['metadata.namespace=dev', false],
    ['', true],
  ])('%j matches name=web,namespace=prod: %s', (selector, expected) => {
    expect(matchesFieldSelector(parseFieldSelector(selector), fieldOf)).toBe(expected);
  });

  it('rejects a clause without an operator, naming it', () => {
    expect(() => parseFieldSelector('metadata.name')).toThrow(
      'invalid field selector: "metadata.name"',
    );
  });
});
