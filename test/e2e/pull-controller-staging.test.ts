// The staging executor against the lab's management cluster (Sveltos CRDs installed): bundles
// and group written with Sveltos' labels and the agent's hashes, a smaller re-stage reusing the
// group and bundle names and deleting stale bundles, a Remove group with no bundles left, and
// clearing everything. The deliverer's decisions on top are covered by pull-controller.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeHttpClient } from '../../lib/kube-http.js';
import { collectionPath } from '../../lib/resource-paths.js';
import { CONFIGURATION_BUNDLE, CONFIGURATION_GROUP } from '../../api/gvk.js';
import { bundleHash } from '../../controller/pull/bundle-split.js';
import type { PullRequestor, StagedBundle, StagedGroup } from '../../controller/pull/group-plan.js';
import {
  clearStaging,
  readBundles,
  readGroup,
  stageGroup,
} from '../../controller/pull/staging-executor.js';
import { startControllerEnv } from '../support/controller-env.js';
import type { ControllerTestEnv } from '../support/controller-env.js';
import { rawClient } from '../support/controller-harness.js';

let env: ControllerTestEnv;
let http: KubeHttpClient;
const r: PullRequestor = {
  clusterNamespace: 'stage-ns',
  clusterName: 'cluster01',
  summaryName: 'p-sveltos-cluster01',
  summaryUid: undefined,
  feature: 'Resources',
};
const other: PullRequestor = { ...r, summaryName: 'q-sveltos-cluster01' };
const settings = { action: 'Deploy' as const, requestorHash: 'aGFzaDE=', tier: 100 };
const content = (n: number): { resources: string[] } => ({
  resources: [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${n}\n  namespace: default\n`],
});

beforeAll(async () => {
  env = await startControllerEnv();
  await env.ensureNamespace(r.clusterNamespace);
  http = rawClient(env, 'mgmt');
}, 60_000);

afterAll(async () => {
  http?.close();
  await env?.stop();
});

async function allBundles(): Promise<StagedBundle[]> {
  const list = await http.request<{ items: StagedBundle[] }>({
    method: 'GET',
    path: collectionPath(CONFIGURATION_BUNDLE, r.clusterNamespace),
  });
  return list.items;
}

async function allGroups(): Promise<StagedGroup[]> {
  const list = await http.request<{ items: StagedGroup[] }>({
    method: 'GET',
    path: collectionPath(CONFIGURATION_GROUP, r.clusterNamespace),
  });
  return list.items;
}

describe('pull staging executor', () => {
  it('writes bundles, then the group listing each bundle with its hash', async () => {
    const staged = await stageGroup(http, r, [content(0), content(1), content(2)], settings);
    await stageGroup(http, other, [content(9)], settings);
    const group = await readGroup(http, r);
    expect(group?.metadata.name).toBe(staged.groupName);
    expect(group?.metadata.name).toMatch(/^config-[0-9a-z]{20}$/);
    expect(group?.metadata.labels).toEqual({
      'pullmode.projectsveltos.io/clustername': 'cluster01',
      'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary',
      'pullmode.projectsveltos.io/requestorfeature': 'Resources',
    });
    expect(group?.spec).toMatchObject({ action: 'Deploy', updatePhase: 'Ready', tier: 100 });
    const bundles = await readBundles(http, r);
    const byName = new Map(bundles.map((b) => [b.metadata.name, b]));
    const items = group?.spec?.configurationItem ?? [];
    expect(items).toHaveLength(3);
    items.forEach((item, i) => {
      const bundle = byName.get(item.contentRef?.name ?? '');
      expect(bundle?.metadata.annotations?.['pullmode.projectsveltos.io/index']).toBe(String(i));
      expect(item.hash).toBe(bundleHash(bundle?.spec?.resources ?? []));
    });
  });

  it('re-stages fewer bundles in place: same group and first bundle, stale ones deleted', async () => {
    const before = await readGroup(http, r);
    const first = before?.spec?.configurationItem?.[0]?.contentRef?.name;
    const staged = await stageGroup(http, r, [content(5)], {
      ...settings,
      requestorHash: 'aGFzaDI=',
    });
    expect(staged.groupName).toBe(before?.metadata.name);
    const after = await readGroup(http, r);
    expect(after?.spec?.requestorHash).toBe('aGFzaDI=');
    expect(after?.spec?.updatePhase).toBe('Ready');
    expect(after?.metadata.generation).toBeGreaterThan(before?.metadata.generation ?? 0);
    expect(after?.spec?.configurationItem?.map((i) => i.contentRef?.name)).toEqual([first]);
    const bundles = await readBundles(http, r);
    expect(bundles.map((b) => b.metadata.name)).toEqual([first]);
    expect(bundles[0].spec?.resources?.[0]).toContain('name: c5');
    expect(await readBundles(http, other)).toHaveLength(1);
  });

  it('turns the group into a Remove group without bundles, then clears it', async () => {
    await stageGroup(http, r, [], { ...settings, action: 'Remove', requestorHash: 'cmVtb3Zl' });
    const group = await readGroup(http, r);
    expect(group?.spec).toMatchObject({ action: 'Remove', configurationItem: [] });
    expect(await readBundles(http, r)).toEqual([]);
    await clearStaging(http, r, group);
    expect(await readGroup(http, r)).toBeUndefined();
    expect(
      (await allGroups()).map(
        (g) => g.metadata.annotations?.['pullmode.projectsveltos.io/requestorname'],
      ),
    ).toEqual(['q-sveltos-cluster01']);
    expect(await allBundles()).toHaveLength(1);
  });
});
