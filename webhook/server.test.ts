import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectLike } from '../api/validation/index.js';
import { K8S_VERSION_LABEL } from '../api/labels.js';
import { silentLogger } from '../lib/logger.js';
import type { Obj } from '../test/fixtures/profiles/builders.js';
import { aClusterProfile, aProfile, aSveltosCluster } from '../test/fixtures/profiles/builders.js';
import type { AdmissionClient } from './admission-client.js';
import { buildAdmissionReview, createAdmissionClient } from './admission-client.js';
import type { WebhookServer } from './server.js';
import { startWebhookServer } from './server.js';
import { WEBHOOK_PATHS } from './webhook-names.js';

let dir: string;
let server: WebhookServer;
let client: AdmissionClient;
let stored: ObjectLike[] = [];
let lookupFails = false;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'webhook-server-'));
  server = await startWebhookServer({
    port: 0,
    certDir: join(dir, 'certs'),
    extraHosts: ['127.0.0.1', 'localhost'],
    serviceName: 'sveltos-webhook',
    serviceNamespace: 'projectsveltos',
    logger: silentLogger,
    profileLookup: () =>
      lookupFails
        ? Promise.reject(new Error('unreachable'))
        : Promise.resolve({ profiles: stored }),
  });
  client = createAdmissionClient({ url: server.url, caBundle: server.caBundle });
});

