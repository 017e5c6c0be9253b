import { describe, expect, it } from 'vitest';
import { applyPatchForTest } from '../../test/fixtures/profiles/json-patch.js';
import type { Obj } from '../../test/fixtures/profiles/builders.js';
import { aSveltosCluster } from '../../test/fixtures/profiles/builders.js';
import { K8S_VERSION_LABEL, PULL_MODE_LABEL } from '../labels.js';
import { k8sVersionLabelValue, mutateSveltosCluster } from './sveltos-cluster-mutation.js';

function labelsAfter(obj: Obj, old?: unknown): Record<string, string> {
  const patched = applyPatchForTest(obj, mutateSveltosCluster(obj, old));
  return (patched.metadata?.labels ?? {}) as Record<string, string>;
}

describe('mutateSveltosCluster', () => {
  it('stamps the version from status and the pull mode from spec, keeping other labels', () => {
    const obj = aSveltosCluster('c1', { labels: { env: 'prod' }, status: { version: 'v1.32.5' } });
    expect(labelsAfter(obj)).toEqual({
      env: 'prod',
      [K8S_VERSION_LABEL]: 'v1.32.5',
      [PULL_MODE_LABEL]: 'false',
    });
  });

  it('overwrites values a user wrote for the reserved keys', () => {
    const obj = aSveltosCluster('c1', {
      labels: { [K8S_VERSION_LABEL]: 'v0.0.1', [PULL_MODE_LABEL]: 'false', team: 'a' },
      spec: { pullMode: true },
      status: { version: 'v1.30.2' },
    });
    expect(labelsAfter(obj)).toEqual({
      team: 'a',
      [K8S_VERSION_LABEL]: 'v1.30.2',
      [PULL_MODE_LABEL]: 'true',
    });
  });

  it('removes a forged version label when no version is known on create', () => {
    const obj = aSveltosCluster('c1', { labels: { [K8S_VERSION_LABEL]: 'v0.0.1' } });
    expect(labelsAfter(obj)).toEqual({ [PULL_MODE_LABEL]: 'false' });
  });

  it('keeps the stored version label on update when status carries no version', () => {
    const old = aSveltosCluster('c1', { labels: { [K8S_VERSION_LABEL]: 'v1.29.0' } });
    const obj = aSveltosCluster('c1', { labels: { [K8S_VERSION_LABEL]: 'v0.0.1' } });
    expect(labelsAfter(obj, old)[K8S_VERSION_LABEL]).toBe('v1.29.0');
  });

  it('creates metadata.labels when the object has none', () => {
    const obj = aSveltosCluster('c1', { spec: { pullMode: true } });
    expect(mutateSveltosCluster(obj)).toEqual([
      { op: 'add', path: '/metadata/labels', value: { [PULL_MODE_LABEL]: 'true' } },
    ]);
  });

  it('returns no operation when the labels are already right', () => {
    const obj = aSveltosCluster('c1', {
      labels: { [K8S_VERSION_LABEL]: 'v1.32.5', [PULL_MODE_LABEL]: 'false' },
      status: { version: 'v1.32.5' },
    });
    expect(mutateSveltosCluster(obj)).toEqual([]);
  });

  it('escapes the / of label keys in JSON pointers', () => {
    const obj = aSveltosCluster('c1', { labels: {}, status: { version: 'v1.32.5' } });
    expect(mutateSveltosCluster(obj).map((op) => op.path)).toEqual([
      '/metadata/labels/projectsveltos.io~1k8s-version',
      '/metadata/labels/projectsveltos.io~1pull-mode',
    ]);
  });

  it('yields no patch for non-objects and builds metadata when missing', () => {
    expect(mutateSveltosCluster('x')).toEqual([]);
    expect(mutateSveltosCluster({ kind: 'SveltosCluster' })).toEqual([
      { op: 'add', path: '/metadata', value: { labels: { [PULL_MODE_LABEL]: 'false' } } },
    ]);
  });
});

describe('k8sVersionLabelValue', () => {
  it.each([
    ['v1.32.5', 'v1.32.5'],
    ['1.32.5', 'v1.32.5'],
    ['v1.29.3+k3s1', 'v1.29.3'],
    ['v1.28.9-eks-036c24b', 'v1.28.9'],
    ['', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('%j → %j', (version, label) => {
    expect(k8sVersionLabelValue(version)).toBe(label);
  });
});
