import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors.js';
import { checkShowSelection, parseProfileRef, resolveScope } from './bundles-options.js';

describe('parseProfileRef', () => {
  it.each([
    ['ClusterProfile/deploy-kyverno', { kind: 'ClusterProfile', name: 'deploy-kyverno' }],
    ['clusterprofiles/x', { kind: 'ClusterProfile', name: 'x' }],
    ['Profile/p.1', { kind: 'Profile', name: 'p.1' }],
  ])('%s', (text, ref) => {
    expect(parseProfileRef(text, 'bundles')).toEqual(ref);
  });

  it.each(['kyverno', 'Deployment/x', 'ClusterProfile/', 'ClusterProfile/a/b', 'Profile/Bad_Name'])(
    '%s is refused with a usage error naming --profile',
    (text) => {
      expect(() => parseProfileRef(text, 'bundles')).toThrow(UsageError);
      expect(() => parseProfileRef(text, 'bundles')).toThrow(`Invalid --profile "${text}"`);
    },
  );
});

describe('resolveScope', () => {
  it('defaults to the context namespace, then default; -A means all namespaces', () => {
    expect(resolveScope({}, 'team-a', 'bundles')).toEqual({ namespace: 'team-a' });
    expect(resolveScope({}, undefined, 'bundles')).toEqual({ namespace: 'default' });
    expect(resolveScope({ namespace: 'rke2' }, 'team-a', 'bundles')).toEqual({ namespace: 'rke2' });
    expect(resolveScope({ allNamespaces: true, cluster: 'c1' }, 'x', 'bundles')).toEqual({
      namespace: undefined,
      cluster: 'c1',
    });
  });

  it.each([
    [
      { namespace: 'a', allNamespaces: true },
      'Flags --namespace and --all-namespaces cannot be used together',
    ],
    [{ namespace: 'Bad' }, 'Invalid --namespace "Bad"'],
    [{ cluster: 'a.b' }, 'Invalid --cluster "a.b"'],
  ])('%j is a usage error', (flags, message) => {
    expect(() => resolveScope(flags, undefined, 'bundles')).toThrow(message);
  });
});

describe('checkShowSelection', () => {
  it('accepts GROUP, or --cluster with --profile', () => {
    expect(() => checkShowSelection({ group: 'cg-1' }, 'bundles show')).not.toThrow();
    expect(() =>
      checkShowSelection({ cluster: 'c', profile: 'Profile/p' }, 'bundles show'),
    ).not.toThrow();
  });

  it.each([
    [{}, 'A group is required'],
    [{ cluster: 'c' }, 'A group is required'],
    [{ group: 'g', profile: 'Profile/p' }, 'not both'],
    [{ group: 'g', feature: 'Helm' }, 'not both'],
    [{ group: 'Bad_Group' }, 'Invalid --group "Bad_Group"'],
  ])('%j is refused', (flags, message) => {
    expect(() => checkShowSelection(flags, 'bundles show')).toThrow(message);
  });
});
