// The lab refuses what a real cluster refuses, seen through real kubectl: a request body over
// 3 MiB (413, on every write verb and on protobuf bodies), a ConfigMap whose data passes 1 MiB
// (422, ValidateConfigMap), and an object whose stored encoding passes etcd's 1.5 MiB request
// limit (kube-apiserver passes etcd's "request is too large" through) — and nothing stored changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl.js';
import { labRequest } from '../support/lab-http.js';
import { startTestLab, type TestLab } from '../support/lab.js';

let lab: TestLab;
let kubeconfig: string;
const MiB = 1024 * 1024;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['limits'] });
  kubeconfig = lab.kubeconfig('limits');
  const crd = await kubectl(['apply', '-f', '-'], { kubeconfig, stdin: JSON.stringify(blobCrd) });
  expect(crd.stderr).toBe('');
  const established = await kubectl(
    ['wait', '--for=condition=Established', 'crd/blobs.lab.example.com', '--timeout=30s'],
    { kubeconfig },
  );
  expect(established.code).toBe(0);
}, 60_000);

afterAll(async () => {
  await lab?.stop();
});

const blobCrd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'blobs.lab.example.com' },
  spec: {
    group: 'lab.example.com',
    scope: 'Namespaced',
    names: { plural: 'blobs', singular: 'blob', kind: 'Blob' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { text: { type: 'string' } } } },
          },
        },
      },
    ],
  },
};

function configMap(name: string, bytes: number): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default' },
    data: { payload: 'x'.repeat(bytes) },
  });
}

function blob(name: string, bytes: number): string {
  return JSON.stringify({
    apiVersion: 'lab.example.com/v1',
    kind: 'Blob',
    metadata: { name, namespace: 'default' },
    spec: { text: 'y'.repeat(bytes) },
  });
}

function file(name: string, text: string): string {
  const path = join(lab.dir, name);
  writeFileSync(path, text);
  return path;
}

async function resourceVersion(kind: string, name: string): Promise<string> {
  const r = await kubectl(['get', kind, name, '-o', 'jsonpath={.metadata.resourceVersion}'], {
    kubeconfig,
  });
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('request bodies over 3 MiB', () => {
  it('kubectl create, replace, patch and server-side apply get 413 with kube-apiserver’s message', async () => {
    const small = await kubectl(['create', '-f', file('small.json', configMap('body', 10))], {
      kubeconfig,
    });
    expect(small.code).toBe(0);
    const before = await resourceVersion('configmap', 'body');
    const huge = file('huge.json', configMap('body', 4 * MiB));
    const tooLarge = 'Request entity too large: limit is 3145728';

    const created = await kubectl(['create', '-f', huge], { kubeconfig });
    expect(created.code).not.toBe(0);
    expect(created.stderr).toContain(`Error from server (RequestEntityTooLarge)`);
    expect(created.stderr).toContain(tooLarge);

    const replaced = await kubectl(['replace', '-f', huge], { kubeconfig });
    expect(replaced.stderr).toContain(tooLarge);

    const patchFile = file('huge-patch.json', JSON.stringify({ data: { p: 'z'.repeat(4 * MiB) } }));
    const patched = await kubectl(
      ['patch', 'configmap', 'body', '--type=merge', `--patch-file=${patchFile}`],
      { kubeconfig },
    );
    expect(patched.stderr).toContain(tooLarge);

    const applied = await kubectl(['apply', '--server-side', '-f', huge], { kubeconfig });
    expect(applied.stderr).toContain(tooLarge);

    expect(await resourceVersion('configmap', 'body')).toBe(before);
  }, 60_000);

  it('a protobuf body over 3 MiB gets the same 413 before it is decoded', async () => {
    const body = Buffer.concat([Buffer.from('k8s\0'), Buffer.alloc(3 * MiB + 1, 1)]);
    const res = await labRequest(
      lab.cluster('limits'),
      'POST',
      '/api/v1/namespaces/default/configmaps',
      {
        raw: body,
        contentType: 'application/vnd.kubernetes.protobuf',
      },
    );
    expect(res.code).toBe(413);
    expect(res.json).toMatchObject({
      kind: 'Status',
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: limit is 3145728',
      code: 413,
    });
  });
});

describe('objects a real cluster cannot store', () => {
  it('a ConfigMap with 2 MiB of data is invalid (data may total 1 MiB)', async () => {
    const r = await kubectl(['create', '-f', file('cm2.json', configMap('two-mib', 2 * MiB))], {
      kubeconfig,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'The ConfigMap "two-mib" is invalid: []: Too long: may not be more than 1048576 bytes',
    );
    const absent = await kubectl(['get', 'configmap', 'two-mib'], { kubeconfig });
    expect(absent.stderr).toContain('configmaps "two-mib" not found');
  });

  it('an object over etcd’s 1.5 MiB is refused as etcd refuses it, and the stored version stays', async () => {
    const ok = await kubectl(['create', '-f', file('blob-ok.json', blob('doc', 1.4 * MiB))], {
      kubeconfig,
    });
    expect(ok.code).toBe(0);
    const before = await resourceVersion('blob', 'doc');

    const created = await kubectl(['create', '-f', file('blob-big.json', blob('big', 2 * MiB))], {
      kubeconfig,
    });
    expect(created.code).not.toBe(0);
    expect(created.stderr).toMatch(
      /^Error from server: error when creating ".*blob-big\.json": etcdserver: request is too large$/m,
    );
    const absent = await kubectl(['get', 'blob', 'big'], { kubeconfig });
    expect(absent.stderr).toContain('blobs.lab.example.com "big" not found');

    const patchFile = file('grow.json', JSON.stringify({ spec: { text: 'w'.repeat(2 * MiB) } }));
    const grown = await kubectl(
      ['patch', 'blob', 'doc', '--type=merge', `--patch-file=${patchFile}`],
      { kubeconfig },
    );
    expect(grown.stderr).toContain('etcdserver: request is too large');
    expect(await resourceVersion('blob', 'doc')).toBe(before);

    const raw = await labRequest(
      lab.cluster('limits'),
      'POST',
      '/apis/lab.example.com/v1/namespaces/default/blobs',
      { raw: blob('raw', 2 * MiB) },
    );
    expect(raw.code).toBe(500);
    expect(raw.json).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      message: 'etcdserver: request is too large',
      code: 500,
    });
    expect(raw.json).not.toHaveProperty('reason');
  }, 60_000);
});
