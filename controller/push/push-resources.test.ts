// The push deliverer's Resources feature against lab clusters: policyRefs objects created,
// updated and (when removed from the ConfigMap) deleted; ownership marks; tier conflicts between
// two summaries; withdrawal; an RBAC refusal in the managed cluster and a missing kubeconfig
// Secret reported with the API's own words.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../lib/kube-client.js';
import { limitedServiceAccount } from '../../test/support/managed-access.js';
import { startPushWorld } from '../../test/support/push-world.js';
import type { PushWorld } from '../../test/support/push-world.js';

let world: PushWorld;

const configMap = (name: string, namespace: string, value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  value: "${value}"\n`;
const namespace = (name: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

async function liveConfigMap(
  cluster: string,
  ns: string,
  name: string,
): Promise<KubeObject | undefined> {
  return world.env
    .clientOf(cluster)
    .get({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace: ns });
}

beforeAll(async () => {
  world = await startPushWorld(['res1', 'res2']);
});

afterAll(async () => {
  await world?.stop();
});

describe('push delivery of policyRefs resources', () => {
  it('creates, updates and deletes the objects of a referenced ConfigMap, then withdraws them', async () => {
    await world.putConfigMap('aks', 'shop-policies', {
      'ns.yaml': namespace('shop'),
      'settings.yaml': `${configMap('settings', 'shop', 'one')}---\n${configMap('extra', 'shop', 'x')}`,
    });
    const target = await world.summary({
      profile: 'deploy-shop',
      cluster: 'res1',
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'shop-policies' }] },
    });

    const first = await world.deploy(target, 'Resources');
    expect(first.failureMessage).toBeUndefined();
    expect(first).toEqual({
      status: 'Provisioned',
      deployedGroupVersionKind: ['ConfigMap.v1.', 'Namespace.v1.'],
    });
    const settings = await liveConfigMap('res1', 'shop', 'settings');
    expect(settings?.data).toEqual({ value: 'one' });
    expect(settings?.metadata.labels).toMatchObject({ 'projectsveltos.io/reason': 'Resources' });
    expect(settings?.metadata.annotations).toMatchObject({
      'projectsveltos.io/owner-kind': 'ClusterProfile',
      'projectsveltos.io/owner-name': 'deploy-shop',
      'projectsveltos.io/owner-tier': '100',
      'projectsveltos.io/cluster-summary': 'aks/deploy-shop-sveltos-res1',
      'projectsveltos.io/reference-name': 'shop-policies',
    });
    const managers = (settings?.metadata.managedFields ?? []) as Array<{ manager?: string }>;
    expect(managers.map((f) => f.manager)).toContain('sveltos-controller');

    await world.putConfigMap('aks', 'shop-policies', {
      'ns.yaml': namespace('shop'),
      'settings.yaml': configMap('settings', 'shop', 'two'),
    });
    expect((await world.deploy(target, 'Resources')).status).toBe('Provisioned');
    expect((await liveConfigMap('res1', 'shop', 'settings'))?.data).toEqual({ value: 'two' });
    expect(await liveConfigMap('res1', 'shop', 'extra')).toBeUndefined();
    const events = await world.eventsOf(target);
    expect(events).toContainEqual(
      expect.objectContaining({
        reason: 'ResourcesDeleted',
        message: expect.stringContaining('ConfigMap shop/extra'),
      }),
    );

    expect(await world.withdraw(target, 'Resources')).toEqual({ status: 'Removed' });
    expect(await liveConfigMap('res1', 'shop', 'settings')).toBeUndefined();
    expect(
      await world.env.clientOf('res1').get({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' }),
    ).toSatisfy(
      (ns: KubeObject | undefined) =>
        ns === undefined || ns.metadata.deletionTimestamp !== undefined,
    );
  });

  it('gives a shared object to the first owner at equal tiers and to the lower tier otherwise', async () => {
    await world.putConfigMap('aks', 'shared-a', {
      'cm.yaml': configMap('shared', 'default', 'from-a'),
    });
    await world.putConfigMap('aks', 'shared-b', {
      'cm.yaml': `${configMap('shared', 'default', 'from-b')}---\n${configMap('only-b', 'default', 'b')}`,
    });
    const a = await world.summary({
      profile: 'team-a',
      cluster: 'res1',
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'shared-a' }] },
    });
    const b = await world.summary({
      profile: 'team-b',
      cluster: 'res1',
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'shared-b' }] },
    });
    const c = await world.summary({
      profile: 'team-c',
      cluster: 'res1',
      tier: 10,
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'shared-b' }] },
    });

    expect((await world.deploy(a, 'Resources')).status).toBe('Provisioned');
    const conflict = await world.deploy(b, 'Resources');
    expect(conflict).toEqual({
      status: 'Failed',
      failureMessage:
        'ConfigMap default/shared is managed by ClusterProfile team-a (tier 100) (first owner at equal tier keeps it)',
      conflict: true,
    });
    expect((await liveConfigMap('res1', 'default', 'shared'))?.data).toEqual({ value: 'from-a' });
    expect(await liveConfigMap('res1', 'default', 'only-b')).toBeUndefined();

    b.summary.spec!.clusterProfileSpec!.continueOnConflict = true;
    const partial = await world.deploy(b, 'Resources');
    expect(partial.status).toBe('Failed');
    expect((await liveConfigMap('res1', 'default', 'only-b'))?.data).toEqual({ value: 'b' });

    expect((await world.deploy(c, 'Resources')).status).toBe('Provisioned');
    const shared = await liveConfigMap('res1', 'default', 'shared');
    expect(shared?.data).toEqual({ value: 'from-b' });
    expect(shared?.metadata.annotations?.['projectsveltos.io/owner-name']).toBe('team-c');
    expect(await world.eventsOf(a)).toContainEqual({
      type: 'Warning',
      reason: 'TakenOver',
      message:
        'ConfigMap default/shared in cluster aks/res1 is now managed by ClusterProfile team-c (tier 10) (tier 10 wins over ClusterProfile team-a (tier 100))',
    });
    expect((await world.deploy(a, 'Resources')).failureMessage).toBe(
      'ConfigMap default/shared is managed by ClusterProfile team-c (tier 10) (lower tier wins)',
    );

    // Withdrawing a loser leaves the winner's object alone.
    await world.withdraw(a, 'Resources');
    expect(await liveConfigMap('res1', 'default', 'shared')).toBeDefined();
    await world.withdraw(c, 'Resources');
    expect(await liveConfigMap('res1', 'default', 'shared')).toBeUndefined();
    await world.withdraw(b, 'Resources');
    expect(await liveConfigMap('res1', 'default', 'only-b')).toBeUndefined();
  });

  it('fails with the API server’s reason when the cluster’s credentials may not write', async () => {
    const admin = world.env.lab.kubeconfig('res2');
    const access = await limitedServiceAccount(world.env.lab.cluster('res2'), admin, {
      namespace: 'team',
      name: 'sveltos',
      rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }],
    });
    await world.env.registerCluster({
      namespace: 'limited',
      name: 'res2',
      kubeconfig: access.kubeconfig,
    });
    await world.putConfigMap('limited', 'policies', {
      'cm.yaml': configMap('denied', 'team', 'x'),
    });
    const target = await world.summary({
      profile: 'limited-profile',
      cluster: 'res2',
      clusterNamespace: 'limited',
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'policies' }] },
    });
    const outcome = await world.deploy(target, 'Resources');
    expect(outcome.status).toBe('Failed');
    expect(outcome.failureMessage).toContain(
      'Failed to apply ConfigMap team/denied: Permission denied',
    );
    expect(outcome.failureMessage).toContain(
      `User "${access.user}" cannot patch resource "configmaps" in API group "" in the namespace "team"`,
    );
    expect(readFileSync(admin, 'utf8')).not.toBe(access.kubeconfig);
  });

  it('fails naming the Secret when the cluster has no kubeconfig', async () => {
    await world.env.registerCluster({ namespace: 'nosecret', name: 'res1', withoutSecret: true });
    await world.putConfigMap('nosecret', 'p', { 'cm.yaml': configMap('x', 'default', 'x') });
    const target = await world.summary({
      profile: 'orphan',
      cluster: 'res1',
      clusterNamespace: 'nosecret',
      spec: { policyRefs: [{ kind: 'ConfigMap', name: 'p' }] },
    });
    const outcome = await world.deploy(target, 'Resources');
    expect(outcome).toEqual({
      status: 'Failed',
      failureMessage:
        "Secret nosecret/res1-sveltos-kubeconfig with the cluster's kubeconfig does not exist",
    });
  });
});
