// Watch semantics of the lab API server on the wire: replay from a resourceVersion, initial
// events with the watch-list bookmark, 410 Expired in-stream, selector transitions, periodic
// bookmarks, timeoutSeconds and Table events.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { labRequest, openWatch } from '../support/lab-http.js';
import type { Json } from '../support/lab-http.js';
import { waitFor } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let c: LabCluster;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['w'], watchWindow: 50, bookmarkIntervalMs: 200 });
  c = lab.cluster('w');
});
afterAll(async () => lab.stop());

async function freshNamespace(): Promise<string> {
  const ns = `w-${randomBytes(4).toString('hex')}`;
  await labRequest(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
  return ns;
}

const names = (events: Json[]): string[] =>
  events.map((e) => `${e.type} ${e.object.metadata?.name ?? ''}`);

describe('watch', () => {
  it('replays every change after a resourceVersion, in order, then streams new ones', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const list = await labRequest(c, 'GET', path);
    const from = list.json.metadata.resourceVersion;
    await labRequest(c, 'POST', path, { body: { metadata: { name: 'a' } } });
    await labRequest(c, 'PATCH', `${path}/a`, {
      raw: '{"data":{"x":"1"}}',
      contentType: 'application/merge-patch+json',
    });
    const w = await openWatch(c, `${path}?watch=1&resourceVersion=${from}`);
    await labRequest(c, 'DELETE', `${path}/a`);
    await waitFor(() => w.events.length >= 3);
    w.close();
    expect(names(w.events)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);
    const rvs = w.events.map((e) => Number(e.object.metadata.resourceVersion));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    expect(w.events[1].object.data).toEqual({ x: '1' });
  });

  it('sends the current state then the initial-events-end bookmark for watch-list', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    await labRequest(c, 'POST', path, { body: { metadata: { name: 'one' } } });
    await labRequest(c, 'POST', path, { body: { metadata: { name: 'two' } } });
    const w = await openWatch(
      c,
      `${path}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
    );
    await waitFor(() => w.events.length >= 3);
    w.close();
    expect(names(w.events.slice(0, 2))).toEqual(['ADDED one', 'ADDED two']);
    expect(w.events[2]).toMatchObject({
      type: 'BOOKMARK',
      object: {
        kind: 'ConfigMap',
        metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } },
      },
    });
  });

  it('answers a watch from a compacted resourceVersion with one 410 Expired event', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    for (let i = 0; i < 80; i++)
      await labRequest(c, 'POST', path, { body: { metadata: { name: `c${i}` } } });
    const w = await openWatch(c, `${path}?watch=1&resourceVersion=2`);
    await waitFor(() => w.ended());
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(w.events[0].object.message).toMatch(/^too old resource version: 2 \(\d+\)$/);
  });

  it('turns a change that leaves a label selection into DELETED and one that enters into ADDED', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    await labRequest(c, 'POST', path, {
      body: { metadata: { name: 'x', labels: { sel: 'yes' } } },
    });
    const w = await openWatch(c, `${path}?watch=1&labelSelector=sel%3Dyes`);
    await waitFor(() => w.events.length >= 1);
    const patch = (v: string) =>
      labRequest(c, 'PATCH', `${path}/x`, {
        raw: JSON.stringify({ metadata: { labels: { sel: v } } }),
        contentType: 'application/merge-patch+json',
      });
    await patch('no');
    await patch('yes');
    await waitFor(() => w.events.length >= 3);
    w.close();
    expect(names(w.events)).toEqual(['ADDED x', 'DELETED x', 'ADDED x']);
  });

  it('sends periodic bookmarks when allowed and ends after timeoutSeconds', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const w = await openWatch(c, `${path}?watch=1&allowWatchBookmarks=true&timeoutSeconds=1`);
    await waitFor(() => w.ended(), { timeoutMs: 10_000 });
    expect(w.code()).toBe(200);
    expect(w.events.length).toBeGreaterThan(0);
    expect(w.events.every((e) => e.type === 'BOOKMARK')).toBe(true);
  });

  it('streams one-row Tables when the client asks for them', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const w = await openWatch(c, `${path}?watch=1`, accept);
    await labRequest(c, 'POST', path, { body: { metadata: { name: 't1' } } });
    await labRequest(c, 'POST', path, { body: { metadata: { name: 't2' } } });
    await waitFor(() => w.events.length >= 2);
    w.close();
    expect(w.events[0].object.kind).toBe('Table');
    expect(w.events[0].object.columnDefinitions.length).toBeGreaterThan(0);
    // kube omits the column definitions after the first event (null on the wire).
    expect(w.events[1].object.columnDefinitions).toBeNull();
    expect(w.events[1].object.rows[0].object.metadata.name).toBe('t2');
  });

  it('keeps serving after a watcher disconnects mid-stream', async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const w = await openWatch(c, `${path}?watch=1`);
    w.close();
    const r = await labRequest(c, 'POST', path, { body: { metadata: { name: 'after' } } });
    expect(r.code).toBe(201);
  });
});
