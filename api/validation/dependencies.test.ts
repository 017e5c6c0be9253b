import { describe, expect, it } from 'vitest';
import { formatFieldProblem } from '../field-problem.js';
import type { Obj } from '../../test/fixtures/profiles/builders.js';
import { aClusterProfile, aProfile } from '../../test/fixtures/profiles/builders.js';
import { validateDependencies } from './dependencies.js';
import { readProfileScope } from './profile-scope.js';
import type { ObjectLike } from './result.js';

function check(obj: Obj, profiles?: ObjectLike[]) {
  const result = validateDependencies(obj.spec as Obj, readProfileScope(obj), profiles);
  return { errors: result.fieldErrors.map(formatFieldProblem), warnings: result.warnings };
}

const stored = (name: string, ...deps: string[]) =>
  aClusterProfile(name)
    .dependingOn(...deps)
    .build();

describe('validateDependencies', () => {
  it('accepts dependencies on existing profiles that form no cycle', () => {
    const profiles = [stored('a'), stored('b', 'a')];
    expect(check(aClusterProfile('c').dependingOn('a', 'b').build(), profiles)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('refuses a profile that depends on itself', () => {
    expect(check(aClusterProfile('a').dependingOn('a').build()).errors).toEqual([
      'spec.dependsOn[0]: "a": a profile cannot depend on itself',
    ]);
  });

  it('refuses duplicate and malformed names', () => {
    expect(check(aClusterProfile('a').dependingOn('b', 'b', 'Not_Valid').build()).errors).toEqual([
      'spec.dependsOn[1]: "b": duplicate value',
      expect.stringContaining('spec.dependsOn[2]: "Not_Valid": a lowercase RFC 1123 subdomain'),
    ]);
  });

  it('refuses a create that closes a cycle through stored profiles and names the cycle', () => {
    const profiles = [stored('b', 'c'), stored('c', 'a')];
    expect(check(aClusterProfile('a').dependingOn('b').build(), profiles).errors).toEqual([
      'spec.dependsOn[0]: "b": would close a dependency cycle: a -> b -> c -> a',
    ]);
  });

  it('uses the new dependsOn of the profile being updated, not the stored one', () => {
    const profiles = [stored('a', 'b'), stored('b')];
    // Stored a -> b; the update makes b depend on a: cycle b -> a -> b.
    expect(check(aClusterProfile('b').dependingOn('a').build(), profiles).errors).toEqual([
      'spec.dependsOn[0]: "a": would close a dependency cycle: b -> a -> b',
    ]);
    // Removing a's dependency on b in an update of a is fine even though stored a -> b.
    expect(check(aClusterProfile('a').build(), profiles).errors).toEqual([]);
  });

  it('keeps Profiles and ClusterProfiles in separate graphs, Profiles per namespace', () => {
    const profiles = [
      aProfile('ns1', 'b').dependingOn('a').build(),
      aProfile('ns2', 'b').dependingOn('a').build(),
      stored('b', 'a'),
    ];
    expect(check(aProfile('ns1', 'a').dependingOn('b').build(), profiles).errors).toEqual([
      'spec.dependsOn[0]: "b": would close a dependency cycle: ns1/a -> ns1/b -> ns1/a',
    ]);
    expect(check(aProfile('ns3', 'a').dependingOn('b').build(), profiles).errors).toEqual([]);
  });

  it('warns, without refusing, about dependencies that do not exist yet', () => {
    expect(check(aClusterProfile('a').dependingOn('later').build(), []).warnings).toEqual([
      'spec.dependsOn: ClusterProfile "later" does not exist yet; this profile\'s add-ons wait until it does',
    ]);
  });

  it('skips the cycle check when no profiles are known', () => {
    expect(check(aClusterProfile('a').dependingOn('b').build(), undefined)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('handles long chains without recursion limits', () => {
    const profiles = Array.from({ length: 5000 }, (_, i) => stored(`p${i}`, `p${i + 1}`));
    profiles.push(stored('p5000', 'root'));
    const errors = check(aClusterProfile('root').dependingOn('p0').build(), profiles).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('would close a dependency cycle: root -> p0 -> p1');
  });
});

describe('validateDependencies limits', () => {
  it('refuses more than 100 dependencies before walking the graph', () => {
    const names = Array.from({ length: 101 }, (_, i) => `p${i}`);
    expect(
      check(
        aClusterProfile('a')
          .dependingOn(...names)
          .build(),
        [],
      ).errors,
    ).toEqual(['spec.dependsOn: must have at most 100 items, has 101']);
  });
});
