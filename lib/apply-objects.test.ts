// applyObjects / deleteObjects / listObjects against the lab API server (real client, real
// discovery): safe order, CRDs established before their objects, namespaces created, errors that
// name the object and keep the API's reason, RBAC refusals.
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '../test/support/lab.js';
import type { TestLab } from '../test/support/lab.js';
import { applyTargetFor, limitedServiceAccount } from '../test/support/managed-access.js';
import {
  ApplyError,
  applyObjects,
  createApplyTarget,
  deleteObjects,
  listObjects,
} from './apply-objects.js';
import type { ApplyTarget } from './apply-objects.js';
import type { KubeObject } from './kube-client.js';
import { KubeHttpClient } from './kube-http.js';

let lab: TestLab;
let target: ApplyTarget;
const manager = { fieldManager: 'sveltos-controller', force: true };

const crd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    ],
  },
};

const cm = (name: string, namespace?: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
  data: { a: '1' },
});

async function get(path: string): Promise<KubeObject | undefined> {
  try {
    return await target.http.request<KubeObject>({ method: 'GET', path });
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['apply', 'rbac'] });
  target = applyTargetFor(lab.kubeconfig('apply'));
});

afterAll(async () => {
  target?.http.close();
  await lab?.stop();
});

describe('applyObjects', () => {
  it('applies namespaces, CRDs (established first), cluster-scoped then namespaced objects', async () => {
    const objects: KubeObject[] = [
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w', namespace: 'shop' },
        spec: { size: 3 },
      },
      cm('settings', 'shop'),
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'widget-reader' },
        rules: [],
      },
      crd,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      cm('elsewhere', 'created-for-me'),
    ];
    const applied = await applyObjects(target, objects, manager);
    expect(applied.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`)).toEqual([
      'Namespace//shop',
      'CustomResourceDefinition//widgets.example.com',
      'ClusterRole//widget-reader',
      'ConfigMap/shop/settings',
      'ConfigMap/created-for-me/elsewhere',
      'Widget/shop/w',
    ]);
    expect(applied.every((r) => r.uid)).toBe(true);
    expect(await get('/apis/example.com/v1/namespaces/shop/widgets/w')).toMatchObject({
      spec: { size: 3 },
    });
    expect(await get('/api/v1/namespaces/created-for-me')).toBeDefined();
  });

  it('is idempotent and puts namespaced objects without a namespace in default', async () => {
    const first = await applyObjects(target, [cm('plain')], manager);
    const second = await applyObjects(target, [cm('plain')], manager);
    expect(first[0]).toMatchObject({ namespace: 'default', name: 'plain' });
    expect(second[0].resourceVersion).toBe(first[0].resourceVersion);
  });

  it('persists nothing on a dry run', async () => {
    await applyObjects(target, [cm('dry', 'default')], { ...manager, dryRun: true });
    expect(await get('/api/v1/namespaces/default/configmaps/dry')).toBeUndefined();
  });

  it('names the object and keeps the reason when the server refuses it', async () => {
    const bad = cm('Bad_Name', 'default');
    const error = await applyObjects(target, [bad], manager).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).message).toMatch(
      /^Failed to apply ConfigMap default\/Bad_Name: .*RFC 1123/,
    );
    expect((error as ApplyError).reason).toMatch(/Invalid|BadRequest/);
  });

  it('names a kind the cluster does not serve', async () => {
    const gadget = {
      apiVersion: 'example.com/v9',
      kind: 'Gadget',
      metadata: { name: 'g', namespace: 'default' },
    };
    await expect(applyObjects(target, [gadget], manager)).rejects.toThrow(
      /^Failed to apply Gadget default\/g: The cluster at .* does not serve kind Gadget in example.com\/v9/,
    );
  });

  it('lists by label and deletes, treating absent objects as deleted', async () => {
    const labels = { 'projectsveltos.io/reason': 'Resources' };
    await applyObjects(target, [cm('l1', 'default', labels), cm('l2', 'shop', labels)], manager);
    const found = await listObjects(
      target,
      { apiVersion: 'v1', kind: 'ConfigMap' },
      'projectsveltos.io/reason=Resources',
    );
    expect(found.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'default/l1',
      'shop/l2',
    ]);
    expect(found[0].kind).toBe('ConfigMap');
    const refs = found.map((o) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: o.metadata.name,
      namespace: o.metadata.namespace,
    }));
    expect(
      await deleteObjects(target, [
        ...refs,
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', namespace: 'default' },
      ]),
    ).toHaveLength(3);
    expect(
      await listObjects(
        target,
        { apiVersion: 'v1', kind: 'ConfigMap' },
        'projectsveltos.io/reason=Resources',
      ),
    ).toEqual([]);
    expect(
      await listObjects(target, { apiVersion: 'nothing.example.com/v1', kind: 'Thing' }, ''),
    ).toEqual([]);
  });
});

describe('applyObjects with a least-privilege ServiceAccount', () => {
  it('fails with the API server’s RBAC reason naming the object', async () => {
    const access = await limitedServiceAccount(lab.cluster('rbac'), lab.kubeconfig('rbac'), {
      namespace: 'team',
      name: 'deployer',
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'patch', 'create'] },
      ],
    });
    const kc = new KubeConfig();
    kc.loadFromString(access.kubeconfig);
    const limited = createApplyTarget(new KubeHttpClient(kc));
    try {
      await applyObjects(limited, [cm('allowed', 'team')], manager);
      const error = (await applyObjects(limited, [cm('denied', 'other')], manager).catch(
        (e: unknown) => e,
      )) as ApplyError;
      expect(error).toBeInstanceOf(ApplyError);
      expect(error.reason).toBe('Forbidden');
      expect(error.message).toContain('Failed to apply ConfigMap other/denied: ');
      expect(error.message).toContain(
        `User "${access.user}" cannot patch resource "configmaps" in API group "" in the namespace "other"`,
      );
    } finally {
      limited.http.close();
    }
  });
});
