// Profile matching against the lab with real client-node and the controller in-process (a
// recording deliverer stands in for push delivery, which is not the subject here): summaries
// created with Sveltos' names, labels and owner, deleted when a cluster stops matching,
// Profiles confined to their namespace, profile deletion waiting for its summaries, status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_PROFILE, CLUSTER_SUMMARY, PROFILE, SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { ClusterProfile, ClusterSummary, Profile } from '../../api/types/index.js';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { CONFIG_MAPS, collectionPath, objectPath } from '../../lib/resource-paths.js';
import { startControllerEnv } from '../../test/support/controller-env.js';
import type { ControllerTestEnv } from '../../test/support/controller-env.js';
import {
  RecordingDeliverer,
  rawClient,
  startTestController,
} from '../../test/support/controller-harness.js';
import { waitFor } from '../../test/support/kubectl.js';
import type { ControllerHandle } from '../start.js';

let env: ControllerTestEnv;
let controller: ControllerHandle;
let mgmt: KubeHttpClient;
const deliverer = new RecordingDeliverer();

beforeAll(async () => {
  env = await startControllerEnv({ managed: ['m1', 'm2'] });
  mgmt = rawClient(env, 'mgmt');
  await env.registerCluster({ namespace: 'fleet', name: 'm1', labels: { env: 'test' } });
  await env.registerCluster({ namespace: 'fleet', name: 'm2', labels: { env: 'prod' } });
  await env.ensureNamespace('other');
  await mgmt.request({
    method: 'POST',
    path: collectionPath(CONFIG_MAPS, 'default'),
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'policies', namespace: 'default' },
      data: { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-profile\n' },
    },
  });
  controller = await startTestController(
    env,
    {},
    { deliverers: { push: deliverer, pull: deliverer } },
  );
  await controller.whenReconciling();
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  mgmt?.close();
  await env?.stop();
});

function clusterProfile(name: string, spec: Record<string, unknown>): Promise<ClusterProfile> {
  return mgmt.request({
    method: 'POST',
    path: collectionPath(CLUSTER_PROFILE),
    body: {
      apiVersion: CLUSTER_PROFILE.apiVersion,
      kind: 'ClusterProfile',
      metadata: { name },
      spec,
    },
  });
}

function getSummary(namespace: string, name: string): Promise<ClusterSummary | undefined> {
  return mgmt
    .request<ClusterSummary>({ method: 'GET', path: objectPath(CLUSTER_SUMMARY, name, namespace) })
    .catch((err: { code?: number }) => {
      if (err.code === 404) return undefined;
      throw err;
    });
}

function getClusterProfile(name: string): Promise<ClusterProfile | undefined> {
  return mgmt
    .request<ClusterProfile>({ method: 'GET', path: objectPath(CLUSTER_PROFILE, name) })
    .catch(() => undefined);
}

function label(
  namespace: string,
  name: string,
  labels: Record<string, string | null>,
): Promise<unknown> {
  return mgmt.request({
    method: 'PATCH',
    path: objectPath(SVELTOS_CLUSTER, name, namespace),
    contentType: 'application/merge-patch+json',
    body: { metadata: { labels } },
  });
}

const policyRefs = [{ kind: 'ConfigMap', name: 'policies', namespace: 'default' }];

