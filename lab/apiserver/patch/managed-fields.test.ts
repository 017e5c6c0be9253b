import { describe, expect, it } from 'vitest';
import { recordUpdate } from './managed-fields.js';
import { serverSideApply } from './server-side-apply.js';
import type { GroupVersionKind, KubeObject } from '../types.js';

const CM: GroupVersionKind = { group: '', version: 'v1', kind: 'ConfigMap' };
const DEPLOY: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };
const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';

function configMap(data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'demo', namespace: 'default', ...(labels ? { labels } : {}) },
    data,
  };
}

function create(obj: KubeObject, manager: string, gvk = CM): KubeObject {
  const out = recordUpdate({ live: undefined, updated: obj, manager, now: T0, gvk });
  // The server assigns identity fields after tracking; they are never tracked themselves.
  out.metadata.uid = 'uid-1';
  out.metadata.resourceVersion = '1';
  return out;
}

function update(
  live: KubeObject,
  mutate: (o: KubeObject) => void,
  manager: string,
  opts: { subresource?: string; gvk?: GroupVersionKind; now?: string } = {},
): KubeObject {
  const updated = structuredClone(live);
  mutate(updated);
  return recordUpdate({
    live,
    updated,
    manager,
    now: opts.now ?? T1,
    gvk: opts.gvk ?? CM,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  });
}

function owners(obj: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of obj.metadata.managedFields ?? []) {
    out[`${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`] = e.fieldsV1;
  }
  return out;
}

describe('recordUpdate', () => {
  it('a create by kubectl client-side apply owns data and the annotation, as kube records it', () => {
    const cm = configMap({ key: 'v' });
    cm.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    const out = recordUpdate({
      live: undefined,
      updated: cm,
      manager: 'kubectl-client-side-apply',
      now: T0,
      gvk: CM,
    });
    expect(out.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:data': { '.': {}, 'f:key': {} },
          'f:metadata': {
            'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
          },
        },
      },
    ]);
  });

  it('a Deployment create marks only the containers Go’s zero value lacks, like kube', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { app: 'x' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    };
    const out = create(dep, 'kubectl-create', DEPLOY);
    expect(owners(out)['kubectl-create/Update']).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
          },
        },
      },
    });
  });

  it('a label added by kubectl label is owned by kubectl-label and nobody else changes', () => {
    const created = create(configMap({ key: 'v' }, { app: 'web' }), 'kubectl-create');
    const out = update(
      created,
      (o) => (o.metadata.labels = { app: 'web', tier: 'front' }),
      'kubectl-label',
    );
    expect(owners(out)).toEqual({
      'kubectl-create/Update': {
        'f:data': { '.': {}, 'f:key': {} },
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      },
      'kubectl-label/Update': { 'f:metadata': { 'f:labels': { 'f:tier': {} } } },
    });
  });

  it('a changed field moves from its previous owner to the updater; a removed field leaves every owner', () => {
    const created = create(configMap({ a: '1', b: '2' }), 'creator');
    const out = update(created, (o) => (o.data = { a: 'changed' }), 'editor');
    expect(owners(out)).toEqual({
      // Only the map itself is left to the creator: a member with no children prints as {}.
      'creator/Update': { 'f:data': {} },
      'editor/Update': { 'f:data': { 'f:a': {} } },
    });
  });

  it('an update that changes nothing leaves managedFields and their times alone', () => {
    const created = create(configMap({ key: 'v' }), 'creator');
    const out = update(created, () => undefined, 'someone-else');
    expect(out.metadata.managedFields).toEqual(created.metadata.managedFields);
  });

  it('never tracks name, uid, resourceVersion, generation or managedFields', () => {
    const created = create(configMap({ key: 'v' }), 'creator');
    const out = update(
      created,
      (o) => {
        o.metadata.resourceVersion = '9';
        o.metadata.generation = 4;
      },
      'bumper',
    );
    expect(owners(out)).toEqual(owners(created));
  });

  it('an existing object without managedFields stays untracked, as in kube', () => {
    const legacy = { ...configMap({ key: 'v' }), metadata: { name: 'demo', uid: 'u' } };
    const out = update(legacy, (o) => (o.data = { key: 'w' }), 'editor');
    expect(out.metadata.managedFields).toBeUndefined();
    expect(out.data).toEqual({ key: 'w' });
  });

  it('a request that sends managedFields: [] resets them', () => {
    const created = create(configMap({ key: 'v' }), 'creator');
    const out = update(created, (o) => (o.metadata.managedFields = []), 'resetter');
    expect(out.metadata.managedFields).toBeUndefined();
  });

  it('a request that sends its own managedFields has them kept and extended', () => {
    const created = create(configMap({ key: 'v' }), 'creator');
    const out = update(
      created,
      (o) => {
        o.metadata.managedFields = [
          {
            manager: 'custom',
            operation: 'Update',
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:key': {} } },
          },
        ];
        o.data = { key: 'v', extra: 'x' };
      },
      'editor',
    );
    expect(owners(out)).toEqual({
      'custom/Update': { 'f:data': { 'f:key': {} } },
      'editor/Update': { 'f:data': { 'f:extra': {} } },
    });
  });

  it('a status write is recorded with subresource status and owns only status', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 1 },
    };
    const created = create(dep, 'kubectl-create', DEPLOY);
    const out = update(
      created,
      (o) => (o.status = { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] }),
      'kube-controller-manager',
      {
        subresource: 'status',
        gvk: DEPLOY,
      },
    );
    expect(owners(out)['kube-controller-manager/Update/status']).toEqual({
      'f:status': {
        'f:conditions': {
          '.': {},
          'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} },
        },
        'f:replicas': {},
      },
    });
    expect(out.metadata.managedFields?.find((e) => e.subresource)?.subresource).toBe('status');
  });

  it('keeps at most ten Update managers, folding the oldest into ancient-changes', () => {
    let obj = create(configMap({}), 'creator');
    for (let i = 0; i < 11; i++) {
      obj = update(obj, (o) => ((o.data as Record<string, string>)[`k${i}`] = 'v'), `m${i}`, {
        now: `2026-01-01T00:${String(i + 1).padStart(2, '0')}:00Z`,
      });
    }
    const names = (obj.metadata.managedFields ?? []).map((e) => e.manager);
    expect(names).toHaveLength(10);
    expect(names).toContain('ancient-changes');
    expect(names).not.toContain('creator');
    expect(names).not.toContain('m0');
  });

  it('an object whose lists cannot be typed keeps its live managedFields', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 1 },
    };
    const created = create(dep, 'creator', DEPLOY);
    const out = update(
      created,
      (o) => (o.spec = { template: { spec: { containers: [{ image: 'no-name' }] } } }),
      'editor',
      { gvk: DEPLOY },
    );
    expect(out.metadata.managedFields).toEqual(created.metadata.managedFields);
  });
});

