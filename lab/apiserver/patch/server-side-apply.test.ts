import { describe, expect, it } from 'vitest';
import { recordUpdate } from './managed-fields.js';
import { ApplyConflictError, serverSideApply } from './server-side-apply.js';
import { StatusError } from '../status-errors.js';
import type { GroupVersionKind, KubeObject, ListTypeLookup } from '../types.js';

const CM: GroupVersionKind = { group: '', version: 'v1', kind: 'ConfigMap' };
const DEPLOY: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };
const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';
const T2 = '2026-01-01T00:02:00Z';

function configMap(data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'test-cm', namespace: 'default', ...(labels ? { labels } : {}) },
    data,
  };
}

function apply(
  live: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  opts: { force?: boolean; now?: string; gvk?: GroupVersionKind; listTypes?: ListTypeLookup } = {},
): KubeObject {
  return serverSideApply({
    live,
    applied,
    manager,
    force: opts.force ?? false,
    now: opts.now ?? T1,
    gvk: opts.gvk ?? CM,
    ...(opts.listTypes ? { listTypes: opts.listTypes } : {}),
  });
}

/** managedFields as { manager/operation: fieldsV1 } for compact assertions. */
function owners(obj: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of obj.metadata.managedFields ?? []) out[`${e.manager}/${e.operation}`] = e.fieldsV1;
  return out;
}

function conflictOf(fn: () => unknown): ApplyConflictError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApplyConflictError) return e;
    throw e;
  }
  throw new Error('expected an ApplyConflictError');
}

describe('serverSideApply — the Kubernetes docs examples', () => {
  it('creating by apply records one Apply entry with the fields of the configuration', () => {
    const out = apply(
      undefined,
      configMap({ key: 'some value' }, { 'test-label': 'test' }),
      'kubectl',
    );
    expect(out.data).toEqual({ key: 'some value' });
    expect(out.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:data': { 'f:key': {} },
          'f:metadata': { 'f:labels': { 'f:test-label': {} } },
        },
      },
    ]);
  });

  it('two appliers of different fields each own their own and both values are kept', () => {
    const a = apply(undefined, configMap({ a: '1' }), 'manager-a');
    const b = apply(a, configMap({ b: '2' }), 'manager-b', { now: T2 });
    expect(b.data).toEqual({ a: '1', b: '2' });
    expect(owners(b)).toEqual({
      'manager-a/Apply': { 'f:data': { 'f:a': {} } },
      'manager-b/Apply': { 'f:data': { 'f:b': {} } },
    });
  });

  it('a field the manager stops applying is removed when no one else owns it', () => {
    const a = apply(undefined, configMap({ a: '1', gone: 'x' }), 'manager-a');
    const b = apply(a, configMap({ b: '2' }), 'manager-b');
    const again = apply(b, configMap({ a: '1' }), 'manager-a', { now: T2 });
    expect(again.data).toEqual({ a: '1', b: '2' });
    expect(owners(again)['manager-a/Apply']).toEqual({ 'f:data': { 'f:a': {} } });
  });

  it('a field the manager stops applying stays when another manager also applies it', () => {
    const a = apply(undefined, configMap({ shared: 'v' }), 'manager-a');
    const b = apply(a, configMap({ shared: 'v' }), 'manager-b');
    const { data: _omitted, ...withoutData } = configMap({});
    const again = apply(b, withoutData, 'manager-a', { now: T2 });
    expect(again.data).toEqual({ shared: 'v' });
    // manager-a owns nothing but never-tracked metadata now, so its entry disappears.
    expect(owners(again)).toEqual({ 'manager-b/Apply': { 'f:data': { 'f:shared': {} } } });
  });

  it('changing a field another applier owns is a conflict with kube’s exact 409 body', () => {
    const a = apply(undefined, configMap({ key: 'one' }), 'manager-a');
    const err = conflictOf(() => apply(a, configMap({ key: 'two' }), 'manager-b'));
    expect(err.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "manager-a": .data.key',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "manager-a"',
            field: '.data.key',
          },
        ],
      },
      code: 409,
    });
  });

  it('forcing a conflicting apply moves ownership to the applier', () => {
    const a = apply(undefined, configMap({ key: 'one', mine: 'x' }), 'manager-a');
    const b = apply(a, configMap({ key: 'two' }), 'manager-b', { force: true });
    expect(b.data).toEqual({ key: 'two', mine: 'x' });
    expect(owners(b)).toEqual({
      'manager-a/Apply': { 'f:data': { 'f:mine': {} } },
      'manager-b/Apply': { 'f:data': { 'f:key': {} } },
    });
  });

  it('several conflicts are listed per manager, kube’s wording', () => {
    const a = apply(undefined, configMap({ a: '1', b: '1' }), 'x');
    const err = conflictOf(() => apply(a, configMap({ a: '2', b: '2' }), 'y'));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "x":\n- .data.a\n- .data.b',
    );
    expect(err.details?.causes?.map((c) => c.field)).toEqual(['.data.a', '.data.b']);
  });

  it('a field an Update manager set to the same value is shared, not a conflict', () => {
    const created = recordUpdate({
      live: undefined,
      updated: configMap({ key: 'v' }),
      manager: 'kubectl-client-side-apply',
      now: T0,
      gvk: CM,
    });
    const applied = apply(
      { ...created, metadata: { ...created.metadata, uid: 'u1' } },
      configMap({ key: 'v' }),
      'helm',
    );
    expect(owners(applied)).toEqual({
      'helm/Apply': { 'f:data': { 'f:key': {} } },
      'kubectl-client-side-apply/Update': { 'f:data': { '.': {}, 'f:key': {} } },
    });
  });

  it('helm after kubectl client-side apply conflicts on a changed value, naming the Update manager', () => {
    const created = recordUpdate({
      live: undefined,
      updated: configMap({ key: 'v' }),
      manager: 'kubectl-client-side-apply',
      now: T0,
      gvk: CM,
    });
    const err = conflictOf(() => apply(created, configMap({ key: 'changed' }), 'helm'));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.key',
    );
    expect(err.details?.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-client-side-apply" using v1',
        field: '.data.key',
      },
    ]);
  });

  it('kubectl server-side apply upgrades from client-side apply without conflicts on last-applied fields', () => {
    const last =
      '{"apiVersion":"v1","data":{"key":"v"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"test-cm","namespace":"default"}}\n';
    const cm = configMap({ key: 'v' });
    cm.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': last };
    const created = recordUpdate({
      live: undefined,
      updated: cm,
      manager: 'kubectl-client-side-apply',
      now: T0,
      gvk: CM,
    });
    const out = apply(created, configMap({ key: 'new' }), 'kubectl');
    expect(out.data).toEqual({ key: 'new' });
    expect(out.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"key":"new"},"kind":"ConfigMap","metadata":{"name":"test-cm","namespace":"default"}}\n',
    );
    expect(owners(out)['kubectl/Apply']).toEqual({ 'f:data': { 'f:key': {} } });
  });

  it('an object that predates field tracking is attributed to before-first-apply', () => {
    const legacy = {
      ...configMap({ key: 'old' }),
      metadata: { name: 'test-cm', namespace: 'default', uid: 'u' },
    };
    const err = conflictOf(() => apply(legacy, configMap({ key: 'new' }), 'helm'));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.key',
    );
  });

  it('re-applying the same configuration changes nothing, not even the timestamps', () => {
    const first = apply(undefined, configMap({ key: 'v' }), 'kubectl', { now: T1 });
    const second = apply(first, configMap({ key: 'v' }), 'kubectl', { now: T2 });
    expect(second).toEqual(first);
  });
});