describe('profile matching', () => {
  it('creates one ClusterSummary per matching cluster, named, labelled and owned as Sveltos does', async () => {
    const profile = await clusterProfile('select-test', {
      clusterSelector: { matchLabels: { env: 'test' } },
      policyRefs,
    });
    const summary = await waitFor(() => getSummary('fleet', 'select-test-sveltos-m1'), {
      what: 'summary',
    });
    expect(summary.metadata.labels).toMatchObject({
      'projectsveltos.io/cluster-profile-name': 'select-test',
      'projectsveltos.io/cluster-name': 'm1',
      'projectsveltos.io/cluster-type': 'Sveltos',
    });
    expect(summary.metadata.ownerReferences).toEqual([
      {
        apiVersion: CLUSTER_PROFILE.apiVersion,
        kind: 'ClusterProfile',
        name: 'select-test',
        uid: profile.metadata.uid,
      },
    ]);
    expect(summary.metadata.finalizers).toContain('clustersummaryfinalizer.projectsveltos.io');
    expect(summary.spec).toMatchObject({
      clusterNamespace: 'fleet',
      clusterName: 'm1',
      clusterType: 'Sveltos',
    });
    expect(summary.spec?.clusterProfileSpec?.policyRefs).toMatchObject(policyRefs);
    expect(await getSummary('fleet', 'select-test-sveltos-m2')).toBeUndefined();
    const status = await waitFor(
      async () => {
        const p = await getClusterProfile('select-test');
        return p?.status?.updatedClusters ? p.status : undefined;
      },
      { what: 'profile status updated' },
    );
    expect(status.matchingClusters).toEqual([
      {
        apiVersion: SVELTOS_CLUSTER.apiVersion,
        kind: 'SveltosCluster',
        namespace: 'fleet',
        name: 'm1',
      },
    ]);
    expect(status.updatedClusters?.clusters).toEqual(status.matchingClusters);
    const p = await getClusterProfile('select-test');
    expect(p?.metadata.finalizers).toContain('clusterprofilefinalizer.projectsveltos.io');
    await waitFor(() => deliverer.count('deploy Resources select-test-sveltos-m1') === 1, {
      what: 'one deploy',
    });
  });

  it('deletes the summary of a cluster that loses the label, which withdraws what it deployed', async () => {
    await clusterProfile('follow-label', {
      clusterSelector: { matchLabels: { tier: 'gold' } },
      policyRefs,
    });
    await label('fleet', 'm2', { tier: 'gold' });
    await waitFor(() => getSummary('fleet', 'follow-label-sveltos-m2'), { what: 'summary for m2' });
    await waitFor(() => deliverer.count('deploy Resources follow-label-sveltos-m2') > 0, {
      what: 'deploy',
    });
    await label('fleet', 'm2', { tier: null });
    await waitFor(
      async () => (await getSummary('fleet', 'follow-label-sveltos-m2')) === undefined,
      { what: 'summary gone' },
    );
    expect(deliverer.calls).toContain('withdraw Resources follow-label-sveltos-m2');
    const p = await waitFor(
      async () => {
        const prof = await getClusterProfile('follow-label');
        return prof && prof.status?.matchingClusters === undefined ? prof : undefined;
      },
      { what: 'matchingClusters empty' },
    );
    expect(p.status?.updatedClusters).toBeUndefined();
  });

  it('confines a Profile to clusters of its own namespace and prefixes its summaries with p--', async () => {
    await env.registerCluster({
      namespace: 'other',
      name: 'm1',
      labCluster: 'm1',
      labels: { env: 'test' },
    });
    await mgmt.request({
      method: 'POST',
      path: collectionPath(PROFILE, 'other'),
      body: {
        apiVersion: PROFILE.apiVersion,
        kind: 'Profile',
        metadata: { name: 'local', namespace: 'other' },
        spec: { clusterSelector: { matchLabels: { env: 'test' } } },
      },
    });
    await waitFor(() => getSummary('other', 'p--local-sveltos-m1'), { what: 'Profile summary' });
    const profile = await waitFor(
      async () => {
        const p = await mgmt.request<Profile>({
          method: 'GET',
          path: objectPath(PROFILE, 'local', 'other'),
        });
        return p.status?.matchingClusters ? p : undefined;
      },
      { what: 'Profile status' },
    );
    expect(profile.status?.matchingClusters?.map((r) => `${r.namespace}/${r.name}`)).toEqual([
      'other/m1',
    ]);
    expect(await getSummary('fleet', 'p--local-sveltos-m1')).toBeUndefined();
  });

  it('deletes a profile only after its summaries are gone, withdrawing each', async () => {
    await clusterProfile('short-lived', {
      clusterSelector: { matchLabels: { env: 'test' } },
      policyRefs,
    });
    await waitFor(() => getSummary('fleet', 'short-lived-sveltos-m1'), { what: 'summary' });
    await waitFor(() => deliverer.count('deploy Resources short-lived-sveltos-m1') > 0, {
      what: 'deploy',
    });
    await mgmt.request({ method: 'DELETE', path: objectPath(CLUSTER_PROFILE, 'short-lived') });
    await waitFor(async () => (await getClusterProfile('short-lived')) === undefined, {
      what: 'profile gone',
    });
    expect(await getSummary('fleet', 'short-lived-sveltos-m1')).toBeUndefined();
    expect(deliverer.calls).toContain('withdraw Resources short-lived-sveltos-m1');
  });

  it('reports a cluster whose delivery fails in failedClusters with the feature and its message', async () => {
    deliverer.deployError.Helm = Object.assign(
      new Error('Chart "nope" version "9.9.9" not found'),
      { name: 'NonRetriableError' },
    );
    await clusterProfile('broken-chart', {
      clusterSelector: { matchLabels: { env: 'prod' } },
      helmCharts: [
        {
          repositoryURL: 'https://charts.example.com',
          repositoryName: 'ex',
          chartName: 'ex/nope',
          chartVersion: '9.9.9',
          releaseName: 'nope',
          releaseNamespace: 'nope',
        },
      ],
    });
    const status = await waitFor(
      async () => {
        const p = await getClusterProfile('broken-chart');
        return p?.status?.failedClusters ? p.status : undefined;
      },
      { what: 'failedClusters' },
    );
    expect(status.failedClusters).toEqual([
      {
        clusterRef: {
          apiVersion: SVELTOS_CLUSTER.apiVersion,
          kind: 'SveltosCluster',
          namespace: 'fleet',
          name: 'm2',
        },
        failureMessage: 'Helm: Chart "nope" version "9.9.9" not found',
      },
    ]);
    const summary = await getSummary('fleet', 'broken-chart-sveltos-m2');
    expect(summary?.status?.featureSummaries).toMatchObject([
      {
        featureID: 'Helm',
        status: 'FailedNonRetriable',
        failureMessage: 'Chart "nope" version "9.9.9" not found',
      },
    ]);
  });
});
