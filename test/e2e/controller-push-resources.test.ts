// The whole controller in push mode (real push deliverer, real helm, real kubectl) for plain
// resources and profile lifecycle: policyRefs create/update/remove (an object dropped from the
// referenced ConfigMap is deleted from the cluster), stopMatchingBehavior LeavePolicies, syncMode
// OneTime, and deleting a profile withdrawing everything it deployed, with matchingClusters exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProfile, Spec } from '../../api/types/index.js';
import { CLUSTER_PROFILE } from '../../api/gvk.js';
import type { KubeObject } from '../../lib/kube-client.js';
import {
  applyYaml,
  clusterProfileYaml,
  eventsOn,
  getSummary,
  mgmtKubectl,
  releasesIn,
  sourceConfigMapYaml,
  startPushE2E,
  waitForAbsent,
  waitForFeature,
} from '../support/controller-e2e.js';
import type { PushE2E } from '../support/controller-e2e.js';
import { kubectl, waitFor } from '../support/kubectl.js';

let e: PushE2E;

beforeAll(async () => {
  e = await startPushE2E({
    managed: ['cluster02', 'cluster03'],
    clusters: [
      { namespace: 'aks', name: 'cluster02', labels: { env: 'test', fleet: 'a' } },
      { namespace: 'aks', name: 'cluster03', labels: { env: 'test', fleet: 'b' } },
    ],
  });
}, 120_000);

afterAll(async () => {
  await e?.stop();
});

const namespace = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

const configMap = (ns: string, name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
  data,
});

const feature = (
  profile: string,
  cluster: string,
  id: 'Resources' | 'Helm',
): { namespace: string; summary: string; feature: string } => ({
  namespace: 'aks',
  summary: `${profile}-sveltos-${cluster}`,
  feature: id,
});

const policyRef = (name: string): NonNullable<Spec['policyRefs']>[number] => ({
  kind: 'ConfigMap',
  name,
  namespace: 'default',
});

/** A ConfigMap in a managed cluster as JSON (undefined when absent). */
async function managedConfigMap(
  cluster: string,
  ns: string,
  name: string,
): Promise<KubeObject | undefined> {
  const out = await kubectl(['get', 'configmap', '-n', ns, name, '-o', 'json'], {
    kubeconfig: e.env.lab.kubeconfig(cluster),
  });
  return out.code === 0 ? (JSON.parse(out.stdout) as KubeObject) : undefined;
}

async function profileStatus(name: string): Promise<ClusterProfile['status']> {
  const p = await e.env.mgmt.get({
    apiVersion: CLUSTER_PROFILE.apiVersion,
    kind: 'ClusterProfile',
    name,
  });
  return (p as unknown as ClusterProfile | undefined)?.status;
}

async function label(cluster: string, change: string): Promise<void> {
  const out = await mgmtKubectl(e, ['label', 'sveltoscluster', '-n', 'aks', cluster, change]);
  expect(out.stderr).toBe('');
}

describe('policyRefs', () => {
  it('creates the referenced objects, re-applies an edit, deletes a dropped object, and withdraws a removed ref', async () => {
    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'pr-src', [
        namespace('pr-app'),
        configMap('pr-app', 'settings', { mode: 'a' }),
        configMap('pr-app', 'extra', { keep: 'no' }),
      ]),
    );
    const spec: Spec = {
      clusterSelector: { matchLabels: { fleet: 'a' } },
      policyRefs: [policyRef('pr-src')],
    };
    await applyYaml(e, clusterProfileYaml('pr', spec));
    const first = await waitForFeature(
      e,
      feature('pr', 'cluster02', 'Resources'),
      (f) => f.status === 'Provisioned',
    );
    const settings = await managedConfigMap('cluster02', 'pr-app', 'settings');
    expect(settings?.data).toEqual({ mode: 'a' });
    expect(settings?.metadata.labels).toMatchObject({ 'projectsveltos.io/reason': 'Resources' });
    expect(settings?.metadata.annotations).toMatchObject({
      'projectsveltos.io/owner-kind': 'ClusterProfile',
      'projectsveltos.io/owner-name': 'pr',
    });
    expect(await managedConfigMap('cluster02', 'pr-app', 'extra')).toBeDefined();
    expect(await managedConfigMap('cluster03', 'pr-app', 'settings')).toBeUndefined();

    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'pr-src', [
        namespace('pr-app'),
        configMap('pr-app', 'settings', { mode: 'b' }),
      ]),
    );
    await waitForFeature(
      e,
      feature('pr', 'cluster02', 'Resources'),
      (f) => f.status === 'Provisioned' && f.hash !== first.hash,
    );
    expect((await managedConfigMap('cluster02', 'pr-app', 'settings'))?.data).toEqual({
      mode: 'b',
    });
    expect(await managedConfigMap('cluster02', 'pr-app', 'extra')).toBeUndefined();
    expect(await eventsOn(e, 'aks', 'pr-sveltos-cluster02')).toContainEqual(
      expect.objectContaining({ reason: 'ResourcesDeleted' }),
    );

    await applyYaml(e, clusterProfileYaml('pr', { ...spec, policyRefs: [] }));
    await waitForAbsent(e, 'cluster02', ['configmap', '-n', 'pr-app', 'settings']);
    await waitForAbsent(e, 'cluster02', ['namespace', 'pr-app']);
  }, 150_000);
});