afterAll(async () => {
  client.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function review(
  path: string,
  input: Parameters<typeof buildAdmissionReview>[0],
): Promise<Obj> {
  const body = buildAdmissionReview(input);
  const res = await client.post(path, body);
  expect(res.status).toBe(200);
  const parsed = JSON.parse(res.body) as Obj;
  expect(parsed).toMatchObject({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' });
  expect(parsed.response.uid).toBe((body.request as { uid: string }).uid);
  return parsed.response as Obj;
}

describe('webhook server endpoints', () => {
  it('answers /healthz and /readyz, and 404 for anything else', async () => {
    expect((await client.get('/healthz')).body).toBe('ok');
    expect((await client.get('/readyz')).status).toBe(200);
    const missing = await client.get('/nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ kind: 'Status', code: 404 });
  });

  it('serves a certificate for the Service DNS name, signed by the returned CA', async () => {
    const viaService = createAdmissionClient({
      url: server.url,
      caBundle: server.caBundle,
      servername: 'sveltos-webhook.projectsveltos.svc',
    });
    expect((await viaService.get('/healthz')).status).toBe(200);
    viaService.close();
    const wrongName = createAdmissionClient({
      url: server.url,
      caBundle: server.caBundle,
      servername: 'other.svc',
    });
    await expect(wrongName.get('/healthz')).rejects.toThrow(/altnames|Hostname/i);
    wrongName.close();
    expect(statSync(join(dir, 'certs', 'tls.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'certs', 'ca.key')).mode & 0o777).toBe(0o600);
  });
});

describe('profile admission', () => {
  it('allows a valid ClusterProfile and echoes the uid', async () => {
    const response = await review(WEBHOOK_PATHS.validateClusterProfile, {
      object: aClusterProfile('kyverno').withHelmChart().build(),
    });
    expect(response).toEqual({ uid: expect.any(String), allowed: true });
  });

  it('denies an invalid ClusterProfile listing every problem with its field path', async () => {
    const obj = aClusterProfile('bad')
      .withHelmChart({ chartVersion: 'v3.x' })
      .withSpec({ tier: 0 })
      .build();
    const response = await review(WEBHOOK_PATHS.validateClusterProfile, { object: obj });
    expect(response.allowed).toBe(false);
    expect(response.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(response.status.message).toBe(
      'spec.tier: 0: must be between 1 and 2147483647; spec.helmCharts[0].chartVersion: "v3.x": not a valid semantic version or version range',
    );
    const causes = response.status.details.causes as { field: string }[];
    expect(causes.map((c) => c.field)).toEqual(['spec.tier', 'spec.helmCharts[0].chartVersion']);
  });

  it('denies a Profile reaching outside its namespace, using the request namespace', async () => {
    const obj = aProfile('team-a', 'p')
      .withSpec({ policyRefs: [{ kind: 'ConfigMap', name: 'x', namespace: 'default' }] })
      .build();
    delete (obj.metadata as { namespace?: string }).namespace;
    const body = buildAdmissionReview({ object: obj });
    (body.request as Record<string, unknown>).namespace = 'team-a';
    const parsed = JSON.parse((await client.post(WEBHOOK_PATHS.validateProfile, body)).body);
    expect(parsed.response.status.message).toContain(
      'a Profile may only reference its own namespace "team-a"',
    );
  });

  it('refuses a dependency cycle with stored profiles, and warns about shared releases', async () => {
    stored = [aClusterProfile('b').dependingOn('a').withHelmChart().build()];
    const cyc = await review(WEBHOOK_PATHS.validateClusterProfile, {
      object: aClusterProfile('a').dependingOn('b').build(),
    });
    expect(cyc.status.message).toBe(
      'spec.dependsOn[0]: "b": would close a dependency cycle: a -> b -> a',
    );
    const shared = await review(WEBHOOK_PATHS.validateClusterProfile, {
      object: aClusterProfile('c').withHelmChart().build(),
    });
    expect(shared.allowed).toBe(true);
    expect(shared.warnings).toEqual([
      expect.stringContaining(
        'ClusterProfile "b" also installs Helm release kyverno/kyverno-latest',
      ),
    ]);
    stored = [];
  });

  it('admits with a warning when stored profiles cannot be read', async () => {
    lookupFails = true;
    const response = await review(WEBHOOK_PATHS.validateClusterProfile, {
      object: aClusterProfile('a').dependingOn('b').build(),
    });
    lookupFails = false;
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual([
      expect.stringContaining('dependency cycles and release overlaps were not checked'),
    ]);
  });

  it('lets an update that leaves the spec alone through, and allows deletes', async () => {
    const old = aClusterProfile('p').withSpec({ syncMode: 'Legacy' }).build();
    const relabeled = { ...old, metadata: { ...old.metadata, labels: { a: 'b' } } };
    expect(
      (
        await review(WEBHOOK_PATHS.validateClusterProfile, {
          object: relabeled,
          oldObject: old,
          operation: 'UPDATE',
        })
      ).allowed,
    ).toBe(true);
    expect(
      (await review(WEBHOOK_PATHS.validateClusterProfile, { oldObject: old, operation: 'DELETE' }))
        .allowed,
    ).toBe(true);
  });

  it('answers a request for another kind with an errored 400 response', async () => {
    const response = await review(WEBHOOK_PATHS.validateClusterProfile, {
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
    });
    expect(response).toMatchObject({
      allowed: false,
      status: {
        code: 400,
        message:
          'This endpoint admits ClusterProfile (config.projectsveltos.io), got core/ConfigMap',
      },
    });
  });
});

describe('SveltosCluster admission', () => {
  it('stamps the system labels with a JSON patch, overwriting forged values', async () => {
    const obj = aSveltosCluster('c1', {
      labels: { env: 'prod', [K8S_VERSION_LABEL]: 'v0.0.1' },
      spec: { pullMode: true },
      status: { version: 'v1.32.5' },
    });
    const response = await review(WEBHOOK_PATHS.mutateSveltosCluster, { object: obj });
    expect(response.patchType).toBe('JSONPatch');
    expect(JSON.parse(Buffer.from(response.patch as string, 'base64').toString())).toEqual([
      { op: 'add', path: '/metadata/labels/projectsveltos.io~1k8s-version', value: 'v1.32.5' },
      { op: 'add', path: '/metadata/labels/projectsveltos.io~1pull-mode', value: 'true' },
    ]);
  });

  it('denies switching pullMode on update', async () => {
    const response = await review(WEBHOOK_PATHS.validateSveltosCluster, {
      oldObject: aSveltosCluster('c1'),
      object: aSveltosCluster('c1', { spec: { pullMode: true } }),
      operation: 'UPDATE',
    });
    expect(response.status.message).toContain('spec.pullMode: true: field is immutable');
  });
});

describe('malformed requests', () => {
  it.each([
    ['not JSON', '{"apiVersion": ', 400, /Malformed request body/],
    ['a JSON array', '[]', 400, /must be a JSON object/],
    [
      'admission.k8s.io/v1beta1',
      JSON.stringify({
        apiVersion: 'admission.k8s.io/v1beta1',
        kind: 'AdmissionReview',
        request: { uid: 'x' },
      }),
      400,
      /apiVersion admission.k8s.io\/v1/,
    ],
    [
      'no request',
      JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }),
      400,
      /has no request/,
    ],
    [
      'no uid',
      JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: {} }),
      400,
      /request.uid/,
    ],
  ])('answers %s with HTTP %i and a Status', async (_name, body, status, message) => {
    const res = await client.post(WEBHOOK_PATHS.validateProfile, body);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toMatchObject({
      kind: 'Status',
      code: status,
      message: expect.stringMatching(message),
    });
  });

  it('answers an oversized review with 413', async () => {
    const huge = JSON.stringify({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      pad: 'x'.repeat(3.5 * 1024 * 1024),
    });
    const res = await client.post(WEBHOOK_PATHS.validateProfile, huge);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 413, reason: 'RequestEntityTooLarge' });
  });

  it('echoes the uid of a review whose request is malformed past the uid', async () => {
    const body = {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'u-1', operation: 'PATCH', kind: { group: '', version: 'v1', kind: 'X' } },
    };
    const res = await client.post(WEBHOOK_PATHS.validateProfile, body);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).response).toMatchObject({
      uid: 'u-1',
      allowed: false,
      status: { code: 400 },
    });
  });
});

