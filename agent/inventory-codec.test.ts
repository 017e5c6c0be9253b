import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { failedGroupDelay, FAILED_GROUP_MAX_MS } from './group-worker.js';
import { failureMessageOf, requiredRequestor } from './group-apply.js';
import { otherOwner, refsMinus, refsOf, refsUnion } from './inventory-apply.js';
import { InventoryCorruptError, decodeContent, encodeContent } from './inventory-codec.js';

const cm = (
  name: string,
  blob = '',
): {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  data: { blob: string };
} => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'n' },
  data: { blob },
});

describe('inventory content encoding', () => {
  it('round-trips objects through gzip parts no larger than the part size', () => {
    const objects = Array.from({ length: 8 }, (_, i) =>
      cm(`c${i}`, randomBytes(40_000).toString('base64')),
    );
    const { contentHash, parts } = encodeContent(objects, 64 * 1024);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(64 * 1024);
    expect(decodeContent('inv', contentHash, parts)).toEqual(objects);
  });

  it('refuses a missing or edited part, naming the inventory', () => {
    const { contentHash, parts } = encodeContent([cm('a', 'x'.repeat(5000)), cm('b')], 100);
    expect(() => decodeContent('inv-1', contentHash, parts.slice(1))).toThrow(
      InventoryCorruptError,
    );
    const edited = parts.map((p) => Buffer.from(p));
    edited[0][20] ^= 1;
    expect(() => decodeContent('inv-1', contentHash, edited)).toThrow(
      /^Inventory inv-1 content does not match its contentHash/,
    );
  });

  it('compares refs with a missing namespace as default, keeping order', () => {
    const a = refsOf([cm('a'), cm('b')]);
    const widgetNoNs = { apiVersion: 'x/v1', kind: 'W', name: 'w' };
    const widgetDefault = { ...widgetNoNs, namespace: 'default' };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'r' };
    expect(refsMinus([...a, widgetNoNs, role], [a[1], widgetDefault, role])).toEqual([a[0]]);
    expect(refsUnion([a[0]], [a[1], a[0]])).toEqual([a[0], a[1]]);
  });
});

describe('group failures', () => {
  it('backs off failed groups from 1 s doubling to a cap', () => {
    expect([1, 2, 3, 4].map(failedGroupDelay)).toEqual([1000, 2000, 4000, 8000]);
    expect(failedGroupDelay(30)).toBe(FAILED_GROUP_MAX_MS);
  });

  it("reports the API's reason with the message unless the message already has it", () => {
    const err = Object.assign(
      new Error('Failed to apply ConfigMap n/a: namespaces "n" not found'),
      {
        reason: 'NotFound',
      },
    );
    expect(failureMessageOf(err)).toBe(
      'Failed to apply ConfigMap n/a: namespaces "n" not found (reason NotFound)',
    );
    expect(
      failureMessageOf(Object.assign(new Error('Forbidden: no'), { reason: 'Forbidden' })),
    ).toBe('Forbidden: no');
    expect(failureMessageOf('plain')).toBe('plain');
  });
});

describe('ownership on delete', () => {
  const me = { kind: 'ClusterSummary', name: 'p-sveltos-c', feature: 'Resources' };
  const marked = (annotations: Record<string, string>, labels: Record<string, string> = {}) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x', annotations, labels },
  });

  it('leaves objects another requestor or feature took over', () => {
    const mine = {
      'projectsveltos.io/owner-kind': 'ClusterSummary',
      'projectsveltos.io/owner-name': 'p-sveltos-c',
    };
    expect(otherOwner(marked(mine, { 'projectsveltos.io/reason': 'Resources' }), me)).toBe('');
    expect(otherOwner(marked({}), me)).toBe('');
    expect(otherOwner(marked({ ...mine, 'projectsveltos.io/owner-name': 'q-sveltos-c' }), me)).toBe(
      'owned by ClusterSummary q-sveltos-c',
    );
    expect(otherOwner(marked(mine, { 'projectsveltos.io/reason': 'Helm' }), me)).toBe(
      'owned by feature Helm',
    );
  });

  it('names the missing requestor label of a group', () => {
    const group = {
      metadata: {
        name: 'g',
        namespace: 'ns',
        labels: { 'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary' },
        annotations: { 'pullmode.projectsveltos.io/requestorname': 'p' },
      },
    };
    expect(() => requiredRequestor(group)).toThrow(
      'ConfigurationGroup ns/g has no label pullmode.projectsveltos.io/requestorfeature',
    );
  });
});
