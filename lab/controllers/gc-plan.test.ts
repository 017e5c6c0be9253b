import { describe, expect, it } from 'vitest';
import { decideDependent, planFinalization, type DependentOfOwner } from './gc-plan.js';

describe('decideDependent', () => {
  const cases: [
    string,
    Parameters<typeof decideDependent>[0],
    ReturnType<typeof decideDependent>['action'],
    string?,
  ][] = [
    [
      'keeps an object without owners',
      { owners: [], finalizers: [], hasDependents: false },
      'keep',
    ],
    [
      'keeps a dependent whose owner exists',
      { owners: [{ uid: 'a', state: 'solid' }], finalizers: [], hasDependents: false },
      'keep',
    ],
    [
      'keeps a dependent whose owner kind is not served',
      { owners: [{ uid: 'a', state: 'unknown' }], finalizers: [], hasDependents: false },
      'keep',
    ],
    [
      'deletes in the background when every owner is gone',
      { owners: [{ uid: 'a', state: 'absent' }], finalizers: [], hasDependents: true },
      'delete',
      'Background',
    ],
    [
      'keeps its own orphan finalizer policy when collected',
      { owners: [{ uid: 'a', state: 'absent' }], finalizers: ['orphan'], hasDependents: false },
      'delete',
      'Orphan',
    ],
    [
      'deletes in the foreground when the owner waits and it has dependents',
      { owners: [{ uid: 'a', state: 'waiting' }], finalizers: [], hasDependents: true },
      'delete',
      'Foreground',
    ],
    [
      'deletes in the background when the owner waits and it has no dependents',
      { owners: [{ uid: 'a', state: 'waiting' }], finalizers: [], hasDependents: false },
      'delete',
      'Background',
    ],
  ];
  it.each(cases)('%s', (_name, input, action, policy) => {
    const decision = decideDependent(input);
    expect(decision.action).toBe(action);
    if (policy && decision.action === 'delete') expect(decision.policy).toBe(policy);
  });

  it('drops only the references to absent owners when another owner remains', () => {
    const decision = decideDependent({
      owners: [
        { uid: 'gone', state: 'absent' },
        { uid: 'here', state: 'solid' },
      ],
      finalizers: [],
      hasDependents: false,
    });
    expect(decision).toMatchObject({ action: 'removeOwnerRefs', uids: ['gone'] });
  });
});

const dep = (uid: string, over: Partial<DependentOfOwner> = {}): DependentOfOwner => ({
  uid,
  deleting: false,
  blocking: false,
  hasDependents: false,
  finalizers: [],
  ...over,
});

describe('planFinalization', () => {
  it('does nothing for an owner without GC finalizers', () => {
    expect(planFinalization(['example.com/x'], [dep('a')])).toEqual([]);
  });

  it('orphans the dependents, then drops the orphan finalizer', () => {
    expect(planFinalization(['orphan'], [dep('a'), dep('b')])).toEqual([
      { action: 'orphanDependents', uids: ['a', 'b'] },
      { action: 'removeFinalizer', finalizer: 'orphan' },
    ]);
  });

  it('deletes dependents and waits while blocking ones remain', () => {
    const steps = planFinalization(
      ['foregroundDeletion'],
      [
        dep('a', { blocking: true }),
        dep('b', { blocking: true, deleting: true }),
        dep('c', { hasDependents: true }),
      ],
    );
    expect(steps).toEqual([
      {
        action: 'deleteDependents',
        targets: [
          { uid: 'a', policy: 'Background' },
          { uid: 'c', policy: 'Foreground' },
        ],
      },
      { action: 'wait', reason: '2 blocking dependents remain' },
    ]);
  });

  it('drops the foreground finalizer once no blocking dependent remains', () => {
    expect(planFinalization(['foregroundDeletion'], [dep('a', { deleting: true })])).toEqual([
      { action: 'removeFinalizer', finalizer: 'foregroundDeletion' },
    ]);
  });
});
