import { describe, expect, it } from 'vitest';
import {
  formatRequirements,
  labelSelectorToRequirements,
  matchesLabelSelector,
  matchesRequirements,
  parseSelectorString,
  SelectorParseError,
  validateLabelSelector,
} from './label-selector.js';
import { formatFieldProblem } from './field-problem.js';

const labels = { env: 'prod', tier: 'web', replicas: '3' };

describe('parseSelectorString', () => {
  it.each([
    ['', true],
    ['env=prod', true],
    ['env==prod', true],
    ['env!=prod', false],
    ['env=dev', false],
    ['env in (prod, staging)', true],
    ['env notin (prod)', false],
    ['env notin (dev)', true],
    ['tier', true],
    ['!tier', false],
    ['!legacy', true],
    ['missing!=x', true],
    ['replicas>2', true],
    ['replicas<3', false],
    ['env=prod,tier in (web,api),!legacy', true],
    ['env=prod,tier=db', false],
  ])('selector %j matches env=prod,tier=web,replicas=3: %s', (selector, expected) => {
    expect(matchesRequirements(labels, parseSelectorString(selector))).toBe(expected);
  });

  it.each([
    ['env in ()', "values set can't be empty"],
    ['env in (a', 'unbalanced parentheses'],
    ['env=prod,,tier=web', "found ','"],
    ['bad key=x', 'unable to parse requirement'],
    ['-bad=x', 'key: Invalid value: "-bad"'],
    ['env=-x-', 'Invalid value: "-x-"'],
    ['replicas>two', 'must be an integer'],
  ])('rejects %j naming the problem (%s)', (selector, fragment) => {
    expect(() => parseSelectorString(selector)).toThrow(SelectorParseError);
    expect(() => parseSelectorString(selector)).toThrow(fragment);
  });

  it('round-trips through formatRequirements', () => {
    const text = 'env=prod,tier in (web,api),!legacy,gpu';
    expect(formatRequirements(parseSelectorString(text))).toBe(text);
  });
});

describe('structured LabelSelector', () => {
  it('selects nothing when missing and everything when empty', () => {
    expect(matchesLabelSelector(labels, undefined)).toBe(false);
    expect(matchesLabelSelector(labels, {})).toBe(true);
  });

  it('combines matchLabels and matchExpressions with AND', () => {
    const selector = {
      matchLabels: { env: 'prod' },
      matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['web'] }],
    };
    expect(matchesLabelSelector(labels, selector)).toBe(true);
    expect(matchesLabelSelector({ env: 'prod', tier: 'db' }, selector)).toBe(false);
    expect(labelSelectorToRequirements(selector)).toHaveLength(2);
  });

  it('supports DoesNotExist and NotIn on missing keys', () => {
    const selector = {
      matchExpressions: [
        { key: 'legacy', operator: 'DoesNotExist' as const },
        { key: 'zone', operator: 'NotIn' as const, values: ['a'] },
      ],
    };
    expect(matchesLabelSelector(labels, selector)).toBe(true);
  });
});

describe('validateLabelSelector', () => {
  it('accepts a well-formed selector', () => {
    const sel = {
      matchLabels: { env: 'test' },
      matchExpressions: [{ key: 'a', operator: 'Exists' }],
    };
    expect(validateLabelSelector(sel, 'spec.clusterSelector')).toEqual([]);
  });

  it.each([
    [
      { matchLabels: { 'bad key': 'x' } },
      'spec.clusterSelector.matchLabels: "bad key": name part must consist',
    ],
    [
      { matchLabels: { env: 'a b' } },
      'spec.clusterSelector.matchLabels.env: "a b": a valid label must be',
    ],
    [
      { matchExpressions: [{ key: 'env', operator: 'In' }] },
      "spec.clusterSelector.matchExpressions[0].values: must be specified when `operator` is 'In' or 'NotIn'",
    ],
    [
      { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] },
      'spec.clusterSelector.matchExpressions[0].values: ["x"]: may not be specified',
    ],
    [
      { matchExpressions: [{ key: 'env', operator: 'Equals', values: ['x'] }] },
      'spec.clusterSelector.matchExpressions[0].operator: "Equals": not a valid selector operator',
    ],
    [
      { matchExpressions: [{ operator: 'Exists' }] },
      'spec.clusterSelector.matchExpressions[0].key: required',
    ],
    ['env=prod', 'spec.clusterSelector: "env=prod": must be an object'],
  ])('reports %j as %s', (selector, message) => {
    const problems = validateLabelSelector(selector, 'spec.clusterSelector').map(
      formatFieldProblem,
    );
    expect(problems.join('\n')).toContain(message);
  });
});