describe('metrics', () => {
  it('counts requests by endpoint and result and exposes a latency histogram', async () => {
    const text = (await client.get('/metrics')).body;
    expect(text).toMatch(
      /sveltos_webhook_requests_total\{endpoint="\/validate-config-projectsveltos-io-v1beta1-clusterprofile",result="denied"\} [1-9]/,
    );
    expect(text).toMatch(
      /sveltos_webhook_requests_total\{endpoint="\/mutate-lib-projectsveltos-io-v1beta1-sveltoscluster",result="patched"\} 1/,
    );
    expect(text).toMatch(
      /sveltos_webhook_requests_total\{endpoint="\/validate-config-projectsveltos-io-v1beta1-profile",result="bad_request"\} [1-9]/,
    );
    expect(text).toContain('sveltos_webhook_request_duration_seconds_bucket{le="0.005"');
  });
});

describe('a handler that throws', () => {
  it('becomes an errored 500 response, and the server keeps serving', async () => {
    const broken = await startWebhookServer({
      port: 0,
      certDir: join(dir, 'certs'),
      extraHosts: ['127.0.0.1'],
      logger: silentLogger,
      profileLookup: () => Promise.resolve({ profiles: 5 as unknown as ObjectLike[] }),
    });
    const c = createAdmissionClient({ url: broken.url, caBundle: broken.caBundle });
    try {
      const body = buildAdmissionReview({ object: aClusterProfile('a').dependingOn('b').build() });
      const parsed = JSON.parse((await c.post(WEBHOOK_PATHS.validateClusterProfile, body)).body);
      expect(parsed.response).toMatchObject({
        allowed: false,
        status: { code: 500, message: 'Internal error while admitting ClusterProfile' },
      });
      expect((await c.get('/healthz')).status).toBe(200);
    } finally {
      c.close();
      await broken.stop();
    }
  });
});