describe('serverSideApply — purity', () => {
  it('never modifies the live object or the configuration it is given', () => {
    const applied = configMap({ key: 'v' }, { app: 'x' });
    const first = apply(undefined, applied, 'a');
    expect(applied).toEqual(configMap({ key: 'v' }, { app: 'x' }));
    const snapshot = structuredClone(first);
    apply(first, configMap({ key: 'w' }), 'a', { now: T2 });
    expect(first).toEqual(snapshot);
  });
});

describe('serverSideApply — associative lists', () => {
  function deployment(
    containers: Record<string, unknown>[],
    extra: Record<string, unknown> = {},
  ): KubeObject {
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { ...extra, template: { spec: { containers } } },
    };
  }
  const containersOf = (d: KubeObject): Record<string, unknown>[] =>
    (d.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
      .containers;

  it('containers from two appliers merge by name; each keeps its own', () => {
    const a = apply(undefined, deployment([{ name: 'nginx', image: 'nginx:1' }]), 'a', {
      gvk: DEPLOY,
    });
    const b = apply(a, deployment([{ name: 'sidecar', image: 'envoy' }]), 'b', { gvk: DEPLOY });
    expect(containersOf(b).map((c) => c.name)).toEqual(['nginx', 'sidecar']);
    expect(owners(b)['b/Apply']).toEqual({
      'f:spec': {
        'f:template': {
          'f:spec': {
            'f:containers': { 'k:{"name":"sidecar"}': { '.': {}, 'f:image': {}, 'f:name': {} } },
          },
        },
      },
    });
  });

  it('when an applier drops its container, only that container goes', () => {
    const a = apply(
      undefined,
      deployment([
        { name: 'nginx', image: 'nginx:1' },
        { name: 'log', image: 'fluent' },
      ]),
      'a',
      { gvk: DEPLOY },
    );
    const b = apply(a, deployment([{ name: 'sidecar', image: 'envoy' }]), 'b', { gvk: DEPLOY });
    const again = apply(b, deployment([{ name: 'nginx', image: 'nginx:2' }]), 'a', {
      gvk: DEPLOY,
      now: T2,
    });
    expect(containersOf(again)).toEqual([
      { name: 'nginx', image: 'nginx:2' },
      { name: 'sidecar', image: 'envoy' },
    ]);
  });

  it('a conflict inside a container names the keyed path', () => {
    const a = apply(undefined, deployment([{ name: 'nginx', image: 'nginx:1' }]), 'a', {
      gvk: DEPLOY,
    });
    const err = conflictOf(() =>
      apply(a, deployment([{ name: 'nginx', image: 'nginx:2' }]), 'b', { gvk: DEPLOY }),
    );
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "a": .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('ports are keyed by containerPort and protocol, with protocol defaulting to TCP', () => {
    const d = apply(
      undefined,
      deployment([{ name: 'c', image: 'i', ports: [{ containerPort: 80 }] }]),
      'a',
      { gvk: DEPLOY },
    );
    const fields = owners(d)['a/Apply'] as Record<
      string,
      Record<string, Record<string, Record<string, Record<string, unknown>>>>
    >;
    const c = fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"c"}'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(c['f:ports'])).toEqual(['k:{"containerPort":80,"protocol":"TCP"}']);
  });

  it('an atomic selector and an atomic args list are owned and replaced whole', () => {
    const a = apply(
      undefined,
      deployment([{ name: 'c', args: ['x', 'y'] }], { selector: { matchLabels: { app: 'web' } } }),
      'a',
      { gvk: DEPLOY },
    );
    const spec = owners(a)['a/Apply'] as { 'f:spec': Record<string, unknown> };
    expect(spec['f:spec']['f:selector']).toEqual({});
    const again = apply(a, deployment([{ name: 'c', args: ['z'] }]), 'a', { gvk: DEPLOY });
    expect(containersOf(again)[0].args).toEqual(['z']);
    expect((again.spec as Record<string, unknown>).selector).toBeUndefined();
  });

  it('duplicate keys in the configuration are refused like kube refuses them', () => {
    const bad = deployment([
      { name: 'c', image: '1' },
      { name: 'c', image: '2' },
    ]);
    let err: unknown;
    try {
      apply(undefined, bad, 'a', { gvk: DEPLOY });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(500);
    expect((err as StatusError).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="c"]',
    );
  });

  it('CRD lists merge by the x-kubernetes-list-map-keys the server looks up, others are atomic', () => {
    const gvk = { group: 'config.projectsveltos.io', version: 'v1beta1', kind: 'ClusterProfile' };
    const listTypes: ListTypeLookup = (path) =>
      path.join('.') === 'spec.helmCharts' ? { type: 'map', mapKeys: ['releaseName'] } : undefined;
    const profile = (charts: Record<string, unknown>[], tags: string[]): KubeObject => ({
      apiVersion: 'config.projectsveltos.io/v1beta1',
      kind: 'ClusterProfile',
      metadata: { name: 'p' },
      spec: { helmCharts: charts, tags },
    });
    const a = apply(
      undefined,
      profile([{ releaseName: 'kyverno', chartVersion: '1' }], ['x']),
      'a',
      { gvk, listTypes },
    );
    const b = apply(a, profile([{ releaseName: 'cilium', chartVersion: '2' }], ['y']), 'b', {
      gvk,
      listTypes,
      force: true,
    });
    const spec = b.spec as { helmCharts: { releaseName: string }[]; tags: string[] };
    expect(spec.helmCharts.map((c) => c.releaseName)).toEqual(['kyverno', 'cilium']);
    expect(spec.tags).toEqual(['y']);
    expect(owners(b)['a/Apply']).toEqual({
      'f:spec': {
        'f:helmCharts': {
          'k:{"releaseName":"kyverno"}': { '.': {}, 'f:chartVersion': {}, 'f:releaseName': {} },
        },
      },
    });
  });
});

describe('serverSideApply — custom resources', () => {
  const gvk = { group: 'lib.projectsveltos.io', version: 'v1beta1', kind: 'SveltosCluster' };
  const cluster = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'SveltosCluster',
    metadata: { name: 'c1', namespace: 'mgmt' },
    spec,
  });

  it('a field dropped from the configuration is removed while the rest of spec stays', () => {
    const first = apply(undefined, cluster({ paused: false, kubeconfigName: 'k' }), 'a', { gvk });
    expect(owners(first)['a/Apply']).toEqual({
      'f:spec': { 'f:kubeconfigName': {}, 'f:paused': {} },
    });
    const second = apply(first, cluster({ kubeconfigName: 'k' }), 'a', { gvk, now: T2 });
    expect(second.spec).toEqual({ kubeconfigName: 'k' });
  });

  it('a create through an Update marks spec itself as owned, as kube does for custom resources', () => {
    const out = recordUpdate({
      live: undefined,
      updated: cluster({ paused: true }),
      manager: 'kubectl-create',
      now: T0,
      gvk,
    });
    expect(owners(out)['kubectl-create/Update']).toEqual({ 'f:spec': { '.': {}, 'f:paused': {} } });
  });
});

describe('serverSideApply — requests kube refuses', () => {
  it.each([
    [
      'managedFields in the configuration',
      { ...configMap({}), metadata: { name: 'x', managedFields: [] } },
      'metadata.managedFields must be nil',
    ],
    [
      'another apiVersion than the endpoint’s',
      { ...configMap({}), apiVersion: 'v2' },
      'Incorrect version specified in apply patch. Specified patch version: v2, expected: v1',
    ],
  ])('%s', (_name, applied, message) => {
    let err: unknown;
    try {
      apply(undefined, applied, 'a');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(400);
    expect((err as StatusError).message).toBe(message);
  });
});
