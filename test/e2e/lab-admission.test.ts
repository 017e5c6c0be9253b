// Admission webhooks of the lab API server driven by real kubectl against HTTPS webhooks served
// by this test (own CA): validating denial worded exactly as kube-apiserver, warnings, mutating
// JSONPatch, service references through the serviceResolver, selectors, failurePolicy, dry run.
import { writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, createServingCertificate } from '../../lib/certs.js';
import { installAdmission } from '../../lab/admission/index.js';
import { kubectl } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

interface Review {
  request: {
    uid: string;
    operation: string;
    kind: { kind: string };
    resource: { resource: string };
    name?: string;
    namespace?: string;
    userInfo: { username: string };
    object: { metadata: { labels?: Record<string, string> } } | null;
    oldObject: { metadata: { labels?: Record<string, string> } } | null;
    dryRun: boolean;
    options?: { kind: string };
  };
}

let lab: TestLab;
let admin: string;
let hooks: Server;
let hookPort: number;
let caBundle: string;
const received: { path: string; review: Review }[] = [];

function respond(path: string, review: Review): Record<string, unknown> {
  const labels = review.request.object?.metadata.labels ?? {};
  const uid = review.request.uid;
  if (path.startsWith('/validate')) {
    if (labels.deny === 'true') {
      return {
        uid,
        allowed: false,
        status: { code: 403, reason: 'Forbidden', message: 'label deny=true is not allowed' },
      };
    }
    return { uid, allowed: true, warnings: ['validated by the test webhook'] };
  }
  if (path.startsWith('/badpatch')) {
    const bad = [{ op: 'remove', path: '/metadata/nothing/here' }];
    return {
      uid,
      allowed: true,
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(bad)).toString('base64'),
    };
  }
  const ops = review.request.object?.metadata.labels
    ? [{ op: 'add', path: '/metadata/labels/mutated', value: 'yes' }]
    : [{ op: 'add', path: '/metadata/labels', value: { mutated: 'yes' } }];
  return {
    uid,
    allowed: true,
    patchType: 'JSONPatch',
    patch: Buffer.from(JSON.stringify(ops)).toString('base64'),
  };
}

async function freePort(): Promise<number> {
  const srv = createTcpServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function file(name: string, obj: unknown): string {
  const path = join(lab.dir, name);
  writeFileSync(path, JSON.stringify(obj));
  return path;
}

async function ok(args: string[]): Promise<string> {
  const r = await kubectl(args, { kubeconfig: admin });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout + r.stderr;
}

function webhookConfig(
  kind: 'Validating' | 'Mutating',
  name: string,
  hook: Record<string, unknown>,
): unknown {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: `${kind}WebhookConfiguration`,
    metadata: { name },
    webhooks: [{ sideEffects: 'None', admissionReviewVersions: ['v1'], ...hook }],
  };
}

const cmRule = {
  operations: ['CREATE', 'UPDATE', 'DELETE'],
  apiGroups: [''],
  apiVersions: ['v1'],
  resources: ['configmaps'],
};

function configMap(name: string, ns: string, labels: Record<string, string> = {}): unknown {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns, labels },
    data: { a: 'b' },
  };
}

beforeAll(async () => {
  const ca = createCertificateAuthority({ commonName: 'test-webhook-ca' });
  const serving = createServingCertificate(ca, {
    dnsNames: ['hooks.webhooks.svc'],
    ipAddresses: ['127.0.0.1'],
  });
  caBundle = Buffer.from(ca.certPem).toString('base64');
  hooks = createHttpsServer({ cert: serving.certPem, key: serving.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const review = JSON.parse(Buffer.concat(chunks).toString()) as Review;
      const path = req.url ?? '/';
      received.push({ path, review });
      if (path.startsWith('/slow')) return; // never answers: the caller's deadline decides
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: respond(path, review),
        }),
      );
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  hookPort = (hooks.address() as AddressInfo).port;
  lab = await startTestLab({ clusters: ['adm'] });
  admin = lab.kubeconfig('adm');
  installAdmission(lab.cluster('adm'), {
    serviceResolver: (ns, name, port) =>
      ns === 'webhooks' && name === 'hooks' && port === 443
        ? { host: '127.0.0.1', port: hookPort }
        : undefined,
  });
  await ok(['create', 'namespace', 'guarded']);
  await ok(['label', 'namespace', 'guarded', 'webhooks=on']);
  await ok(['create', 'namespace', 'free']);
  const validating = webhookConfig('Validating', 'deny-label', {
    name: 'validate.example.com',
    clientConfig: { url: `https://127.0.0.1:${hookPort}/validate`, caBundle },
    rules: [cmRule],
    namespaceSelector: { matchLabels: { webhooks: 'on' } },
  });
  await ok(['apply', '-f', file('validating.json', validating)]);
});

afterAll(async () => {
  await lab?.stop();
  hooks?.closeAllConnections();
  await new Promise<void>((r) => (hooks ? hooks.close(() => r()) : r()));
});

