// The resilient informer against the lab API server with real client-node watches: initial
// list, add/update/delete with the previous object, and recovery after watches are cut.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFaults } from '../lab/faults/index.js';
import { startTestLab } from '../test/support/lab.js';
import type { TestLab } from '../test/support/lab.js';
import { Informer } from './informer.js';
import type { ObjectList } from './informer.js';
import { KubeHttpClient } from './kube-http.js';
import { CONFIG_MAPS, collectionPath, objectPath } from './resource-paths.js';

interface ConfigMap {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  data?: Record<string, string>;
}

let lab: TestLab;
let kc: KubeConfig;
let http: KubeHttpClient;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['inf'] });
  kc = new KubeConfig();
  kc.loadFromString(readFileSync(lab.kubeconfig('inf'), 'utf8'));
  http = new KubeHttpClient(kc);
});

afterAll(async () => {
  http.close();
  await lab.stop();
});

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function configMapInformer(namespace: string): Informer<ConfigMap> {
  const path = collectionPath(CONFIG_MAPS, namespace);
  return new Informer<ConfigMap>({
    kubeConfig: kc,
    path,
    list: async () => {
      const list = await http.request<ObjectList<ConfigMap>>({ method: 'GET', path });
      return {
        ...list,
        items: list.items.map((i) => ({ ...i, apiVersion: 'v1', kind: 'ConfigMap' })),
      };
    },
    baseBackoffMs: 20,
    maxBackoffMs: 100,
  });
}

async function createNamespace(name: string): Promise<void> {
  await http.request({
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  });
}

function putConfigMap(ns: string, name: string, data: Record<string, string>): Promise<unknown> {
  const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data };
  return http.request({
    method: 'PATCH',
    path: objectPath(CONFIG_MAPS, name, ns),
    query: { fieldManager: 'test', force: 'true' },
    contentType: 'application/apply-patch+yaml',
    body,
  });
}

describe('Informer', () => {
  it('lists what exists, then reports adds, updates with the previous object, and deletes', async () => {
    const ns = `inf-${Math.random().toString(36).slice(2, 8)}`;
    await createNamespace(ns);
    await putConfigMap(ns, 'before', { a: '1' });
    const informer = configMapInformer(ns);
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata.name}`));
    informer.on('update', (o, old) => seen.push(`update ${o.metadata.name} ${old?.data?.a}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata.name}`));
    await informer.start();
    await informer.waitForSync();
    expect(informer.get('before', ns)?.data).toEqual({ a: '1' });
    await putConfigMap(ns, 'before', { a: '2' });
    await putConfigMap(ns, 'after', { a: '3' });
    await http.request({ method: 'DELETE', path: objectPath(CONFIG_MAPS, 'after', ns) });
    await waitFor(() => seen.length >= 4, 'four events');
    expect(seen).toEqual(['add before', 'update before 1', 'add after', 'delete after']);
    expect(informer.list(ns).map((o) => o.metadata.name)).toEqual(['before']);
    await informer.stop();
  });

  it('keeps its cache current when every watch is cut after one event', async () => {
    const ns = `inf-${Math.random().toString(36).slice(2, 8)}`;
    await createNamespace(ns);
    const faults = installFaults(lab.cluster('inf'));
    faults.set({ watchEventLimit: 1 });
    const informer = configMapInformer(ns);
    await informer.start();
    try {
      for (let i = 0; i < 5; i++) await putConfigMap(ns, `cm${i}`, { i: String(i) });
      await waitFor(() => informer.list(ns).length === 5, 'five ConfigMaps in the cache');
      await putConfigMap(ns, 'cm0', { i: 'changed' });
      await waitFor(() => informer.get('cm0', ns)?.data?.i === 'changed', 'the update');
    } finally {
      faults.set({ watchEventLimit: 0 });
      await informer.stop();
    }
  });
});

describe('KubeHttpClient', () => {
  it('reads /version and maps a missing object to NotFound', async () => {
    const version = await http.request<{ gitVersion: string }>({ method: 'GET', path: '/version' });
    expect(version.gitVersion).toMatch(/^v1\./);
    await expect(
      http.request({ method: 'GET', path: objectPath(CONFIG_MAPS, 'nope', 'default') }),
    ).rejects.toMatchObject({ reason: 'NotFound', code: 404 });
  });

  it('names the server when nothing listens there', async () => {
    const closed = new KubeConfig();
    closed.loadFromClusterAndUser(
      { name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: true },
      { name: 'u', token: 't' },
    );
    const client = new KubeHttpClient(closed, { target: 'cluster x/y', timeoutMs: 2000 });
    await expect(client.request({ method: 'GET', path: '/version' })).rejects.toThrow(
      'Unable to connect to cluster x/y at https://127.0.0.1:1: connection refused',
    );
  });
});
