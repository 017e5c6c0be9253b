// Real kubectl 1.32 against a lab cluster holding the project's CRDs: every command a Sveltos
// user runs in the seed blog post and the list, with kube-apiserver's answers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labControllers } from '../../lab/controllers/index.js';
import { kubectl, kubectlStream, waitFor } from '../support/kubectl.js';
import type { RunResult } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let kubeconfig: string;

async function k(args: string[], stdin?: string, env?: Record<string, string>): Promise<RunResult> {
  return kubectl(args, {
    kubeconfig,
    ...(stdin === undefined ? {} : { stdin }),
    ...(env ? { env } : {}),
  });
}

async function ok(args: string[], stdin?: string): Promise<string> {
  const r = await k(args, stdin);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

const sveltosCluster = (name: string, ns: string, labels: Record<string, string>) => `
apiVersion: lib.projectsveltos.io/v1beta1
kind: SveltosCluster
metadata:
  name: ${name}
  namespace: ${ns}
  labels: ${JSON.stringify(labels)}
spec:
  pullMode: true
`;

beforeAll(async () => {
  lab = await startTestLab({
    clusters: ['mgmt'],
    onCluster: (c) => c.use({ controllers: labControllers() }),
  });
  kubeconfig = lab.kubeconfig('mgmt');
  await ok(['apply', '-f', 'manifests/crds/']);
  await ok(['create', 'namespace', 'rke2']);
  await ok(['apply', '-f', '-'], sveltosCluster('cluster01', 'rke2', { env: 'test' }));
});
afterAll(async () => lab.stop());

describe('CRDs and the seed ClusterProfiles', () => {
  it('lists the CRDs and waits for them to be Established', async () => {
    expect(await ok(['get', 'crd'])).toMatch(/clusterprofiles\.config\.projectsveltos\.io/);
    const waited = await ok([
      'wait',
      '--for=condition=Established',
      'crd/sveltosclusters.lib.projectsveltos.io',
      '--timeout=20s',
    ]);
    expect(waited).toContain('condition met');
  });

  it('applies the two seed ClusterProfiles and lists them with clustersummaries', async () => {
    const applied = await ok(['apply', '-f', 'test/fixtures/seed/']);
    expect(applied).toContain('clusterprofile.config.projectsveltos.io/deploy-kyverno created');
    expect(applied).toContain(
      'clusterprofile.config.projectsveltos.io/tetragon-rke2-deploy created',
    );
    const again = await ok(['apply', '-f', 'test/fixtures/seed/']);
    expect(again).toContain('deploy-kyverno unchanged');
    const listed = await ok(['get', 'clusterprofile,clustersummary', '-A']);
    expect(listed).toMatch(/clusterprofile\.config\.projectsveltos\.io\/deploy-kyverno/);
    expect(listed).toMatch(/clusterprofile\.config\.projectsveltos\.io\/tetragon-rke2-deploy/);
  });

  it('explains clusterprofile.spec from the served OpenAPI v3 schema', async () => {
    const out = await ok(['explain', 'clusterprofile.spec']);
    expect(out).toContain('KIND:       ClusterProfile');
    expect(out).toContain('FIELD: spec <Object>');
    expect(out).toMatch(/clusterSelector\s+<Object>/);
  });

  it('refuses an invalid profile with the kube-apiserver wording', async () => {
    const r = await k([
      'patch',
      'clusterprofile',
      'deploy-kyverno',
      '--type=merge',
      '-p',
      '{"spec":{"syncMode":"Foo"}}',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The ClusterProfile "deploy-kyverno" is invalid');
    expect(r.stderr).toContain(
      'spec.syncMode: Unsupported value: "Foo": supported values: "OneTime", "Continuous"',
    );
  });

  it('rejects unknown fields under the default strict validation', async () => {
    const r = await k(
      ['apply', '-f', '-'],
      `apiVersion: config.projectsveltos.io/v1beta1
kind: ClusterProfile
metadata:
  name: strict-check
spec:
  syncMode: Continuous
  notAField: 1
`,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('unknown field "spec.notAField"');
  });
});

describe('SveltosClusters', () => {
  it('prints READY, VERSION and AGE columns and labels with --show-labels', async () => {
    const out = await ok(['get', 'sveltosclusters', '-A', '--show-labels']);
    const [header, row] = out.trim().split('\n');
    expect(header).toMatch(/^NAMESPACE\s+NAME\s+READY\s+VERSION\s+AGE\s+(SHARD\s+)?LABELS$/);
    expect(row).toMatch(/^rke2\s+cluster01\s+.*env=test/);
  });

  it('labels a cluster as in the seed post and selects it by label', async () => {
    expect(
      await ok(['label', 'sveltosclusters', 'cluster01', '-n', 'rke2', 'req=tetragon']),
    ).toContain('sveltoscluster.lib.projectsveltos.io/cluster01 labeled');
    const out = await ok([
      'get',
      'sveltosclusters',
      '-n',
      'rke2',
      '-l',
      'req=tetragon',
      '-o',
      'name',
    ]);
    expect(out.trim()).toBe('sveltoscluster.lib.projectsveltos.io/cluster01');
  });

  it('annotates, and prints jsonpath, json, yaml and wide output', async () => {
    await ok(['annotate', 'sveltosclusters', 'cluster01', '-n', 'rke2', 'note=hello']);
    expect(
      await ok([
        'get',
        'sveltoscluster',
        'cluster01',
        '-n',
        'rke2',
        '-o',
        'jsonpath={.metadata.annotations.note}',
      ]),
    ).toBe('hello');
    const json = JSON.parse(
      await ok(['get', 'sveltoscluster', 'cluster01', '-n', 'rke2', '-o', 'json']),
    ) as {
      kind: string;
      metadata: { labels: Record<string, string> };
    };
    expect(json.kind).toBe('SveltosCluster');
    expect(json.metadata.labels).toMatchObject({ env: 'test', req: 'tetragon' });
    expect(await ok(['get', 'sveltoscluster', 'cluster01', '-n', 'rke2', '-o', 'yaml'])).toContain(
      'pullMode: true',
    );
    expect(await ok(['get', 'sveltosclusters', '-n', 'rke2', '-o', 'wide'])).toMatch(
      /CONNECTIONSTATUS/,
    );
  });

  it('waits for a jsonpath condition set through the status subresource', async () => {
    const waiter = k([
      'wait',
      '--for=jsonpath={.status.ready}=true',
      'sveltoscluster/cluster01',
      '-n',
      'rke2',
      '--timeout=30s',
    ]);
    await ok([
      'patch',
      'sveltoscluster',
      'cluster01',
      '-n',
      'rke2',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"ready":true,"version":"v1.32.0"}}',
    ]);
    const r = await waiter;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('condition met');
    expect(await ok(['get', 'sveltosclusters', '-n', 'rke2'])).toMatch(
      /cluster01\s+true\s+v1\.32\.0/,
    );
  });

  it('shows a change with get -w', async () => {
    const watch = kubectlStream(['get', 'sveltosclusters', '-n', 'rke2', '-w', '-o', 'name'], {
      kubeconfig,
    });
    try {
      await waitFor(() => watch.output().includes('cluster01'), {
        timeoutMs: 20_000,
        what: 'the initial row',
      });
      await ok(['apply', '-f', '-'], sveltosCluster('cluster02', 'rke2', { env: 'prod' }));
      await waitFor(() => watch.output().includes('cluster02'), {
        timeoutMs: 20_000,
        what: 'the watched change',
      });
    } finally {
      await watch.stop();
    }
  });
});

describe('patches and server-side apply', () => {
  it('patches with merge, JSON and strategic patches', async () => {
    await ok(['create', 'configmap', 'settings', '-n', 'rke2', '--from-literal=a=1']);
    await ok([
      'patch',
      'configmap',
      'settings',
      '-n',
      'rke2',
      '--type=merge',
      '-p',
      '{"data":{"b":"2"}}',
    ]);
    await ok([
      'patch',
      'configmap',
      'settings',
      '-n',
      'rke2',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/data/c","value":"3"}]',
    ]);
    await ok([
      'patch',
      'configmap',
      'settings',
      '-n',
      'rke2',
      '--type=strategic',
      '-p',
      '{"data":{"a":null}}',
    ]);
    expect(await ok(['get', 'cm', 'settings', '-n', 'rke2', '-o', 'jsonpath={.data}'])).toBe(
      '{"b":"2","c":"3"}',
    );
  });

  it('applies server-side and reports a conflict between field managers', async () => {
    const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: rke2
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;
    expect(await ok(['apply', '--server-side', '-f', '-'], manifest(1))).toContain(
      'deployment.apps/web serverside-applied',
    );
    const conflict = await k(
      ['apply', '--server-side', '--field-manager=other', '-f', '-'],
      manifest(3),
    );
    expect(conflict.code).not.toBe(0);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl"');
    expect(conflict.stderr).toContain('.spec.replicas');
    await ok(
      ['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-f', '-'],
      manifest(3),
    );
    expect(
      await ok(['get', 'deploy', 'web', '-n', 'rke2', '-o', 'jsonpath={.spec.replicas}']),
    ).toBe('3');
  });

  it('edits an object through KUBE_EDITOR', async () => {
    const dir = mkdtempSync(join(lab.dir, 'editor-'));
    const editor = join(dir, 'edit.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/syncMode: Continuous/syncMode: OneTime/" "$1"\n', {
      mode: 0o755,
    });
    const r = await k(['edit', 'clusterprofile', 'tetragon-rke2-deploy'], undefined, {
      KUBE_EDITOR: editor,
    });
    expect(r.stdout).toContain(
      'clusterprofile.config.projectsveltos.io/tetragon-rke2-deploy edited',
    );
    expect(
      await ok([
        'get',
        'clusterprofile',
        'tetragon-rke2-deploy',
        '-o',
        'jsonpath={.spec.syncMode}',
      ]),
    ).toBe('OneTime');
  });
});

describe('built-in kinds', () => {
  it('creates a namespace and a generic secret (protobuf bodies)', async () => {
    expect(await ok(['create', 'namespace', 'demo'])).toContain('namespace/demo created');
    expect(
      await ok([
        'create',
        'secret',
        'generic',
        'creds',
        '-n',
        'demo',
        '--from-literal=password=s3cret',
      ]),
    ).toContain('secret/creds created');
    const data = await ok([
      'get',
      'secret',
      'creds',
      '-n',
      'demo',
      '-o',
      'jsonpath={.data.password}',
    ]);
    expect(Buffer.from(data, 'base64').toString()).toBe('s3cret');
  });

  it('lists workloads with get all', async () => {
    const out = await ok(['get', 'all', '-n', 'rke2']);
    expect(out).toContain('deployment.apps/web');
  });

  it('lists api-resources with short names and the CRDs', async () => {
    const out = await ok(['api-resources']);
    expect(out).toMatch(/^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
    expect(out).toMatch(/^replicasets\s+rs\s+apps\/v1\s+true\s+ReplicaSet$/m);
    expect(out).toMatch(
      /^sveltosclusters\s+.*lib\.projectsveltos\.io\/v1beta1\s+true\s+SveltosCluster$/m,
    );
  });
});

describe('deletion', () => {
  it('deletes with and without --cascade=foreground', async () => {
    await ok(['create', 'configmap', 'plain', '-n', 'rke2']);
    expect(await ok(['delete', 'configmap', 'plain', '-n', 'rke2'])).toContain(
      'configmap "plain" deleted',
    );
    expect((await k(['get', 'configmap', 'plain', '-n', 'rke2'])).stderr).toContain(
      'configmaps "plain" not found',
    );
    const deleted = await ok([
      'delete',
      'deployment',
      'web',
      '-n',
      'rke2',
      '--cascade=foreground',
      '--timeout=30s',
    ]);
    expect(deleted).toContain('deployment.apps "web" deleted');
    expect((await k(['get', 'deployment', 'web', '-n', 'rke2'])).code).not.toBe(0);
  });

  it('deletes a namespace with its content', async () => {
    await ok(['create', 'namespace', 'doomed']);
    await ok(['create', 'configmap', 'inside', '-n', 'doomed']);
    expect(await ok(['delete', 'namespace', 'doomed', '--timeout=30s'])).toContain(
      'namespace "doomed" deleted',
    );
    expect((await k(['get', 'namespace', 'doomed'])).stderr).toContain(
      'namespaces "doomed" not found',
    );
  });
});
