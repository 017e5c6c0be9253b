import { describe, expect, it } from 'vitest';
import { compactString, escalationMessage, ruleCovers, uncoveredRules } from './policy-compare.js';
import type { PolicyRule } from './rbac-types.js';

describe('covers', () => {
  const owner: PolicyRule[] = [
    { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps', '*/status'] },
    { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] },
    { verbs: ['get'], nonResourceURLs: ['/apis/*'] },
  ];

  it('breaks wanted rules down and reports only what is not held', () => {
    expect(
      uncoveredRules(owner, [
        { verbs: ['get'], apiGroups: [''], resources: ['configmaps', 'pods/status'] },
      ]),
    ).toEqual([]);
    expect(
      uncoveredRules(owner, [
        { verbs: ['get', 'delete'], apiGroups: [''], resources: ['configmaps'] },
      ]),
    ).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['delete'] }]);
    expect(
      uncoveredRules(owner, [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }]),
    ).toHaveLength(1);
    expect(
      uncoveredRules(owner, [
        { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] },
      ]),
    ).toEqual([]);
    expect(uncoveredRules(owner, [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }])).toEqual(
      [],
    );
    expect(uncoveredRules(owner, [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }])).toHaveLength(
      1,
    );
  });

  it('lets * cover everything', () => {
    expect(
      ruleCovers(
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['get'], apiGroups: ['x'], resources: ['y/z'] },
      ),
    ).toBe(true);
  });

  it('words the refusal like ConfirmNoEscalation, merging verbs per resource', () => {
    const msg = escalationMessage({ username: 'u', groups: ['a', 'b'] }, owner, [
      { verbs: ['delete', 'update'], apiGroups: [''], resources: ['secrets'] },
      { verbs: ['get'], apiGroups: [''], resources: ['nodes'] },
    ]);
    expect(msg).toBe(
      'user "u" (groups=["a" "b"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}\n' +
        '{APIGroups:[""], Resources:["secrets"], Verbs:["delete" "update"]}',
    );
    expect(compactString({ verbs: ['get'], nonResourceURLs: ['/x'] })).toBe(
      '{NonResourceURLs:["/x"], Verbs:["get"]}',
    );
  });
});
