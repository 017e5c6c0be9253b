// The webhook registered in a lab management cluster and driven by real kubectl: the webhook
// runs with the ServiceAccount and RBAC of manifests/webhook (token from TokenRequest), keeps
// the caBundle of its url-based webhook configurations current, admits the seed profiles,
// refuses a bad chartVersion and a dependency cycle, and stamps SveltosCluster labels.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAdmission } from '../../lab/admission/index.js';
import { installSecurity } from '../../lab/security/index.js';
import { buildTokenKubeconfig, loadKubeconfig, selectContext } from '../../lib/kubeconfig.js';
import { silentLogger } from '../../lib/logger.js';
import { createAdmissionClient } from '../../webhook/admission-client.js';
import type { WebhookServer } from '../../webhook/server.js';
import { startWebhookServer } from '../../webhook/server.js';
import { buildWebhookConfigurations } from '../../webhook/webhook-configurations.js';
import { WEBHOOK_PATHS } from '../../webhook/webhook-names.js';
import type { Obj } from '../fixtures/profiles/builders.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

const ROOT = join(import.meta.dirname, '..', '..');
const K8S_VERSION = 'projectsveltos.io/k8s-version';
const PULL_MODE = 'projectsveltos.io/pull-mode';

let lab: TestLab;
let admin: string;
let certDir: string;
let webhook: WebhookServer;

