// Workload controllers in a lab cluster with real kubectl: Deployments roll out ReplicaSets and
// Pods that stay Pending (no nodes), `set image` makes a new revision, scale to 0 completes the
// rollout, StatefulSets get ordinal Pods, DaemonSets are trivially rolled out, and deleting a
// Deployment takes its ReplicaSets and Pods with it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labControllers } from '../../lab/controllers/index.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab, type TestLab } from '../support/lab.js';

let lab: TestLab;
let kubeconfig: string;

beforeAll(async () => {
  lab = await startTestLab({
    clusters: ['work'],
    onCluster: (c) => c.use({ controllers: labControllers() }),
  });
  kubeconfig = lab.kubeconfig('work');
});

afterAll(async () => {
  await lab?.stop();
});

async function k(...args: string[]): Promise<string> {
  const r = await kubectl(args, { kubeconfig });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function freshNamespace(): Promise<string> {
  const ns = `wl-${randomBytes(3).toString('hex')}`;
  await k('create', 'namespace', ns);
  return ns;
}

interface Named {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { replicas?: number };
  status?: Record<string, unknown>;
}

async function list(ns: string, kind: string): Promise<Named[]> {
  return (JSON.parse(await k('get', kind, '-n', ns, '-o', 'json')) as { items: Named[] }).items;
}

describe('workload controllers', () => {
  it('rolls a Deployment out to a ReplicaSet whose Pods stay Pending, and reports it unavailable', async () => {
    const ns = await freshNamespace();
    await k('create', 'deployment', 'web', '-n', ns, '--image=nginx:1.27', '--replicas=2');
    const pods = await waitFor(
      async () => {
        const items = await list(ns, 'pods');
        return items.length === 2 && items.every((p) => p.status?.phase === 'Pending')
          ? items
          : undefined;
      },
      { what: 'two pending pods' },
    );
    const [rs] = await list(ns, 'replicasets');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(pods.every((p) => p.metadata.name.startsWith(`web-${hash}-`))).toBe(true);
    const status = await waitFor(
      async () => {
        const d = JSON.parse(await k('get', 'deployment', 'web', '-n', ns, '-o', 'json')) as Named;
        return d.status?.unavailableReplicas === 2 ? d.status : undefined;
      },
      { what: 'deployment status' },
    );
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 2, updatedReplicas: 2 });
    expect(status).not.toHaveProperty('readyReplicas');
    const unavailable = await k(
      'get',
      'deployment',
      'web',
      '-n',
      ns,
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Available")].reason}',
    );
    expect(unavailable).toBe('MinimumReplicasUnavailable');
  });

  it('makes a new revision on set image, scales the old ReplicaSet to 0, and completes when scaled to 0', async () => {
    const ns = await freshNamespace();
    await k('create', 'deployment', 'web', '-n', ns, '--image=nginx:1.27');
    await waitFor(async () => (await list(ns, 'replicasets')).length === 1, {
      what: 'first ReplicaSet',
    });
    await k('set', 'image', 'deployment/web', '-n', ns, 'nginx=nginx:1.28');
    const sets = await waitFor(
      async () => {
        const items = await list(ns, 'replicasets');
        return items.length === 2 && items.some((r) => r.spec?.replicas === 0) ? items : undefined;
      },
      { what: 'second ReplicaSet' },
    );
    const revisions = sets
      .map((r) => [r.metadata.annotations?.['deployment.kubernetes.io/revision'], r.spec?.replicas])
      .sort();
    expect(revisions).toEqual([
      ['1', 0],
      ['2', 1],
    ]);
    await waitFor(async () => (await list(ns, 'pods')).length === 1, { what: 'one pod left' });
    await k('scale', 'deployment', 'web', '-n', ns, '--replicas=0');
    const out = await k('rollout', 'status', 'deployment/web', '-n', ns, '--timeout=30s');
    expect(out).toContain('successfully rolled out');
    expect(await list(ns, 'pods')).toEqual([]);
  });

  it('gives a StatefulSet ordinal Pods and a DaemonSet a completed rollout', async () => {
    const ns = await freshNamespace();
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: ${ns} }
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: postgres:16 }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: ${ns} }
spec:
  updateStrategy: { type: RollingUpdate }
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: agent, image: example.com/agent:1 }] }
`;
    const applied = await kubectl(['apply', '-f', '-'], { kubeconfig, stdin: sts });
    expect(applied.code).toBe(0);
    const names = await waitFor(
      async () => {
        const items = (await list(ns, 'pods')).map((p) => p.metadata.name).sort();
        return items.length === 2 ? items : undefined;
      },
      { what: 'ordinal pods' },
    );
    expect(names).toEqual(['db-0', 'db-1']);
    const replicas = await waitFor(
      async () =>
        (await k('get', 'statefulset', 'db', '-n', ns, '-o', 'jsonpath={.status.replicas}')) ||
        undefined,
    );
    expect(replicas).toBe('2');
    const ds = await k('rollout', 'status', 'daemonset/agent', '-n', ns, '--timeout=30s');
    expect(ds).toContain('successfully rolled out');
  });

  it('deletes the ReplicaSets and Pods of a deleted Deployment', async () => {
    const ns = await freshNamespace();
    await k('create', 'deployment', 'web', '-n', ns, '--image=nginx:1.27', '--replicas=2');
    await waitFor(async () => (await list(ns, 'pods')).length === 2, { what: 'pods' });
    await k('delete', 'deployment', 'web', '-n', ns);
    await waitFor(
      async () =>
        (await list(ns, 'replicasets')).length === 0 && (await list(ns, 'pods')).length === 0,
      {
        what: 'dependents collected',
      },
    );
  });
});
