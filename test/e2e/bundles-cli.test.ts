// `kubectl sveltos bundles` as a real process against the lab: per pull-mode cluster the agent's
// heartbeat, one row per ConfigurationGroup (profile, feature, action, bundle and resource counts,
// size, status for this generation), `-o wide|json|yaml`, the empty scope's sentence, filters,
// and every refusal with its exit code. Groups and bundles are written by hand in Sveltos' format.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundlesWorld } from './bundles-cli-world.js';
import { closedPort } from './register-harness.js';
import { objects, parseTable, requestorHashOf, startBundlesWorld } from './bundles-cli-world.js';

let world: BundlesWorld;
/** A namespace with two pull clusters (one silent), a push cluster and three groups. */
let ns: string;

const KYVERNO = { kind: 'ClusterProfile' as const, name: 'deploy-kyverno' };
const CILIUM = { kind: 'ClusterProfile' as const, name: 'cilium' };

beforeAll(async () => {
  world = await startBundlesWorld();
  ns = await world.namespace('rke2');
  const beat = new Date(Date.now() - 5_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await world.cluster(ns, 'cluster01', {
    pullMode: true,
    status: { ready: true, agentLastReportTime: beat, connectionStatus: 'Healthy' },
  });
  await world.cluster(ns, 'cluster03', {
    pullMode: true,
    status: { ready: false, failureMessage: 'Agent has not reported yet' },
  });
  await world.cluster(ns, 'cluster02', { pullMode: false, status: { ready: true } });
  const b1 = await world.bundle(ns, 'config-a1', [
    objects.namespace('kyverno'),
    objects.configMap('kyverno', 'settings', { mode: 'enforce' }),
  ]);
  const b2 = await world.bundle(ns, 'config-a2', [objects.configMap('kyverno', 'rules')]);
  await world.group(ns, 'cg-kyverno', {
    cluster: 'cluster01',
    profile: KYVERNO,
    feature: 'Resources',
    items: [b1, b2],
  });
  const h1 = await world.bundle(ns, 'config-h1', [objects.configMap('kube-system', 'cilium')]);
  await world.group(ns, 'cg-cilium', {
    cluster: 'cluster01',
    profile: CILIUM,
    feature: 'Helm',
    items: [h1],
  });
  await world.groupStatus(ns, 'cg-cilium', {
    status: 'Failed',
    failureMessage: 'ConfigMap kube-system/cilium: forbidden',
    current: true,
  });
  await world.group(ns, 'cg-gone', {
    cluster: 'cluster03',
    profile: { kind: 'Profile', name: 'removed-profile' },
    feature: 'Resources',
    action: 'Remove',
  });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

const GROUP_HEADER = [
  'CLUSTER',
  'PROFILE',
  'FEATURE',
  'ACTION',
  'BUNDLES',
  'RESOURCES',
  'SIZE',
  'STATUS',
  'AGE',
];

function tables(stdout: string): string[] {
  return stdout.split('\n\n');
}

describe('kubectl sveltos bundles', () => {
  it('lists each pull-mode cluster with its agent heartbeat, then one row per group', async () => {
    const res = await world.plugin(['bundles', '-n', ns]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const [clusters = '', groups = ''] = tables(res.stdout);
    const beats = parseTable(clusters);
    expect(beats.map((b) => b['CLUSTER'])).toEqual([`${ns}/cluster01`, `${ns}/cluster03`]);
    expect(beats[0]).toMatchObject({ READY: 'true', GROUPS: '2' });
    expect(beats[0]?.['LAST HEARTBEAT']).toMatch(/^\d+s$/);
    expect(beats[1]).toMatchObject({ READY: 'false', 'LAST HEARTBEAT': '<never>', GROUPS: '1' });

    expect(groups.split('\n')[0]?.split(/\s{3,}/)).toEqual(GROUP_HEADER);
    const rows = parseTable(groups);
    expect(rows.map((r) => [r['CLUSTER'], r['PROFILE'], r['FEATURE'], r['ACTION']])).toEqual([
      [`${ns}/cluster01`, 'ClusterProfile/cilium', 'Helm', 'Deploy'],
      [`${ns}/cluster01`, 'ClusterProfile/deploy-kyverno', 'Resources', 'Deploy'],
      [`${ns}/cluster03`, 'Profile/removed-profile', 'Resources', 'Remove'],
    ]);
    expect(rows[0]).toMatchObject({ BUNDLES: '1', RESOURCES: '1', STATUS: 'Failed' });
    expect(rows[1]).toMatchObject({ BUNDLES: '2', RESOURCES: '3', STATUS: 'Pending' });
    expect(rows[1]?.['SIZE']).toMatch(/^\d+B$/);
    expect(rows[2]).toMatchObject({ BUNDLES: '0', RESOURCES: '0', SIZE: '0B', STATUS: 'Pending' });
    expect(rows[2]?.['AGE']).toMatch(/^\d+s$/);
  });

  it('-o wide adds the group, hash checks, requestor hash, generations and messages', async () => {
    const res = await world.plugin(['bundles', '-n', ns, '--cluster', 'cluster01', '-o', 'wide']);
    expect(res.code).toBe(0);
    const [clusters = '', groups = ''] = tables(res.stdout);
    expect(parseTable(clusters)[0]).toMatchObject({ CONNECTION: 'Healthy' });
    const rows = parseTable(groups);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      GROUP: 'cg-cilium',
      VERIFIED: '1/1',
      HASH: requestorHashOf('cg-cilium').slice(0, 12),
      OBSERVED: '1/1',
      MESSAGE: 'ConfigMap kube-system/cilium: forbidden',
    });
    expect(rows[1]).toMatchObject({
      GROUP: 'cg-kyverno',
      VERIFIED: '2/2',
      OBSERVED: '-/1',
      MESSAGE: 'Waiting for the agent to process this generation',
    });
    const silent = await world.plugin([
      'bundles',
      '-n',
      ns,
      '--cluster',
      'cluster03',
      '-o',
      'wide',
    ]);
    const [beats = '', waiting = ''] = tables(silent.stdout);
    expect(parseTable(beats)[0]).toMatchObject({ MESSAGE: 'Agent has not reported yet' });
    expect(parseTable(waiting)[0]).toMatchObject({
      MESSAGE: `Waiting: the agent of ${ns}/cluster03 is not ready or not reporting`,
    });
  });

  it('-o json prints a parsable report with the scope and every group', async () => {
    const res = await world.plugin(['bundles', '-n', ns, '-o', 'json']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout) as {
      scope: unknown;
      everythingDelivered: boolean;
      clusters: Array<{ name: string; groups: Array<Record<string, unknown>> }>;
    };
    expect(doc.scope).toEqual({ allNamespaces: false, namespace: ns });
    expect(doc.everythingDelivered).toBe(false);
    expect(doc.clusters.map((c) => c.name)).toEqual(['cluster01', 'cluster03']);
    const kyverno = doc.clusters[0]?.groups[1];
    expect(kyverno).toMatchObject({
      name: 'cg-kyverno',
      cluster: 'cluster01',
      profile: { kind: 'ClusterProfile', name: 'deploy-kyverno' },
      requestor: { kind: 'ClusterSummary', name: 'deploy-kyverno-sveltos-cluster01' },
      feature: 'Resources',
      action: 'Deploy',
      bundles: 2,
      verifiedBundles: 2,
      missingBundles: 0,
      resources: 3,
      status: 'Pending',
    });
    expect(kyverno?.['sizeBytes']).toBeGreaterThan(0);
  });

  it('-o yaml prints the same report as YAML', async () => {
    const res = await world.plugin([
      'bundles',
      '-n',
      ns,
      '--profile',
      'ClusterProfile/cilium',
      '-o',
      'yaml',
    ]);
    expect(res.code).toBe(0);
    const doc = load(res.stdout) as { scope: unknown; clusters: Array<{ groups: unknown[] }> };
    expect(doc.scope).toEqual({
      allNamespaces: false,
      namespace: ns,
      profile: { kind: 'ClusterProfile', name: 'cilium' },
    });
    expect(doc.clusters.flatMap((c) => c.groups)).toHaveLength(1);
  });

  it('--cluster and --profile narrow the rows; a deleted profile with groups is still found', async () => {
    const res = await world.plugin(['bundles', '-n', ns, '--profile', 'profile/removed-profile']);
    expect(res.code).toBe(0);
    const rows = parseTable(tables(res.stdout)[1] ?? '');
    expect(rows.map((r) => r['PROFILE'])).toEqual(['Profile/removed-profile']);
  });

  it('-A lists clusters of every namespace', async () => {
    const other = await world.namespace('aks');
    await world.cluster(other, 'edge', { pullMode: true });
    const res = await world.plugin(['bundles', '-A']);
    expect(res.code).toBe(0);
    const names = parseTable(tables(res.stdout)[0] ?? '').map((b) => b['CLUSTER']);
    expect(names).toEqual(expect.arrayContaining([`${ns}/cluster01`, `${other}/edge`]));
    expect(names).not.toContain(`${ns}/cluster02`);
  });

  it('through kubectl plugin dispatch, with the context namespace as default', async () => {
    const res = await world.kubectl([
      'sveltos',
      'bundles',
      '--namespace',
      ns,
      '--cluster',
      'cluster03',
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(parseTable(tables(res.stdout)[1] ?? '')[0]).toMatchObject({ ACTION: 'Remove' });
    const defaults = await world.plugin(['bundles']);
    expect(defaults.code).toBe(0);
    expect(defaults.stdout).toContain('No pull-mode SveltosClusters in namespace default\n');
  });
});

describe('an empty scope says everything has been delivered', () => {
  it('names the namespace and cluster, and still shows the heartbeat', async () => {
    const empty = await world.namespace('done');
    await world.cluster(empty, 'c1', { pullMode: true, status: { ready: true } });
    const res = await world.plugin(['bundles', '-n', empty, '--cluster', 'c1']);
    expect(res.code).toBe(0);
    const [clusters = '', message] = tables(res.stdout);
    expect(parseTable(clusters)[0]).toMatchObject({ CLUSTER: `${empty}/c1`, GROUPS: '0' });
    expect(message).toBe(
      `No ConfigurationGroups in namespace ${empty}, cluster c1: everything has been delivered\n`,
    );
    const json = JSON.parse((await world.plugin(['bundles', '-n', empty, '-o', 'json'])).stdout);
    expect(json.everythingDelivered).toBe(true);
  });
});

describe('refusals', () => {
  it.each([
    [
      ['--cluster', 'nope'],
      (n: string) => `error: SveltosCluster "nope" not found in namespace "${n}"\n`,
    ],
    [
      ['--cluster', 'cluster02'],
      (n: string) =>
        `error: SveltosCluster ${n}/cluster02 is in push mode: the management cluster deploys to it directly, so it has no bundles\n`,
    ],
    [['--profile', 'ClusterProfile/nope'], () => 'error: ClusterProfile "nope" not found\n'],
    [
      ['--profile', 'Profile/nope'],
      (n: string) => `error: Profile "nope" not found in namespace "${n}"\n`,
    ],
  ])('bundles %j fails with exit 1 naming what is missing', async (flags, message) => {
    const res = await world.plugin(['bundles', '-n', ns, ...flags]);
    expect(res).toEqual({ code: 1, stdout: '', stderr: message(ns) });
  });

  it('a management cluster without the Sveltos CRDs, or unreachable, is named', async () => {
    world.env.lab.addCluster('bare');
    const bare = await world.plugin(['bundles'], world.env.lab.kubeconfig('bare'));
    expect(bare.code).toBe(1);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(
      /^error: The management cluster does not serve (SveltosCluster|ConfigurationGroup|ConfigurationBundle) \(lib\.projectsveltos\.io\/v1beta1\): are the Sveltos CRDs installed\?\n$/,
    );
    const port = await closedPort();
    const text = readFileSync(world.env.mgmtKubeconfig, 'utf8');
    const down = join(world.env.lab.dir, 'down.kubeconfig');
    writeFileSync(down, text.replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${port}`));
    const res = await world.plugin(['bundles', '-n', ns], down);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Unable to connect to the management cluster at https://127.0.0.1:${port}/clusters/mgmt: connection refused\n`,
    });
  });

  it.each([
    [
      ['--profile', 'kyverno'],
      'Invalid --profile "kyverno": expected ClusterProfile/NAME or Profile/NAME',
    ],
    [['-A', '-n', 'x'], 'Flags --namespace and --all-namespaces cannot be used together'],
    [['--cluster', 'Bad_Name'], 'Invalid --cluster "Bad_Name": '],
    [['--bogus'], 'Unknown flag: --bogus'],
    [
      ['-o', 'table'],
      'Invalid value "table" for flag --output: choose one of "wide", "json", "yaml"',
    ],
  ])('bundles %j is a usage error (exit 2)', async (flags, message) => {
    const res = await world.plugin(['bundles', ...flags]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.startsWith(`error: ${message}`)).toBe(true);
    expect(res.stderr).toContain("See 'kubectl sveltos bundles --help' for usage.\n");
  });
});
