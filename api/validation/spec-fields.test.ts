import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import { validateMaxUpdate, validateSpecFields } from './spec-fields.js';

function messages(spec: Record<string, unknown>): string[] {
  return validateSpecFields(spec).map(formatFieldProblem);
}

describe('validateSpecFields', () => {
  it('accepts every documented value', () => {
    for (const syncMode of ['OneTime', 'Continuous', 'ContinuousWithDriftDetection', 'DryRun']) {
      expect(messages({ syncMode })).toEqual([]);
    }
    const spec = {
      stopMatchingBehavior: 'LeavePolicies',
      tier: 50,
      maxUpdate: '30%',
      continueOnConflict: true,
      continueOnError: false,
      reloader: true,
      extraLabels: { 'example.com/team': 'a' },
      extraAnnotations: { 'example.com/note': 'any text at all: fine' },
      validateHealths: [
        {
          name: 'deployments',
          featureID: 'Helm',
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
        },
      ],
      patches: [{ patch: 'op: add' }],
    };
    expect(messages(spec)).toEqual([]);
  });

  it.each([
    [
      { syncMode: 'Sometimes' },
      'spec.syncMode: "Sometimes": unsupported value: supported values: "OneTime", "Continuous", "ContinuousWithDriftDetection", "DryRun"',
    ],
    [{ syncMode: 'continuous' }, 'spec.syncMode: "continuous": unsupported value'],
    [
      { stopMatchingBehavior: 'Withdraw' },
      'spec.stopMatchingBehavior: "Withdraw": unsupported value: supported values: "WithdrawPolicies", "LeavePolicies"',
    ],
    [{ tier: 0 }, 'spec.tier: 0: must be between 1 and 2147483647'],
    [{ tier: 2.5 }, 'spec.tier: 2.5: must be an integer'],
    [{ tier: '100' }, 'spec.tier: "100": must be an integer'],
    [{ tier: 2 ** 31 }, 'spec.tier: 2147483648: must be between'],
    [{ continueOnConflict: 'yes' }, 'spec.continueOnConflict: "yes": must be a boolean'],
    [{ extraLabels: { env: 'not valid!' } }, 'spec.extraLabels.env: "not valid!"'],
    [{ extraLabels: { 'bad key!': 'a' } }, 'spec.extraLabels: "bad key!"'],
    [{ extraAnnotations: { a: 1 } }, 'spec.extraAnnotations.a: 1: must be a string'],
    [
      { validateHealths: [{ name: 'x', featureID: 'Everything', kind: 'Pod' }] },
      'spec.validateHealths[0].featureID: "Everything": unsupported value',
    ],
    [
      { validateHealths: [{ featureID: 'Helm', kind: 'Pod' }] },
      'spec.validateHealths[0].name: required value',
    ],
    [{ patches: [{ target: {} }] }, 'spec.patches[0].patch: required value'],
    [{ maxConsecutiveFailures: 0 }, 'spec.maxConsecutiveFailures: 0: must be between 1'],
  ])('refuses %j', (spec, fragment) => {
    expect(messages(spec).join('\n')).toContain(fragment);
  });
});

describe('validateMaxUpdate', () => {
  it.each([[1], [25], ['1%'], ['100%'], ['10%'], ['5'], [undefined]])('accepts %j', (value) => {
    expect(validateMaxUpdate(value, 'spec.maxUpdate')).toEqual([]);
  });

  it.each([[0], [-1], [1.5], ['0%'], ['101%'], ['50 %'], ['half'], ['0'], [true], ['%']])(
    'refuses %j',
    (value) => {
      const [first] = validateMaxUpdate(value, 'spec.maxUpdate');
      expect(first?.reason).toBe('must be a positive integer or a percentage from 1% to 100%');
    },
  );
});