describe('recordUpdate and serverSideApply together', () => {
  it('when a controller changes replicas, it takes them over and a re-apply without replicas keeps its value', () => {
    const dep = (spec: Record<string, unknown>): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec,
    });
    const applied = serverSideApply({
      live: undefined,
      applied: dep({ replicas: 3, paused: false }),
      manager: 'kubectl',
      force: false,
      now: T0,
      gvk: DEPLOY,
    });
    const scaled = update(
      applied,
      (o) => ((o.spec as Record<string, unknown>).replicas = 5),
      'hpa-controller',
      { gvk: DEPLOY },
    );
    expect(owners(scaled)['hpa-controller/Update']).toEqual({ 'f:spec': { 'f:replicas': {} } });
    const reapplied = serverSideApply({
      live: scaled,
      applied: dep({ paused: false }),
      manager: 'kubectl',
      force: false,
      now: T1,
      gvk: DEPLOY,
    });
    expect((reapplied.spec as Record<string, unknown>).replicas).toBe(5);
    expect(owners(reapplied)['kubectl/Apply']).toEqual({ 'f:spec': { 'f:paused': {} } });
  });

  it('a status apply owns status only and is recorded with its subresource', () => {
    const dep: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 1 },
    };
    const created = create(dep, 'kubectl-create', DEPLOY);
    const out = serverSideApply({
      live: created,
      applied: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { replicas: 9 },
        status: { readyReplicas: 1 },
      },
      manager: 'status-faker',
      force: true,
      now: T1,
      subresource: 'status',
      gvk: DEPLOY,
    });
    expect(owners(out)['status-faker/Apply/status']).toEqual({
      'f:status': { 'f:readyReplicas': {} },
    });
  });
});