describe('validating webhooks', () => {
  it('refuses a labelled object with kube-apiserver wording and passes others with warnings', async () => {
    const path = file('denied.json', configMap('denied', 'guarded', { deny: 'true' }));
    const denied = await kubectl(['apply', '-f', path], { kubeconfig: admin });
    expect(denied.code).toBe(1);
    expect(denied.stderr.trim()).toBe(
      `Error from server (Forbidden): error when creating "${path}": admission webhook "validate.example.com" denied the request: label deny=true is not allowed`,
    );
    const allowed = await ok([
      'apply',
      '-f',
      file('allowed.json', configMap('allowed', 'guarded')),
    ]);
    expect(allowed).toContain('Warning: validated by the test webhook');
    expect(allowed).toContain('configmap/allowed created');
  });

  it('sends AdmissionReview v1 requests with operation, user, objects and options', async () => {
    received.length = 0;
    await ok(['label', 'configmap', 'allowed', '-n', 'guarded', 'tier=web']);
    await ok(['delete', 'configmap', 'allowed', '-n', 'guarded']);
    const [update, del] = received.map((r) => r.review.request);
    expect(update).toMatchObject({
      operation: 'UPDATE',
      kind: { kind: 'ConfigMap' },
      resource: { resource: 'configmaps' },
      name: 'allowed',
      namespace: 'guarded',
      userInfo: { username: 'admin' },
      dryRun: false,
      options: { kind: 'UpdateOptions' },
    });
    expect(update.object?.metadata.labels).toEqual({ tier: 'web' });
    expect(update.oldObject?.metadata.labels ?? {}).toEqual({});
    expect(del).toMatchObject({
      operation: 'DELETE',
      object: null,
      options: { kind: 'DeleteOptions' },
    });
    expect(del.oldObject).not.toBeNull();
  });

  it('skips namespaces the namespaceSelector does not match', async () => {
    received.length = 0;
    await ok(['apply', '-f', file('free.json', configMap('free', 'free', { deny: 'true' }))]);
    expect(received).toHaveLength(0);
  });

  it('calls webhooks on server dry runs with dryRun true', async () => {
    received.length = 0;
    const out = await ok([
      'apply',
      '--dry-run=server',
      '-f',
      file('dry.json', configMap('dry', 'guarded')),
    ]);
    expect(out).toContain('configmap/dry created (server dry run)');
    expect(received[0]?.review.request.dryRun).toBe(true);
  });
});

describe('mutating webhooks', () => {
  it("applies a service webhook's JSONPatch, visible in kubectl get -o yaml", async () => {
    const mutating = webhookConfig('Mutating', 'add-label', {
      name: 'mutate.example.com',
      clientConfig: {
        service: { namespace: 'webhooks', name: 'hooks', path: '/mutate' },
        caBundle,
      },
      rules: [{ ...cmRule, operations: ['CREATE'] }],
      objectSelector: { matchLabels: { mutate: 'me' } },
    });
    await ok(['apply', '-f', file('mutating.json', mutating)]);
    await ok(['create', 'namespace', 'mut']);
    await ok(['apply', '-f', file('mutated.json', configMap('mutated', 'mut', { mutate: 'me' }))]);
    const yaml = await ok(['get', 'configmap', 'mutated', '-n', 'mut', '-o', 'yaml']);
    expect(yaml).toMatch(/labels:\n\s+mutate: me\n\s+mutated: "yes"/);
    await ok(['apply', '-f', file('plain.json', configMap('plain', 'mut'))]);
    expect(await ok(['get', 'configmap', 'plain', '-n', 'mut', '-o', 'yaml'])).not.toContain(
      'mutated',
    );
  });
});

