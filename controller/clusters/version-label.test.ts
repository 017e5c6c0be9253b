import { describe, expect, it } from 'vitest';
import type { SveltosCluster } from '../../api/types/index.js';
import { versionLabelPatch } from './version-label.js';

function cluster(version: string | undefined, label?: string): SveltosCluster {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'SveltosCluster',
    metadata: {
      name: 'c',
      namespace: 'ns',
      labels: label ? { 'projectsveltos.io/k8s-version': label, env: 'x' } : { env: 'x' },
    },
    spec: {},
    ...(version ? { status: { version } } : {}),
  };
}

describe('versionLabelPatch', () => {
  it('sets the label without build metadata, which label values cannot hold', () => {
    expect(versionLabelPatch(cluster('v1.31.6+k3s1'))).toEqual({
      metadata: { labels: { 'projectsveltos.io/k8s-version': 'v1.31.6' } },
    });
  });

  it('replaces a stale value and leaves a right one alone', () => {
    expect(versionLabelPatch(cluster('v1.32.5', 'v1.30.0'))).toEqual({
      metadata: { labels: { 'projectsveltos.io/k8s-version': 'v1.32.5' } },
    });
    expect(versionLabelPatch(cluster('v1.32.5', 'v1.32.5'))).toBeUndefined();
  });

  it('does nothing while the version is unknown', () => {
    expect(versionLabelPatch(cluster(undefined, 'v1.30.0'))).toBeUndefined();
    expect(versionLabelPatch(cluster(undefined))).toBeUndefined();
  });
});
