// Wire-level CRUD semantics of the lab API server, checked against kube-apiserver's codes,
// Status bodies and metadata rules with raw HTTPS requests (no client library in between).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { labRequest } from '../support/lab-http.js';
import type { LabResponse } from '../support/lab-http.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let c: LabCluster;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['crud'] });
  c = lab.cluster('crud');
});
afterAll(async () => lab.stop());

async function freshNamespace(): Promise<string> {
  const ns = `t-${randomBytes(4).toString('hex')}`;
  const r = await labRequest(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
  expect(r.code).toBe(201);
  return ns;
}

type Item = { metadata: { name: string; namespace: string } };
const itemNames = (r: LabResponse): string[] =>
  (r.json.items as Item[]).map((o) => o.metadata.name);
const itemNamespaces = (r: LabResponse): string[] =>
  (r.json.items as Item[]).map((o) => o.metadata.namespace);

const cm = (name: string, data: Record<string, string> = { a: '1' }) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

describe('create, get, update and delete', () => {
  it('fills uid, creationTimestamp and resourceVersion, and kind/apiVersion for typed clients', async () => {
    const ns = await freshNamespace();
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: { metadata: { name: 'x' }, data: { a: '1' } },
    });
    expect(r.code).toBe(201);
    expect(r.json.kind).toBe('ConfigMap');
    expect(r.json.apiVersion).toBe('v1');
    expect(r.json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(r.json.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(r.json.metadata.namespace).toBe(ns);
  });

  it('answers 409 AlreadyExists with kube wording for a second create', async () => {
    const ns = await freshNamespace();
    await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { body: cm('dup') });
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: cm('dup'),
    });
    expect(r.code).toBe(409);
    expect(r.json).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'AlreadyExists',
      message: 'configmaps "dup" already exists',
      details: { name: 'dup', kind: 'configmaps' },
      code: 409,
    });
  });

  it('answers 404 NotFound naming the resource and group', async () => {
    await labRequest(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: widgetCrd(),
    });
    const r = await labRequest(
      c,
      'GET',
      '/apis/lab.example.com/v1/namespaces/default/widgets/nope',
    );
    expect(r.code).toBe(404);
    expect(r.json.message).toBe('widgets.lab.example.com "nope" not found');
    expect(r.json.details).toEqual({ name: 'nope', group: 'lab.example.com', kind: 'widgets' });
  });

  it('answers 409 Conflict to an update carrying a stale resourceVersion', async () => {
    const ns = await freshNamespace();
    const created = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: cm('x'),
    });
    const first = await labRequest(c, 'PUT', `/api/v1/namespaces/${ns}/configmaps/x`, {
      body: { ...created.json, data: { a: '2' } },
    });
    expect(first.code).toBe(200);
    expect(Number(first.json.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.json.metadata.resourceVersion),
    );
    const stale = await labRequest(c, 'PUT', `/api/v1/namespaces/${ns}/configmaps/x`, {
      body: { ...created.json, data: { a: '3' } },
    });
    expect(stale.code).toBe(409);
    expect(stale.json.reason).toBe('Conflict');
    expect(stale.json.message).toBe(
      'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('keeps uid and creationTimestamp on update whatever the body says', async () => {
    const ns = await freshNamespace();
    const created = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: cm('x'),
    });
    const body = {
      ...created.json,
      metadata: {
        ...created.json.metadata,
        uid: undefined,
        creationTimestamp: '2000-01-01T00:00:00Z',
      },
    };
    const r = await labRequest(c, 'PUT', `/api/v1/namespaces/${ns}/configmaps/x`, { body });
    expect(r.json.metadata.uid).toBe(created.json.metadata.uid);
    expect(r.json.metadata.creationTimestamp).toBe(created.json.metadata.creationTimestamp);
  });

  it('does not bump resourceVersion for an update that changes nothing', async () => {
    const ns = await freshNamespace();
    const created = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: cm('x'),
    });
    const r = await labRequest(c, 'PUT', `/api/v1/namespaces/${ns}/configmaps/x`, {
      body: created.json,
    });
    expect(r.code).toBe(200);
    expect(r.json.metadata.resourceVersion).toBe(created.json.metadata.resourceVersion);
  });

  it('names objects from generateName', async () => {
    const ns = await freshNamespace();
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: { metadata: { generateName: 'gen-' }, data: {} },
    });
    expect(r.code).toBe(201);
    expect(r.json.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('refuses an invalid name with 422 and the RFC 1123 message', async () => {
    const ns = await freshNamespace();
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      body: cm('Bad_Name'),
    });
    expect(r.code).toBe(422);
    expect(r.json.reason).toBe('Invalid');
    expect(r.json.message).toContain(
      'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
    );
    expect(r.json.details.causes[0]).toMatchObject({
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
    });
  });

  it('stores nothing under dryRun=All but answers as if it had', async () => {
    const ns = await freshNamespace();
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps?dryRun=All`, {
      body: cm('dry'),
    });
    expect(r.code).toBe(201);
    expect(r.json.metadata.name).toBe('dry');
    expect((await labRequest(c, 'GET', `/api/v1/namespaces/${ns}/configmaps/dry`)).code).toBe(404);
  });

  it('refuses content in a missing namespace with 404 and in a terminating one with 403', async () => {
    const missing = await labRequest(c, 'POST', '/api/v1/namespaces/nowhere/configmaps', {
      body: cm('x'),
    });
    expect(missing.code).toBe(404);
    expect(missing.json.message).toBe('namespaces "nowhere" not found');
    const ns = await freshNamespace();
    const del = await labRequest(c, 'DELETE', `/api/v1/namespaces/${ns}`);
    expect(del.json.status.phase).toBe('Terminating');
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { body: cm('x') });
    expect(r.code).toBe(403);
    expect(r.json.message).toBe(
      `configmaps "x" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );
  });

  it('converts Secret stringData into base64 data', async () => {
    const ns = await freshNamespace();
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/secrets`, {
      body: { metadata: { name: 's' }, stringData: { password: 'hunter2' } },
    });
    expect(r.json.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    expect(r.json.stringData).toBeUndefined();
    expect(r.json.type).toBe('Opaque');
  });

  it('never crashes on malformed bodies or URLs', async () => {
    const ns = await freshNamespace();
    const bad = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      raw: '{"metadata": ',
    });
    expect(bad.code).toBe(400);
    expect(bad.json.kind).toBe('Status');
    const notObject = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      raw: '[1,2]',
    });
    expect(notObject.code).toBe(400);
    const url = await labRequest(c, 'GET', `/api/v1/namespaces/%E0%A4%A/configmaps`);
    expect(url.code).toBe(400);
    const media = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, {
      raw: 'x',
      contentType: 'text/csv',
    });
    expect(media.code).toBe(415);
    expect((await labRequest(c, 'GET', '/api/v1/namespaces')).code).toBe(200);
  });

  it('answers 413 to a body over 3 MiB', async () => {
    const ns = await freshNamespace();
    const big = JSON.stringify(cm('big', { a: 'x'.repeat(3 * 1024 * 1024 + 10) }));
    const r = await labRequest(c, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { raw: big });
    expect(r.code).toBe(413);
    expect(r.json.reason).toBe('RequestEntityTooLarge');
  });

  it('answers 401 without a valid token, but serves /version and /healthz anonymously', async () => {
    expect((await labRequest(c, 'GET', '/api/v1/namespaces', { token: null })).code).toBe(401);
    const bad = await labRequest(c, 'GET', '/api/v1/namespaces', { token: 'nope' });
    expect(bad.code).toBe(401);
    expect(bad.json).toMatchObject({ reason: 'Unauthorized', message: 'Unauthorized' });
    expect((await labRequest(c, 'GET', '/version', { token: null })).json.gitVersion).toBe(
      'v1.32.5',
    );
    expect((await labRequest(c, 'GET', '/healthz', { token: null })).text).toBe('ok');
  });
});

describe('generation, status and finalizers', () => {
  it('bumps generation on spec changes only and keeps status out of main writes', async () => {
    const ns = await freshNamespace();
    const path = `/apis/lab.example.com/v1/namespaces/${ns}/widgets`;
    const created = await labRequest(c, 'POST', path, {
      body: {
        apiVersion: 'lab.example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { size: 1 },
        status: { ready: true },
      },
    });
    expect(created.code).toBe(201);
    expect(created.json.metadata.generation).toBe(1);
    expect(created.json.status).toBeUndefined();
    const labelled = await labRequest(c, 'PATCH', `${path}/w`, {
      raw: JSON.stringify({ metadata: { labels: { a: 'b' } } }),
      contentType: 'application/merge-patch+json',
    });
    expect(labelled.json.metadata.generation).toBe(1);
    const status = await labRequest(c, 'PUT', `${path}/w/status`, {
      body: { ...labelled.json, spec: { size: 99 }, status: { ready: true } },
    });
    expect(status.json.status).toEqual({ ready: true });
    expect(status.json.spec).toEqual({ size: 1 });
    expect(status.json.metadata.generation).toBe(1);
    const spec = await labRequest(c, 'PUT', `${path}/w`, {
      body: { ...status.json, spec: { size: 2 }, status: { ready: false } },
    });
    expect(spec.json.metadata.generation).toBe(2);
    expect(spec.json.status).toEqual({ ready: true });
  });

  it('marks an object with finalizers for deletion and removes it when the last one goes', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    await labRequest(c, 'POST', path, {
      body: { ...cm('f'), metadata: { name: 'f', finalizers: ['example.com/hold'] } },
    });
    const del = await labRequest(c, 'DELETE', `${path}/f`);
    expect(del.code).toBe(202);
    expect(del.json.metadata.deletionTimestamp).toBeDefined();
    expect(del.json.metadata.deletionGracePeriodSeconds).toBe(0);
    const add = await labRequest(c, 'PATCH', `${path}/f`, {
      raw: JSON.stringify({ metadata: { finalizers: ['example.com/hold', 'example.com/more'] } }),
      contentType: 'application/merge-patch+json',
    });
    expect(add.code).toBe(403);
    const release = await labRequest(c, 'PATCH', `${path}/f`, {
      raw: JSON.stringify([{ op: 'remove', path: '/metadata/finalizers' }]),
      contentType: 'application/json-patch+json',
    });
    expect(release.code).toBe(200);
    expect((await labRequest(c, 'GET', `${path}/f`)).code).toBe(404);
  });

  it('adds foregroundDeletion or orphan finalizers for those propagation policies', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    await labRequest(c, 'POST', path, { body: cm('fg') });
    await labRequest(c, 'POST', path, { body: cm('or') });
    const fg = await labRequest(c, 'DELETE', `${path}/fg`, {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' },
    });
    expect(fg.json.metadata.finalizers).toEqual(['foregroundDeletion']);
    const or = await labRequest(c, 'DELETE', `${path}/or?propagationPolicy=Orphan`);
    expect(or.json.metadata.finalizers).toEqual(['orphan']);
  });

  it('honours delete preconditions with kube wording', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    await labRequest(c, 'POST', path, { body: cm('p') });
    const r = await labRequest(c, 'DELETE', `${path}/p`, {
      body: { preconditions: { uid: 'other' } },
    });
    expect(r.code).toBe(409);
    expect(r.json.message).toMatch(
      /^Operation cannot be fulfilled on configmaps "p": Precondition failed: UID in precondition: other, UID in object meta: /,
    );
  });

  it('deletes a collection by label selector', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'web'],
      ['c', 'db'],
    ]) {
      await labRequest(c, 'POST', path, {
        body: { ...cm(name), metadata: { name, labels: { tier } } },
      });
    }
    const r = await labRequest(c, 'DELETE', `${path}?labelSelector=tier%3Dweb`);
    expect(r.code).toBe(200);
    const left = await labRequest(c, 'GET', path);
    expect(itemNames(left)).toEqual(['c']);
  });
});

describe('lists', () => {
  it('filters by label and field selectors and pages with limit/continue', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    for (let i = 0; i < 7; i++) {
      await labRequest(c, 'POST', path, {
        body: { ...cm(`cm-${i}`), metadata: { name: `cm-${i}`, labels: { n: String(i % 2) } } },
      });
    }
    const odd = await labRequest(
      c,
      'GET',
      `${path}?labelSelector=${encodeURIComponent('n in (1)')}`,
    );
    expect(odd.json.items).toHaveLength(3);
    const notOdd = await labRequest(
      c,
      'GET',
      `${path}?labelSelector=${encodeURIComponent('n!=1,!missing')}`,
    );
    expect(notOdd.json.items).toHaveLength(4);
    const byName = await labRequest(c, 'GET', `${path}?fieldSelector=metadata.name%3Dcm-3`);
    expect(itemNames(byName)).toEqual(['cm-3']);
    const page1 = await labRequest(c, 'GET', `${path}?limit=3`);
    expect(page1.json.kind).toBe('ConfigMapList');
    expect(page1.json.items).toHaveLength(3);
    expect(page1.json.metadata.remainingItemCount).toBe(4);
    const page2 = await labRequest(
      c,
      'GET',
      `${path}?limit=3&continue=${page1.json.metadata.continue}`,
    );
    const page3 = await labRequest(
      c,
      'GET',
      `${path}?limit=3&continue=${page2.json.metadata.continue}`,
    );
    expect(page3.json.metadata.continue).toBeUndefined();
    const names = [page1, page2, page3].flatMap(itemNames);
    expect(names).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5', 'cm-6']);
    expect(page2.json.metadata.resourceVersion).toBe(page1.json.metadata.resourceVersion);
  });

  it('lists across all namespaces and refuses a malformed selector with 400', async () => {
    const a = await freshNamespace();
    const b = await freshNamespace();
    await labRequest(c, 'POST', `/api/v1/namespaces/${a}/configmaps`, {
      body: { ...cm('x'), metadata: { name: 'x', labels: { mark: a } } },
    });
    await labRequest(c, 'POST', `/api/v1/namespaces/${b}/configmaps`, {
      body: { ...cm('x'), metadata: { name: 'x', labels: { mark: a } } },
    });
    const all = await labRequest(c, 'GET', `/api/v1/configmaps?labelSelector=mark%3D${a}`);
    expect(itemNamespaces(all).sort()).toEqual([a, b].sort());
    const bad = await labRequest(c, 'GET', '/api/v1/configmaps?labelSelector=a%20in%20(');
    expect(bad.code).toBe(400);
  });
});

function widgetCrd() {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.lab.example.com' },
    spec: {
      group: 'lab.example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', properties: { size: { type: 'integer' } } },
                status: { type: 'object', properties: { ready: { type: 'boolean' } } },
              },
            },
          },
        },
      ],
    },
  };
}