describe('stopMatchingBehavior and syncMode', () => {
  it('LeavePolicies: when the label goes, the objects and the release stay and the summary goes', async () => {
    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'leave-src', [
        namespace('leave-app'),
        configMap('leave-app', 'kept', { v: '1' }),
      ]),
    );
    await applyYaml(
      e,
      clusterProfileYaml('leave', {
        clusterSelector: { matchLabels: { leave: 'yes' } },
        stopMatchingBehavior: 'LeavePolicies',
        policyRefs: [policyRef('leave-src')],
        helmCharts: [
          {
            repositoryURL: 'https://helm.cilium.io/',
            repositoryName: 'cilium',
            chartName: 'cilium/tetragon',
            chartVersion: '1.5.0',
            releaseName: 'tg-leave',
            releaseNamespace: 'leave-ns',
            helmChartAction: 'Install',
          },
        ],
      }),
    );
    await label('cluster03', 'leave=yes');
    await waitForFeature(
      e,
      feature('leave', 'cluster03', 'Resources'),
      (f) => f.status === 'Provisioned',
    );
    await waitForFeature(
      e,
      feature('leave', 'cluster03', 'Helm'),
      (f) => f.status === 'Provisioned',
    );

    await label('cluster03', 'leave-');
    await waitFor(async () => !(await getSummary(e, 'aks', 'leave-sveltos-cluster03')), {
      what: 'summary leave-sveltos-cluster03 deleted',
      timeoutMs: 60_000,
    });
    expect((await managedConfigMap('cluster03', 'leave-app', 'kept'))?.data).toEqual({ v: '1' });
    const releases = (await releasesIn(e, 'cluster03')).filter((r) => r.namespace === 'leave-ns');
    expect(releases).toMatchObject([
      { name: 'tg-leave', chart: 'tetragon-1.5.0', status: 'deployed' },
    ]);
    await waitFor(async () => (await profileStatus('leave'))?.matchingClusters === undefined, {
      what: 'matchingClusters of leave emptied',
    });
  }, 150_000);

  it('OneTime: deployed once, and a later source or profile change is not applied', async () => {
    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'once-src', [
        namespace('once-app'),
        configMap('once-app', 'conf', { v: '1' }),
      ]),
    );
    const spec: Spec = {
      clusterSelector: { matchLabels: { fleet: 'a' } },
      syncMode: 'OneTime',
      policyRefs: [policyRef('once-src')],
    };
    await applyYaml(e, clusterProfileYaml('once', spec));
    const ref = feature('once', 'cluster02', 'Resources');
    const first = await waitForFeature(e, ref, (f) => f.status === 'Provisioned');

    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'once-src', [
        namespace('once-app'),
        configMap('once-app', 'conf', { v: '2' }),
      ]),
    );
    await applyYaml(e, clusterProfileYaml('once', { ...spec, continueOnConflict: true }));
    // The controller has seen both changes (its summary carries the new spec, its cache the new
    // source) and has nothing left to do.
    await waitFor(
      async () =>
        (await getSummary(e, 'aks', 'once-sveltos-cluster02'))?.spec?.clusterProfileSpec
          ?.continueOnConflict === true &&
        e.controller.context.stores.configMaps
          .get('once-src', 'default')
          ?.data?.['resources.yaml']?.includes("v: '2'"),
      { what: 'the controller saw both changes' },
    );
    await e.controller.idle();
    expect((await managedConfigMap('cluster02', 'once-app', 'conf'))?.data).toEqual({ v: '1' });
    const after = await getSummary(e, 'aks', 'once-sveltos-cluster02');
    expect(after?.status?.featureSummaries?.find((f) => f.featureID === 'Resources')).toMatchObject(
      {
        status: 'Provisioned',
        hash: first.hash,
      },
    );
  }, 120_000);
});