describe('failurePolicy', () => {
  it('lets writes through with Ignore and refuses them with Fail when the webhook is down', async () => {
    const port = await freePort();
    await ok(['create', 'namespace', 'down']);
    const hook = (policy: string): unknown =>
      webhookConfig('Validating', 'down', {
        name: 'down.example.com',
        failurePolicy: policy,
        clientConfig: { url: `https://127.0.0.1:${port}/validate`, caBundle },
        rules: [cmRule],
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'down' } },
      });
    await ok(['apply', '-f', file('down.json', hook('Ignore'))]);
    expect(await ok(['apply', '-f', file('ignored.json', configMap('ignored', 'down'))])).toContain(
      'created',
    );
    await ok(['apply', '-f', file('down.json', hook('Fail'))]);
    const path = file('failed.json', configMap('failed', 'down'));
    const r = await kubectl(['apply', '-f', path], { kubeconfig: admin });
    expect(r.stderr.trim()).toBe(
      `Error from server (InternalError): error when creating "${path}": Internal error occurred: failed calling webhook "down.example.com": failed to call webhook: Post "https://127.0.0.1:${port}/validate?timeout=10s": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    );
  });
});

describe('more admission semantics', () => {
  it('sends CREATE for a server-side apply that creates and UPDATE for one that changes', async () => {
    received.length = 0;
    const path = file('ssa.json', configMap('ssa', 'guarded'));
    await ok(['apply', '--server-side', '-f', path]);
    await ok([
      'apply',
      '--server-side',
      '-f',
      file('ssa2.json', configMap('ssa', 'guarded', { v: '2' })),
    ]);
    expect(received.map((r) => r.review.request.operation)).toEqual(['CREATE', 'UPDATE']);
  });

  it('calls webhooks whose rules name a status subresource only for status writes', async () => {
    await ok(['apply', '-f', 'manifests/crds/lib.projectsveltos.io_sveltosclusters.yaml']);
    await ok(['wait', '--for=condition=Established', 'crd/sveltosclusters.lib.projectsveltos.io']);
    const statusHook = webhookConfig('Validating', 'status-only', {
      name: 'status.example.com',
      clientConfig: { url: `https://127.0.0.1:${hookPort}/validate-status`, caBundle },
      rules: [
        {
          operations: ['UPDATE'],
          apiGroups: ['lib.projectsveltos.io'],
          apiVersions: ['*'],
          resources: ['sveltosclusters/status'],
          scope: 'Namespaced',
        },
      ],
    });
    await ok(['apply', '-f', file('status-hook.json', statusHook)]);
    const sc = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: { name: 'c1', namespace: 'free' },
      spec: {},
    };
    await ok(['apply', '-f', file('sc.json', sc)]);
    received.length = 0;
    await ok(['label', 'sveltoscluster', 'c1', '-n', 'free', 'env=test']);
    expect(received.filter((r) => r.path.startsWith('/validate-status'))).toHaveLength(0);
    await ok([
      'patch',
      'sveltoscluster',
      'c1',
      '-n',
      'free',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"ready":true}}',
    ]);
    const calls = received
      .filter((r) => r.path.startsWith('/validate-status'))
      .map((r) => r.review.request);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      operation: 'UPDATE',
      subResource: 'status',
      resource: { resource: 'sveltosclusters' },
    });
  });

  it('refuses a webhook whose certificate the caBundle does not sign (Fail)', async () => {
    const other = Buffer.from(createCertificateAuthority({ commonName: 'other' }).certPem).toString(
      'base64',
    );
    await ok(['create', 'namespace', 'tls']);
    const hook = webhookConfig('Validating', 'wrong-ca', {
      name: 'wrong-ca.example.com',
      clientConfig: { url: `https://127.0.0.1:${hookPort}/validate`, caBundle: other },
      rules: [cmRule],
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tls' } },
    });
    await ok(['apply', '-f', file('wrong-ca.json', hook)]);
    const r = await kubectl(['create', 'configmap', 'x', '-n', 'tls'], { kubeconfig: admin });
    expect(r.stderr.trim()).toBe(
      `error: failed to create configmap: Internal error occurred: failed calling webhook "wrong-ca.example.com": failed to call webhook: Post "https://127.0.0.1:${hookPort}/validate?timeout=10s": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    );
  });

  it('honours timeoutSeconds with failurePolicy Ignore and Fail', async () => {
    await ok(['create', 'namespace', 'slow']);
    const hook = (policy: string): unknown =>
      webhookConfig('Validating', 'slow', {
        name: 'slow.example.com',
        failurePolicy: policy,
        timeoutSeconds: 1,
        clientConfig: { url: `https://127.0.0.1:${hookPort}/slow`, caBundle },
        rules: [cmRule],
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'slow' } },
      });
    await ok(['apply', '-f', file('slow.json', hook('Ignore'))]);
    await ok(['create', 'configmap', 'ignored', '-n', 'slow']);
    await ok(['apply', '-f', file('slow.json', hook('Fail'))]);
    const r = await kubectl(['create', 'configmap', 'failed', '-n', 'slow'], { kubeconfig: admin });
    expect(r.stderr.trim()).toBe(
      `error: failed to create configmap: Internal error occurred: failed calling webhook "slow.example.com": failed to call webhook: Post "https://127.0.0.1:${hookPort}/slow?timeout=1s": context deadline exceeded`,
    );
  });

  it('answers 500 when a mutating webhook returns a patch that does not apply', async () => {
    await ok(['create', 'namespace', 'badpatch']);
    const hook = webhookConfig('Mutating', 'bad-patch', {
      name: 'bad-patch.example.com',
      failurePolicy: 'Ignore',
      clientConfig: { url: `https://127.0.0.1:${hookPort}/badpatch`, caBundle },
      rules: [cmRule],
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'badpatch' } },
    });
    await ok(['apply', '-f', file('bad-patch.json', hook)]);
    const r = await kubectl(['create', 'configmap', 'x', '-n', 'badpatch'], { kubeconfig: admin });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: failed to create configmap: Internal error occurred: /);
  });
});
