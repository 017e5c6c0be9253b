// The lab's chart repository as helm sees it: real `helm template --repo` against the served
// index files, per version and with values, at the root and under the mirrored prefixes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveHelmBinary } from '../../lib/helm-binary.js';
import {
  startChartRepository,
  type ChartRepository,
} from '../../lab/chart-repo/chart-repository.js';

const execFileAsync = promisify(execFile);

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

let repo: ChartRepository;
let helmHome: string;

beforeAll(async () => {
  repo = await startChartRepository({ port: 0 });
  helmHome = await mkdtemp(join(tmpdir(), 'lab-charts-helm-'));
});

afterAll(async () => {
  await repo?.stop();
  if (helmHome) await rm(helmHome, { recursive: true, force: true });
});

async function helm(args: string[]): Promise<string> {
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: join(helmHome, 'config'),
    HELM_CACHE_HOME: join(helmHome, 'cache'),
    HELM_DATA_HOME: join(helmHome, 'data'),
  };
  const { stdout } = await execFileAsync(resolveHelmBinary(), args, { env });
  return stdout;
}

async function template(chart: string, repoUrl: string, extra: string[] = []): Promise<Manifest[]> {
  const out = await helm(['template', 'rel', chart, '--repo', repoUrl, '-n', 'kyverno', ...extra]);
  return (loadAll(out) as (Manifest | null)[]).filter((m): m is Manifest => m !== null);
}

function find(manifests: Manifest[], kind: string): Manifest {
  const m = manifests.find((x) => x.kind === kind);
  if (!m) throw new Error(`No ${kind} rendered`);
  return m;
}

async function indexOf(url: string): Promise<{ entries: Record<string, { version: string }[]> }> {
  const res = await fetch(`${url}/index.yaml`);
  expect(res.status).toBe(200);
  return loadAll(await res.text())[0] as { entries: Record<string, { version: string }[]> };
}

describe('lab chart repository', () => {
  it('renders kyverno 3.5.1 from the kyverno mirror with a CRD, workload, service, RBAC and config', async () => {
    const manifests = await template('kyverno', `${repo.url}/kyverno`, ['--version', '3.5.1']);
    const kinds = manifests.map((m) => m.kind).sort();
    expect(kinds).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'CustomResourceDefinition',
      'Deployment',
      'Service',
      'ServiceAccount',
    ]);
    expect(find(manifests, 'CustomResourceDefinition').metadata.name).toBe(
      'clusterpolicies.kyverno.io',
    );
    expect(find(manifests, 'Deployment').metadata.labels?.['helm.sh/chart']).toBe('kyverno-3.5.1');
  });

  it('renders kyverno 3.5.2 visibly differently from 3.5.1', async () => {
    const old = await template('kyverno', `${repo.url}/kyverno/`, ['--version', '3.5.1']);
    const next = await template('kyverno', `${repo.url}/kyverno/`, ['--version', '3.5.2']);
    expect(find(old, 'ConfigMap').data).not.toHaveProperty('webhookTimeoutSeconds');
    expect(find(next, 'ConfigMap').data?.webhookTimeoutSeconds).toBe('15');
    expect(find(next, 'Deployment').metadata.labels?.['kyverno.io/chart-fix']).toBe(
      'webhook-timeouts',
    );
  });

  it('changes the rendered objects when values change', async () => {
    const manifests = await template('kyverno', `${repo.url}/kyverno`, [
      '--version',
      '3.5.1',
      '--set',
      'admissionController.replicas=3',
      '--set',
      'config.defaultRegistry=registry.example.com',
      '--set',
      'crds.install=false',
    ]);
    expect(find(manifests, 'Deployment').spec?.replicas).toBe(3);
    expect(find(manifests, 'ConfigMap').data?.defaultRegistry).toBe('registry.example.com');
    expect(manifests.some((m) => m.kind === 'CustomResourceDefinition')).toBe(false);
  });

  it('renders tetragon 1.5.0 and 1.5.1 from the cilium mirror as a DaemonSet and a ConfigMap', async () => {
    const old = await template('tetragon', `${repo.url}/cilium`, ['--version', '1.5.0']);
    const next = await template('tetragon', `${repo.url}/cilium`, ['--version', '1.5.1']);
    expect(find(old, 'DaemonSet').metadata.name).toBe('tetragon');
    expect(find(old, 'ConfigMap').data).not.toHaveProperty('enable-process-ns');
    expect(find(next, 'ConfigMap').data?.['enable-process-ns']).toBe('true');
  });

  it('lists only its own charts under each prefix and every chart at the root', async () => {
    const root = await indexOf(repo.url);
    const kyverno = await indexOf(`${repo.url}/kyverno`);
    const cilium = await indexOf(`${repo.url}/cilium`);
    expect(Object.keys(root.entries).sort()).toEqual(['kyverno', 'tetragon']);
    expect(Object.keys(kyverno.entries)).toEqual(['kyverno']);
    expect(Object.keys(cilium.entries)).toEqual(['tetragon']);
    expect(root.entries.kyverno.map((e) => e.version).sort()).toEqual(['3.5.1', '3.5.2']);
    expect(repo.repositories.map((r) => r.mirrors)).toEqual([
      'https://kyverno.github.io/kyverno/',
      'https://helm.cilium.io/',
    ]);
  });

  it('makes helm fail with its own message for a version the repository does not hold', async () => {
    await expect(
      template('kyverno', `${repo.url}/kyverno`, ['--version', '9.9.9']),
    ).rejects.toThrow(/9\.9\.9/);
  });

  it('answers 404 for an unknown file and 405 for a write', async () => {
    expect((await fetch(`${repo.url}/nope-1.0.0.tgz`)).status).toBe(404);
    expect((await fetch(`${repo.url}/cilium/kyverno-3.5.1.tgz`)).status).toBe(404);
    expect((await fetch(`${repo.url}/index.yaml`, { method: 'POST' })).status).toBe(405);
  });
});
