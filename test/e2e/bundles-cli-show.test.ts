// `kubectl sveltos bundles show` as a real process against the lab: one group's bundles in apply
// order with their objects, and the same hash check the agent makes — a verified bundle, one
// edited by hand after the group listed its hash, one that is missing; selection by name or by
// cluster, profile and feature; `-o json`; refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundlesWorld, WrittenBundle } from './bundles-cli-world.js';
import { objects, parseTable, startBundlesWorld } from './bundles-cli-world.js';

let world: BundlesWorld;
let ns: string;
let good: WrittenBundle;
let tampered: WrittenBundle;

const KYVERNO = { kind: 'ClusterProfile' as const, name: 'deploy-kyverno' };

beforeAll(async () => {
  world = await startBundlesWorld();
  ns = await world.namespace('rke2');
  const beat = new Date(Date.now() - 3_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await world.cluster(ns, 'cluster01', {
    pullMode: true,
    status: { ready: true, agentLastReportTime: beat },
  });
  good = await world.bundle(ns, 'config-good', [
    objects.namespace('kyverno'),
    objects.configMap('kyverno', 'settings', { mode: 'enforce' }),
  ]);
  tampered = await world.bundle(ns, 'config-edited', [objects.configMap('kyverno', 'rules')]);
  await world.tamper(ns, 'config-edited', [
    objects.configMap('kyverno', 'rules', { injected: 'by hand' }),
  ]);
  const missing = { name: 'config-missing', hash: good.hash };
  await world.group(ns, 'cg-resources', {
    cluster: 'cluster01',
    profile: KYVERNO,
    feature: 'Resources',
    items: [good, tampered, missing],
  });
  await world.group(ns, 'cg-helm', {
    cluster: 'cluster01',
    profile: KYVERNO,
    feature: 'Helm',
    items: [good],
    updatePhase: 'Preparing',
  });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

function blocks(stdout: string): string[] {
  return stdout.split('\n\n');
}

function unindent(block: string): string {
  return block
    .split('\n')
    .slice(1)
    .map((l) => l.slice(2))
    .join('\n');
}

describe('kubectl sveltos bundles show', () => {
  it('prints the group, then each bundle with its objects and whether its hash verifies', async () => {
    const res = await world.plugin(['bundles', 'show', 'cg-resources', '-n', ns]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const [head = '', first = '', second = '', third = ''] = blocks(res.stdout);
    expect(head).toContain(`Group:     ${ns}/cg-resources\n`);
    expect(head).toMatch(
      new RegExp(`Cluster:   ${ns}/cluster01 \\(ready, agent last heartbeat \\d+s ago\\)\n`),
    );
    expect(head).toContain('Profile:   ClusterProfile/deploy-kyverno\n');
    expect(head).toContain('Requestor: ClusterSummary/deploy-kyverno-sveltos-cluster01\n');
    expect(head).toContain('Feature:   Resources\n');
    expect(head).toContain('Action:    Deploy\n');
    expect(head).toContain('Status:    Pending (generation 1, agent observed none)\n');

    expect(first.split('\n')[0]).toMatch(
      new RegExp(`^Bundle 1 of 3: ${ns}/config-good, 2 resources, \\d+B, hash verified$`),
    );
    expect(parseTable(unindent(first))).toEqual([
      { KIND: 'Namespace', NAMESPACE: '<none>', NAME: 'kyverno' },
      { KIND: 'ConfigMap', NAMESPACE: 'kyverno', NAME: 'settings' },
    ]);
    expect(second.split('\n')[0]).toMatch(
      new RegExp(
        `^Bundle 2 of 3: ${ns}/config-edited, 1 resource, \\d+B, hash MISMATCH: group lists ${tampered.hash.slice(0, 12)}, content is [0-9a-f]{12}$`,
      ),
    );
    expect(parseTable(unindent(second))).toEqual([
      { KIND: 'ConfigMap', NAMESPACE: 'kyverno', NAME: 'rules' },
    ]);
    expect(third).toBe(`Bundle 3 of 3: ${ns}/config-missing, MISSING: the bundle does not exist\n`);
  });

  it('-o json gives both hashes and the verdict per bundle', async () => {
    const res = await world.plugin(['bundles', 'show', 'cg-resources', '-n', ns, '-o', 'json']);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout) as {
      group: { name: string; verifiedBundles: number; missingBundles: number };
      cluster: { ready: boolean };
      bundles: Array<Record<string, unknown>>;
    };
    expect(doc.group).toMatchObject({
      name: 'cg-resources',
      verifiedBundles: 1,
      missingBundles: 1,
    });
    expect(doc.cluster.ready).toBe(true);
    expect(doc.bundles.map((b) => [b['name'], b['exists'], b['verified']])).toEqual([
      ['config-good', true, true],
      ['config-edited', true, false],
      ['config-missing', false, false],
    ]);
    expect(doc.bundles[0]).toMatchObject({ listedHash: good.hash, contentHash: good.hash });
    expect(doc.bundles[1]?.['contentHash']).not.toBe(tampered.hash);
    expect(doc.bundles[0]?.['objects']).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', name: 'kyverno' },
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kyverno', name: 'settings' },
    ]);
  });

  it('finds a group by --cluster, --profile and --feature', async () => {
    const args = ['bundles', 'show', '-n', ns, '--cluster', 'cluster01'];
    const res = await world.plugin([
      ...args,
      '--profile',
      'ClusterProfile/deploy-kyverno',
      '--feature',
      'Helm',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Group:     ${ns}/cg-helm\n`);
    expect(res.stdout).toContain('Phase:     Preparing\n');
    expect(res.stdout).toContain('Status:    Preparing (generation 1, agent observed none)\n');
    const both = await world.plugin([...args, '--profile', 'ClusterProfile/deploy-kyverno']);
    expect(both).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: 2 ConfigurationGroups match (${ns}/cg-helm, ${ns}/cg-resources): add --feature\n`,
    });
  });

  it('the list shows the failed hash check and the missing bundle', async () => {
    const res = await world.plugin(['bundles', '-n', ns, '-o', 'wide']);
    expect(res.code).toBe(0);
    const rows = parseTable(blocks(res.stdout)[1] ?? '');
    expect(rows.find((r) => r['GROUP'] === 'cg-resources')).toMatchObject({
      BUNDLES: '3 (1 missing)',
      RESOURCES: '3',
      VERIFIED: '1/3',
      STATUS: 'Pending',
    });
    expect(rows.find((r) => r['GROUP'] === 'cg-helm')).toMatchObject({
      STATUS: 'Preparing',
      MESSAGE: 'The controller is still writing bundles',
    });
  });
});

describe('bundles show refusals', () => {
  it('an unknown group fails with exit 1 naming it and the namespace', async () => {
    const res = await world.plugin(['bundles', 'show', 'cg-nope', '-n', ns]);
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ConfigurationGroup "cg-nope" not found in namespace "${ns}"\n`,
    });
  });

  it('no group for a profile says so, naming the scope', async () => {
    const res = await world.plugin([
      'bundles',
      'show',
      '-n',
      ns,
      '--cluster',
      'cluster01',
      '--profile',
      'ClusterProfile/deploy-kyverno',
      '--feature',
      'Kustomize',
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `error: No ConfigurationGroup for namespace ${ns}, cluster cluster01, ClusterProfile deploy-kyverno, feature Kustomize: everything has been delivered, or nothing was staged\n`,
    );
  });

  it.each([
    [[], 'A group is required: GROUP, or --cluster with --profile (and --feature)'],
    [
      ['cg-x', '--cluster', 'c1'],
      'Give either GROUP or --cluster with --profile (and --feature), not both',
    ],
    [
      ['--cluster', 'c1', '--profile', 'ClusterProfile/p', '--feature', 'Charts'],
      'Invalid value "Charts" for flag --feature',
    ],
  ])('bundles show %j is a usage error (exit 2)', async (args, message) => {
    const res = await world.plugin(['bundles', 'show', ...args]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.startsWith(`error: ${message}`)).toBe(true);
    expect(res.stderr).toContain("See 'kubectl sveltos bundles show --help' for usage.\n");
  });
});
