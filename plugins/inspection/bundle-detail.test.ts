// The `bundles show` model on hand-built objects: hash verdicts (verified, mismatch, not
// listed, missing), objects parsed from each resource, and entries that are not objects.
import { describe, expect, it } from 'vitest';
import type { ConfigurationBundle, ConfigurationGroup } from '../../api/types/index.js';
import { bundleHash } from '../../lib/bundle-hash.js';
import { describeGroup, renderGroupDetail } from './bundle-detail.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: app\n';
const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n';

function bundle(name: string, resources: string[]): ConfigurationBundle {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'ConfigurationBundle',
    metadata: { name, namespace: 'rke2' },
    spec: { resources },
  };
}

const group: ConfigurationGroup = {
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'ConfigurationGroup',
  metadata: { name: 'g', namespace: 'rke2', generation: 3 },
  spec: {
    configurationItem: [
      { contentRef: { name: 'ok' }, hash: bundleHash([NS, CM]) },
      { contentRef: { name: 'edited' }, hash: bundleHash([CM]) },
      { contentRef: { name: 'unlisted' } },
      { contentRef: { name: 'gone' }, hash: 'abc' },
    ],
  },
  status: { status: 'Failed', observedGeneration: 3, failureMessage: 'boom' },
};

const bundles = [
  bundle('ok', [NS, CM]),
  bundle('edited', [CM, 'kind: [unclosed', '- just\n- a list\n']),
  bundle('unlisted', [CM]),
];

describe('describeGroup', () => {
  const detail = describeGroup(group, bundles);

  it('gives each item its verdict in apply order', () => {
    expect(detail.bundles.map((b) => [b.index, b.name, b.exists, b.verified])).toEqual([
      [1, 'ok', true, true],
      [2, 'edited', true, false],
      [3, 'unlisted', true, false],
      [4, 'gone', false, false],
    ]);
    expect(detail.bundles[0]?.objects).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', namespace: undefined, name: 'app' },
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'app', name: 'a' },
    ]);
  });

  it('names the entries that are not Kubernetes objects', () => {
    expect(detail.bundles[1]?.unreadable).toEqual([
      expect.stringMatching(/^resources\[1\]: invalid YAML \(/),
      'resources[2]: not a Kubernetes object',
    ]);
  });

  it('renders every verdict and the status with its message', () => {
    const text = renderGroupDetail(detail, new Date());
    expect(text).toContain('Status:    Failed (generation 3, agent observed 3): boom\n');
    expect(text).toContain('Bundle 1 of 4: rke2/ok, 2 resources, ');
    expect(text).toMatch(/Bundle 2 of 4: rke2\/edited, 3 resources, \d+B, hash MISMATCH: /);
    expect(text).toContain('hash NOT LISTED by the group\n');
    expect(text).toContain('Bundle 4 of 4: rke2/gone, MISSING: the bundle does not exist\n');
    expect(text).toContain('Cluster:   rke2/ (no SveltosCluster)\n');
  });
});
