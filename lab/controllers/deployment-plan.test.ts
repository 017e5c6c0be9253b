import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.js';
import { deploymentStatus, maxUnavailable, planDeployment } from './deployment-plan.js';

const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image }] },
});

const dep = (over: Record<string, unknown> = {}, image = 'web:1'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'ns', uid: 'dep-uid', generation: 2 },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: template(image),
    ...over,
  },
});

function asOwned(rs: KubeObject, status: Record<string, number> = {}): KubeObject {
  return { ...rs, metadata: { ...rs.metadata, uid: `${rs.metadata.name}-uid` }, status };
}

describe('planDeployment', () => {
  it('creates revision 1 of the template with the pod-template-hash in name, labels and selector', () => {
    const plan = planDeployment(dep(), []);
    const rs = plan.create!;
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('1');
    expect((rs.spec as { selector: { matchLabels: unknown } }).selector.matchLabels).toEqual({
      app: 'web',
      'pod-template-hash': hash,
    });
    expect((rs.spec as { selector: unknown; replicas: number }).replicas).toBe(2);
    expect(rs.metadata.ownerReferences![0]).toMatchObject({
      uid: 'dep-uid',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(plan.revision).toBe('1');
  });

  it('rolls a new template to a new ReplicaSet and scales the old one to 0', () => {
    const old = asOwned(planDeployment(dep(), []).create!);
    const plan = planDeployment(dep({}, 'web:2'), [old]);
    expect(plan.create?.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(plan.scale).toEqual([{ name: old.metadata.name, replicas: 0 }]);
  });

  it('scales the current ReplicaSet when replicas change and keeps its revision', () => {
    const current = asOwned(planDeployment(dep(), []).create!);
    const plan = planDeployment(dep({ replicas: 0 }), [current]);
    expect(plan.create).toBeUndefined();
    expect(plan.scale).toEqual([{ name: current.metadata.name, replicas: 0 }]);
    expect(plan.revision).toBe('1');
  });

  it('trims idle ReplicaSets beyond revisionHistoryLimit, oldest first', () => {
    const v1 = asOwned({ ...planDeployment(dep({}, 'web:1'), []).create!, spec: { replicas: 0 } });
    const v2 = asOwned({
      ...planDeployment(dep({}, 'web:2'), [v1]).create!,
      spec: { replicas: 0 },
    });
    const plan = planDeployment(dep({ revisionHistoryLimit: 1 }, 'web:3'), [v1, v2]);
    expect(plan.delete).toEqual([v1.metadata.name]);
  });
});

describe('deploymentStatus', () => {
  it('reports a rollout without ready pods as progressing and unavailable', () => {
    const d = dep();
    const rs = asOwned(planDeployment(d, []).create!, { replicas: 2 });
    const status = deploymentStatus({ dep: d, owned: [rs], now: '2026-01-01T00:00:00Z' });
    expect(status).toMatchObject({
      observedGeneration: 2,
      replicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 2,
    });
    expect(status).not.toHaveProperty('readyReplicas');
    const conditions = status.conditions as { type: string; status: string; reason: string }[];
    expect(conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable'],
      ['Progressing', 'True', 'ReplicaSetUpdated'],
    ]);
  });

  it('reports a complete rollout as available with NewReplicaSetAvailable', () => {
    const d = dep();
    const rs = asOwned(planDeployment(d, []).create!, {
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    const status = deploymentStatus({ dep: d, owned: [rs], now: '2026-01-01T00:00:00Z' });
    expect(status).toMatchObject({
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    const progressing = (
      status.conditions as { type: string; reason: string; message: string }[]
    )[1];
    expect(progressing).toMatchObject({
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    });
  });

  it('says the progress deadline was exceeded once it passed without progress', () => {
    const d = dep({ progressDeadlineSeconds: 60 });
    const rs = asOwned(planDeployment(d, []).create!, { replicas: 2 });
    const first = deploymentStatus({ dep: d, owned: [rs], now: '2026-01-01T00:00:00Z' });
    const later = deploymentStatus({
      dep: { ...d, status: first },
      owned: [rs],
      now: '2026-01-01T00:02:00Z',
    });
    const progressing = (later.conditions as { type: string; status: string; reason: string }[])[1];
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
  });

  it.each([
    [{ replicas: 4 }, 1],
    [{ replicas: 1 }, 0],
    [{ replicas: 3, strategy: { type: 'Recreate' } }, 0],
    [{ replicas: 2, strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }, 1],
  ])('computes maxUnavailable for %j as %i', (spec, expected) => {
    expect(maxUnavailable(dep(spec))).toBe(expected);
  });
});
