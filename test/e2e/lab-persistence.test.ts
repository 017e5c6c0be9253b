// State under a data dir survives a restart of the lab server: the same objects with the same
// uids and resourceVersions, CRDs served again, the same admin token, the counter continuing,
// and watches resuming from the restart's resourceVersion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLabServer } from '../../lab/apiserver/server.js';
import { labRequest, openWatch } from '../support/lab-http.js';
import { waitFor } from '../support/kubectl.js';

const dataDir = mkdtempSync(join(tmpdir(), 'lab-persist-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.lab.example.com' },
  spec: {
    group: 'lab.example.com',
    scope: 'Namespaced',
    names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { n: { type: 'integer' } } } },
          },
        },
      },
    ],
  },
};

describe('persistence', () => {
  it('keeps objects, resourceVersions, CRDs and the token across a restart', async () => {
    const first = await startLabServer({ dataDir, logLevel: 'error' });
    const c1 = first.addCluster('keep');
    await labRequest(c1, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: crd,
    });
    const gadget = await labRequest(
      c1,
      'POST',
      '/apis/lab.example.com/v1/namespaces/default/gadgets',
      {
        body: {
          apiVersion: 'lab.example.com/v1',
          kind: 'Gadget',
          metadata: { name: 'g' },
          spec: { n: 1 },
        },
      },
    );
    const cm = await labRequest(c1, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'cm' }, data: { a: '1' } },
    });
    await labRequest(c1, 'DELETE', '/api/v1/namespaces/default/configmaps/cm');
    const kept = await labRequest(c1, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'kept' } },
    });
    const lastRv = Number(
      (await labRequest(c1, 'GET', '/api/v1/namespaces/default/configmaps')).json.metadata
        .resourceVersion,
    );
    const token = c1.adminToken;
    expect(cm.code).toBe(201);
    await first.stop();

    const second = await startLabServer({ dataDir, logLevel: 'error' });
    try {
      expect(second.persistedClusters()).toEqual(['keep']);
      const c2 = second.addCluster('keep');
      expect(c2.adminToken).toBe(token);
      const g = await labRequest(
        c2,
        'GET',
        '/apis/lab.example.com/v1/namespaces/default/gadgets/g',
      );
      expect(g.code).toBe(200);
      expect(g.json.metadata.uid).toBe(gadget.json.metadata.uid);
      expect(g.json.metadata.resourceVersion).toBe(gadget.json.metadata.resourceVersion);
      expect((await labRequest(c2, 'GET', '/api/v1/namespaces/default/configmaps/cm')).code).toBe(
        404,
      );
      const k = await labRequest(c2, 'GET', '/api/v1/namespaces/default/configmaps/kept');
      expect(k.json.metadata.resourceVersion).toBe(kept.json.metadata.resourceVersion);
      const discovery = await labRequest(c2, 'GET', '/apis/lab.example.com/v1');
      expect(discovery.json.resources[0].name).toBe('gadgets');

      const w = await openWatch(
        c2,
        `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${lastRv}`,
      );
      const next = await labRequest(c2, 'POST', '/api/v1/namespaces/default/configmaps', {
        body: { metadata: { name: 'next' } },
      });
      expect(Number(next.json.metadata.resourceVersion)).toBe(lastRv + 1);
      await waitFor(() => w.events.length >= 1);
      w.close();
      expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'next' } } });
      const old = await openWatch(
        c2,
        '/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1',
      );
      await waitFor(() => old.ended());
      expect(old.events[0].object.code).toBe(410);
    } finally {
      await second.stop();
    }
  });

  it('survives a journal whose last line was torn by a crash', async () => {
    const { appendFileSync } = await import('node:fs');
    const server = await startLabServer({ dataDir, logLevel: 'error' });
    const c = server.addCluster('torn');
    await labRequest(c, 'POST', '/api/v1/namespaces/default/configmaps', {
      body: { metadata: { name: 'whole' } },
    });
    await server.stop();
    appendFileSync(
      join(dataDir, 'clusters', 'torn', 'journal.jsonl'),
      '{"rv":99,"op":"put","key":"/configm',
    );
    const again = await startLabServer({ dataDir, logLevel: 'error' });
    try {
      const c2 = again.addCluster('torn');
      expect(
        (await labRequest(c2, 'GET', '/api/v1/namespaces/default/configmaps/whole')).code,
      ).toBe(200);
      const created = await labRequest(c2, 'POST', '/api/v1/namespaces/default/configmaps', {
        body: { metadata: { name: 'after' } },
      });
      expect(created.code).toBe(201);
    } finally {
      await again.stop();
    }
  });
});
