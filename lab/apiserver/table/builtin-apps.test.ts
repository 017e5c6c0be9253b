import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { builtinColumns, renderTable } from './render.js';

const now = Date.parse('2026-01-01T01:00:00Z');
const created = '2026-01-01T00:00:00Z';

function cells(
  group: string,
  resource: string,
  obj: Omit<KubeObject, 'metadata'> & { metadata?: KubeObject['metadata'] },
): unknown[] {
  const o = {
    ...obj,
    metadata: { name: 'x', creationTimestamp: created, ...obj.metadata },
  } as KubeObject;
  const table = renderTable({
    objects: [o],
    columns: builtinColumns(group, resource)!,
    includeObject: 'None',
    now,
  });
  return (table.rows as { cells: unknown[] }[])[0].cells;
}

describe('apps and batch printer cells', () => {
  const template = {
    spec: {
      containers: [
        { name: 'web', image: 'nginx:1.27' },
        { name: 'log', image: 'busybox' },
      ],
    },
  };

  it('deployments', () => {
    const d = {
      spec: {
        replicas: 3,
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }],
        },
        template,
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    expect(cells('apps', 'deployments', d)).toEqual([
      'x',
      '2/3',
      3,
      2,
      '60m',
      'web,log',
      'nginx:1.27,busybox',
      'app=web,tier in (a,b)',
    ]);
    expect(cells('apps', 'deployments', { spec: { template } })).toEqual([
      'x',
      '0/1',
      0,
      0,
      '60m',
      'web,log',
      'nginx:1.27,busybox',
      '',
    ]);
  });

  it('replicasets, daemonsets and statefulsets', () => {
    expect(
      cells('apps', 'replicasets', {
        spec: { replicas: 2, template, selector: { matchLabels: { a: 'b' } } },
        status: { replicas: 2, readyReplicas: 1 },
      }),
    ).toEqual(['x', 2, 2, 1, '60m', 'web,log', 'nginx:1.27,busybox', 'a=b']);
    const ds = {
      spec: { template: { spec: { ...template.spec, nodeSelector: { os: 'linux' } } } },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      },
    };
    expect(cells('apps', 'daemonsets', ds)).toEqual([
      'x',
      3,
      3,
      2,
      3,
      2,
      'os=linux',
      '60m',
      'web,log',
      'nginx:1.27,busybox',
      '<none>',
    ]);
    expect(
      cells('apps', 'statefulsets', {
        spec: { replicas: 3, template },
        status: { readyReplicas: 3 },
      }),
    ).toEqual(['x', '3/3', '60m', 'web,log', 'nginx:1.27,busybox']);
  });

  it('controllerrevisions name their controller with its group', () => {
    const cr = {
      revision: 4,
      metadata: {
        name: 'x',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'u', controller: true },
        ],
      },
    };
    expect(cells('apps', 'controllerrevisions', cr)).toEqual(['x', 'daemonset.apps/ds', 4, '60m']);
  });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      'running',
      { spec: { template }, status: { startTime: '2026-01-01T00:58:00Z' } },
      ['x', 'Running', '0/1', '2m', '60m', 'web,log', 'nginx:1.27,busybox', '<none>'],
    ],
    [
      'complete',
      {
        spec: { completions: 3, template },
        status: {
          succeeded: 3,
          startTime: '2026-01-01T00:10:00Z',
          completionTime: '2026-01-01T00:12:05Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
      ['x', 'Complete', '3/3', '2m5s', '60m', 'web,log', 'nginx:1.27,busybox', '<none>'],
    ],
    [
      'parallel',
      { spec: { parallelism: 4, template }, status: { succeeded: 1 } },
      ['x', 'Running', '1/1 of 4', '', '60m', 'web,log', 'nginx:1.27,busybox', '<none>'],
    ],
    [
      'failed',
      { spec: { template }, status: { conditions: [{ type: 'Failed', status: 'True' }] } },
      ['x', 'Failed', '0/1', '', '60m', 'web,log', 'nginx:1.27,busybox', '<none>'],
    ],
  ])('jobs: %s', (_name, job, expected) => {
    expect(cells('batch', 'jobs', job)).toEqual(expected);
  });

  it('cronjobs', () => {
    const cj = {
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'j' }], lastScheduleTime: '2026-01-01T00:55:00Z' },
    };
    expect(cells('batch', 'cronjobs', cj)).toEqual([
      'x',
      '*/5 * * * *',
      '<none>',
      'False',
      1,
      '5m',
      '60m',
      'web,log',
      'nginx:1.27,busybox',
      '<none>',
    ]);
    expect(
      cells('batch', 'cronjobs', { spec: { schedule: '@daily', timeZone: 'UTC', suspend: true } }),
    ).toEqual(['x', '@daily', 'UTC', 'True', 0, '<none>', '60m', '', '', '<none>']);
  });
});

describe('other printer cells', () => {
  it('role bindings list users, groups and service accounts in the wide cells', () => {
    const rb = {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'User', name: 'bob' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' },
      ],
    };
    expect(cells('rbac.authorization.k8s.io', 'rolebindings', rb)).toEqual([
      'x',
      'ClusterRole/view',
      '60m',
      'alice, bob',
      'devs',
      'ns/sa',
    ]);
    expect(
      cells('rbac.authorization.k8s.io', 'clusterrolebindings', {
        roleRef: { kind: 'ClusterRole', name: 'admin' },
      }),
    ).toEqual(['x', 'ClusterRole/admin', '60m', '', '', '']);
  });

  it.each<[string, string, Record<string, unknown>, unknown[]]>([
    [
      'coordination.k8s.io',
      'leases',
      { spec: { holderIdentity: 'controller-0' } },
      ['x', 'controller-0', '60m'],
    ],
    ['coordination.k8s.io', 'leases', { spec: {} }, ['x', '', '60m']],
    [
      'admissionregistration.k8s.io',
      'validatingwebhookconfigurations',
      { webhooks: [{}, {}] },
      ['x', 2, '60m'],
    ],
    [
      'scheduling.k8s.io',
      'priorityclasses',
      { value: 1000, globalDefault: true, preemptionPolicy: 'Never' },
      ['x', 1000, true, '60m', 'Never'],
    ],
    [
      'networking.k8s.io',
      'ingresses',
      {
        spec: {
          ingressClassName: 'nginx',
          rules: [{ host: 'a.com' }, { host: 'b.com' }],
          tls: [{}],
        },
        status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
      },
      ['x', 'nginx', 'a.com,b.com', '1.2.3.4', '80, 443', '60m'],
    ],
    [
      'networking.k8s.io',
      'ingresses',
      { spec: { rules: [{}] } },
      ['x', '<none>', '*', '', '80', '60m'],
    ],
    ['networking.k8s.io', 'networkpolicies', { spec: { podSelector: {} } }, ['x', '<none>', '60m']],
    [
      'networking.k8s.io',
      'ingressclasses',
      {
        spec: {
          controller: 'k8s.io/ingress-nginx',
          parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' },
        },
      },
      ['x', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/p', '60m'],
    ],
    [
      'policy',
      'poddisruptionbudgets',
      { spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } },
      ['x', '50%', 'N/A', 1, '60m'],
    ],
  ])('%s/%s %j', (group, resource, obj, expected) => {
    expect(cells(group, resource, obj)).toEqual(expected);
  });
});