async function ok(args: string[]): Promise<string> {
  const r = await kubectl(args, { kubeconfig: admin, cwd: lab.dir });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function file(name: string, content: unknown): string {
  const path = join(lab.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A kubeconfig for the webhook's ServiceAccount (TokenRequest), as the Pod would have. */
async function serviceAccountKubeconfig() {
  await ok(['create', 'namespace', 'projectsveltos']);
  await ok(['apply', '-f', join(ROOT, 'manifests', 'webhook', 'serviceaccount.yaml')]);
  await ok(['apply', '-f', join(ROOT, 'manifests', 'webhook', 'rbac.yaml')]);
  const token = (await ok(['create', 'token', 'sveltos-webhook', '-n', 'projectsveltos'])).trim();
  const adminConfig = loadKubeconfig({ kubeconfig: admin, homeDir: lab.dir });
  const doc = buildTokenKubeconfig({
    server: adminConfig.server,
    token,
    caData: adminConfig.caData,
  });
  return selectContext(doc, [admin], undefined);
}

beforeAll(async () => {
  let ready: Promise<void> = Promise.resolve();
  lab = await startTestLab({
    clusters: [],
    onCluster: (cluster) => {
      ready = installSecurity(cluster).ready;
      installAdmission(cluster);
    },
  });
  lab.addCluster('mgmt');
  await ready;
  admin = lab.kubeconfig('mgmt');
  await ok(['apply', '-f', join(ROOT, 'manifests', 'crds')]);
  certDir = mkdtempSync(join(tmpdir(), 'webhook-lab-'));
  webhook = await startWebhookServer({
    port: 0,
    certDir,
    extraHosts: ['127.0.0.1'],
    logger: silentLogger,
    kubeconfig: await serviceAccountKubeconfig(),
  });
  for (const [i, config] of buildWebhookConfigurations({ url: webhook.url }).entries()) {
    await ok(['apply', '-f', file(`webhook-config-${i}.json`, config)]);
  }
});

afterAll(async () => {
  await webhook?.stop();
  await lab?.stop();
  rmSync(certDir, { recursive: true, force: true });
});

describe('sveltos-webhook in the lab management cluster', () => {
  it('fills in the caBundle of both of its webhook configurations', async () => {
    for (const kind of ['validatingwebhookconfiguration', 'mutatingwebhookconfiguration']) {
      const name = kind.startsWith('validating')
        ? 'sveltos-webhook-validating'
        : 'sveltos-webhook-mutating';
      await waitFor(
        async () => {
          const json = JSON.parse(await ok(['get', kind, name, '-o', 'json'])) as Obj;
          const bundles = (json.webhooks as Obj[]).map((h) => h.clientConfig.caBundle as string);
          return bundles.every((b) => b === webhook.caBundle) && bundles;
        },
        { what: `the caBundle of ${name}` },
      );
    }
  });

  it('admits each seed profile applied with kubectl', async () => {
    for (const seed of ['deploy-kyverno', 'tetragon-rke2-deploy']) {
      const out = await ok(['apply', '-f', join(ROOT, 'test', 'fixtures', 'seed', `${seed}.yaml`)]);
      expect(out.trim()).toBe(`clusterprofile.config.projectsveltos.io/${seed} created`);
    }
  });

  it('refuses a bad chartVersion with exit 1, naming the webhook and the field path', async () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'seed', 'deploy-kyverno.yaml'), 'utf8')
      .replace('name: deploy-kyverno', 'name: bad-version')
      .replace('chartVersion:     3.5.1', 'chartVersion:     v3.x');
    const path = file('bad-version.yaml', text);
    const res = await kubectl(['apply', '-f', path], { kubeconfig: admin });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(
      `Error from server (Forbidden): error when creating "${path}": admission webhook "vclusterprofile.projectsveltos.io" denied the request: spec.helmCharts[0].chartVersion: "v3.x": not a valid semantic version or version range`,
    );
    const gone = await kubectl(['get', 'clusterprofile', 'bad-version'], { kubeconfig: admin });
    expect(gone.code).toBe(1);
  });

  it('refuses a profile that would close a dependency cycle with a stored one', async () => {
    const profile = (name: string, dependsOn: string) => ({
      apiVersion: 'config.projectsveltos.io/v1beta1',
      kind: 'ClusterProfile',
      metadata: { name },
      spec: { clusterSelector: { matchLabels: { env: 'cycle' } }, dependsOn: [dependsOn] },
    });
    await ok(['apply', '-f', file('cycle-a.json', profile('cycle-a', 'cycle-b'))]);
    const res = await kubectl(
      ['apply', '-f', file('cycle-b.json', profile('cycle-b', 'cycle-a'))],
      {
        kubeconfig: admin,
      },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'denied the request: spec.dependsOn[0]: "cycle-a": would close a dependency cycle: cycle-b -> cycle-a -> cycle-b',
    );
  });

  it('stamps SveltosCluster system labels and keeps users from forging them', async () => {
    await ok(['create', 'namespace', 'fleet']);
    const cluster = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: {
        name: 'cluster01',
        namespace: 'fleet',
        labels: { env: 'prod', [K8S_VERSION]: 'v9.9.9' },
      },
      spec: {},
    };
    await ok(['apply', '-f', file('cluster01.json', cluster)]);
    const labels = async () =>
      (
        JSON.parse(
          await ok(['get', 'sveltoscluster', 'cluster01', '-n', 'fleet', '-o', 'json']),
        ) as Obj
      ).metadata.labels as Record<string, string>;
    expect(await labels()).toEqual({ env: 'prod', [PULL_MODE]: 'false' });

    await ok([
      'patch',
      'sveltoscluster',
      'cluster01',
      '-n',
      'fleet',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"version":"v1.32.5","ready":true}}',
    ]);
    await ok(['label', 'sveltoscluster', 'cluster01', '-n', 'fleet', 'team=a']);
    expect(await labels()).toEqual({
      env: 'prod',
      team: 'a',
      [PULL_MODE]: 'false',
      [K8S_VERSION]: 'v1.32.5',
    });

    const forged = await kubectl(
      [
        'label',
        'sveltoscluster',
        'cluster01',
        '-n',
        'fleet',
        `${K8S_VERSION}=v0.0.1`,
        '--overwrite',
      ],
      {
        kubeconfig: admin,
      },
    );
    expect(forged.code).toBe(0);
    expect((await labels())[K8S_VERSION]).toBe('v1.32.5');
  });

  it('refuses switching a cluster to pull mode', async () => {
    const res = await kubectl(
      [
        'patch',
        'sveltoscluster',
        'cluster01',
        '-n',
        'fleet',
        '--type=merge',
        '-p',
        '{"spec":{"pullMode":true}}',
      ],
      { kubeconfig: admin },
    );
    expect(res.code).toBe(1);
    // The CRD's CEL rule answers first; the webhook refuses the same change (webhook tests).
    expect(res.stderr).toMatch(/spec\.pullMode: .*immutable/);
  });

  it('admits every valid profile fixture through kubectl and the CRD schema', async () => {
    await ok(['create', 'namespace', 'team-a']);
    await ok(['create', 'namespace', 'team-b']);
    const out = await ok(['apply', '-f', join(ROOT, 'test', 'fixtures', 'profiles', 'valid')]);
    expect(out.trim().split('\n')).toHaveLength(23);
  });

  it('counts the requests kube-apiserver sent in /metrics', async () => {
    const client = createAdmissionClient({ url: webhook.url, caBundle: webhook.caBundle });
    const text = (await client.get('/metrics')).body;
    client.close();
    const count = (path: string, result: string) =>
      Number(
        new RegExp(
          `sveltos_webhook_requests_total\\{endpoint="${path}",result="${result}"\\} (\\d+)`,
        ).exec(text)?.[1] ?? 0,
      );
    expect(count(WEBHOOK_PATHS.validateClusterProfile, 'denied')).toBeGreaterThanOrEqual(2);
    expect(count(WEBHOOK_PATHS.validateClusterProfile, 'allowed')).toBeGreaterThanOrEqual(3);
    expect(count(WEBHOOK_PATHS.mutateSveltosCluster, 'patched')).toBeGreaterThanOrEqual(2);
  });
});
