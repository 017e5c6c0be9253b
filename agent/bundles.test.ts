import { describe, expect, it } from 'vitest';
import {
  bundleHash,
  gvkOf,
  inventoryName,
  parseResources,
  requestorOf,
  withOwner,
} from './bundles.js';

describe('agent bundle helpers', () => {
  it('hashes resources in order and distinguishes boundaries', () => {
    expect(bundleHash(['a', 'b'])).not.toBe(bundleHash(['b', 'a']));
    expect(bundleHash(['ab'])).not.toBe(bundleHash(['a', 'b']));
    expect(bundleHash(['a'])).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the requestor from labels and annotation', () => {
    const group = {
      metadata: {
        labels: {
          'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary',
          'pullmode.projectsveltos.io/requestorfeature': 'Resources',
        },
        annotations: { 'pullmode.projectsveltos.io/requestorname': 'deploy-kyverno-sveltos-c1' },
      },
    };
    const r = requestorOf(group);
    expect(r).toEqual({
      kind: 'ClusterSummary',
      name: 'deploy-kyverno-sveltos-c1',
      feature: 'Resources',
    });
    expect(inventoryName(r)).toMatch(/^sveltos-inventory-[0-9a-f]{20}$/);
    const obj = withOwner({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, r);
    expect(obj.metadata.labels).toEqual({ 'projectsveltos.io/reason': 'Resources' });
    expect(obj.metadata.annotations?.['projectsveltos.io/owner-name']).toBe(
      'deploy-kyverno-sveltos-c1',
    );
  });

  it('parses YAML resources and names a bad entry', () => {
    const objs = parseResources('config-a', [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}',
    ]);
    expect(objs[0]?.kind).toBe('Namespace');
    expect(() => parseResources('config-a', ['just text'])).toThrow(
      'ConfigurationBundle config-a resources[0] is not a Kubernetes object',
    );
    expect(gvkOf({ apiVersion: 'apps/v1', kind: 'Deployment' })).toBe('Deployment.v1.apps');
    expect(gvkOf({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe('ConfigMap.v1.');
  });
});