describe('profile lifecycle', () => {
  it('matchingClusters follows labels exactly, and deleting the profile withdraws all it deployed', async () => {
    await applyYaml(
      e,
      sourceConfigMapYaml('default', 'wd-src', [
        namespace('wd-app'),
        configMap('wd-app', 'app', { x: '1' }),
      ]),
    );
    await label('cluster02', 'wd=yes');
    await label('cluster03', 'wd=yes');
    await applyYaml(
      e,
      clusterProfileYaml('wd', {
        clusterSelector: { matchLabels: { wd: 'yes' } },
        policyRefs: [policyRef('wd-src')],
        helmCharts: [
          {
            repositoryURL: 'https://helm.cilium.io/',
            repositoryName: 'cilium',
            chartName: 'cilium/tetragon',
            chartVersion: '1.5.1',
            releaseName: 'tg-wd',
            releaseNamespace: 'wd-ns',
            helmChartAction: 'Install',
          },
        ],
      }),
    );
    for (const c of ['cluster02', 'cluster03']) {
      await waitForFeature(e, feature('wd', c, 'Resources'), (f) => f.status === 'Provisioned');
      await waitForFeature(e, feature('wd', c, 'Helm'), (f) => f.status === 'Provisioned');
    }
    await waitFor(
      async () => (await profileStatus('wd'))?.updatedClusters?.clusters?.length === 2,
      {
        what: 'both clusters updated',
      },
    );
    const both = await profileStatus('wd');
    expect(both?.matchingClusters?.map((r) => `${r.namespace}/${r.name}`).sort()).toEqual([
      'aks/cluster02',
      'aks/cluster03',
    ]);
    expect(both?.failedClusters).toBeUndefined();

    await label('cluster03', 'wd-');
    await waitFor(
      async () =>
        JSON.stringify((await profileStatus('wd'))?.matchingClusters?.map((r) => r.name)) ===
        '["cluster02"]',
      { what: 'matchingClusters is exactly cluster02' },
    );
    await waitForAbsent(e, 'cluster03', ['configmap', '-n', 'wd-app', 'app']);
    await waitFor(async () => (await releasesIn(e, 'cluster03')).every((r) => r.name !== 'tg-wd'), {
      what: 'tg-wd uninstalled from cluster03',
      timeoutMs: 60_000,
    });

    const deleted = await mgmtKubectl(e, ['delete', 'clusterprofile', 'wd', '--timeout=90s']);
    expect(deleted.code).toBe(0);
    expect(await managedConfigMap('cluster02', 'wd-app', 'app')).toBeUndefined();
    expect((await releasesIn(e, 'cluster02')).filter((r) => r.name === 'tg-wd')).toEqual([]);
    expect(await getSummary(e, 'aks', 'wd-sveltos-cluster02')).toBeUndefined();
    const events = await eventsOn(e, 'default', 'wd');
    expect(events.map((ev) => ev.reason)).toEqual(
      expect.arrayContaining([
        'ClusterMatched',
        'ClusterUnmatched',
        'FeatureProvisioned',
        'FeatureRemoved',
      ]),
    );
  }, 180_000);
});

describe('tier conflicts over one object', () => {
  it('a lower tier applied later takes the object over, and the previous owner reports the conflict', async () => {
    const shared = (value: string): string =>
      sourceConfigMapYaml('default', `shared-${value}`, [
        configMap('default', 'shared-settings', { owner: value }),
      ]);
    await applyYaml(e, shared('high'));
    await applyYaml(e, shared('low'));
    const spec = (source: string, tier: number): Spec => ({
      clusterSelector: { matchLabels: { fleet: 'a' } },
      tier,
      policyRefs: [policyRef(source)],
    });
    await applyYaml(e, clusterProfileYaml('obj-high', spec('shared-high', 100)));
    await waitForFeature(
      e,
      feature('obj-high', 'cluster02', 'Resources'),
      (f) => f.status === 'Provisioned',
    );

    await applyYaml(e, clusterProfileYaml('obj-low', spec('shared-low', 10)));
    await waitForFeature(
      e,
      feature('obj-low', 'cluster02', 'Resources'),
      (f) => f.status === 'Provisioned',
    );
    const live = await managedConfigMap('cluster02', 'default', 'shared-settings');
    expect(live?.data).toEqual({ owner: 'low' });
    expect(live?.metadata.annotations).toMatchObject({
      'projectsveltos.io/owner-name': 'obj-low',
      'projectsveltos.io/owner-tier': '10',
    });
    const lost = await waitForFeature(
      e,
      feature('obj-high', 'cluster02', 'Resources'),
      (f) => f.status === 'Failed',
    );
    expect(lost.failureMessage).toContain(
      'ConfigMap default/shared-settings is managed by ClusterProfile obj-low',
    );
    expect(await eventsOn(e, 'aks', 'obj-high-sveltos-cluster02')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'TakenOver' }),
    );

    // The winner withdraws: the loser takes the object back.
    await mgmtKubectl(e, ['delete', 'clusterprofile', 'obj-low', '--timeout=60s']);
    await waitForFeature(
      e,
      feature('obj-high', 'cluster02', 'Resources'),
      (f) => f.status === 'Provisioned',
    );
    expect((await managedConfigMap('cluster02', 'default', 'shared-settings'))?.data).toEqual({
      owner: 'high',
    });
  }, 150_000);
});
