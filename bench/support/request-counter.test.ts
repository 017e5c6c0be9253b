// The benchmarks' request counter against a real lab server over HTTPS: probes apart from API
// requests, per cluster and per method, in-process reads never counted, reset clears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLab } from '../../test/support/lab.js';
import type { TestLab } from '../../test/support/lab.js';
import { labRequest } from '../../test/support/lab-http.js';
import { createRequestCounter, sumRequests } from './request-counter.js';

const counter = createRequestCounter();
let lab: TestLab;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['a', 'b'], onCluster: (c) => counter.install(c) });
});

afterAll(async () => {
  await lab?.stop();
});

describe('request counter', () => {
  it('counts each cluster apart, probes apart from API requests, and nothing in-process', async () => {
    const a = lab.cluster('a');
    const b = lab.cluster('b');
    await labRequest(a, 'GET', '/version');
    await labRequest(a, 'GET', '/api/v1/namespaces/default/configmaps');
    await labRequest(a, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
    });
    await labRequest(b, 'GET', '/api/v1/namespaces');
    a.client.list({ group: '', version: 'v1', resource: 'configmaps' }, 'default');

    const snap = counter.snapshot();
    expect(snap.get('a')).toEqual({ api: 2, probes: 1, byMethod: { GET: 1, POST: 1 }, watches: 0 });
    expect(snap.get('b')).toMatchObject({ api: 1, probes: 0 });
    expect(sumRequests(snap, () => true)).toMatchObject({ api: 3, probes: 1 });
    expect(sumRequests(snap, (n) => n === 'b').byMethod).toEqual({ GET: 1 });

    counter.reset();
    expect(counter.snapshot().size).toBe(0);
  });
});
