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

describe('core/v1 printer cells', () => {
  it.each<[string, Record<string, unknown>, unknown[]]>([
    ['namespaces', { status: { phase: 'Active' } }, ['x', 'Active', '60m']],
    ['configmaps', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }, ['x', 3, '60m']],
    ['configmaps', {}, ['x', 0, '60m']],
    ['secrets', { type: 'Opaque', data: { a: 'YQ==' } }, ['x', 'Opaque', 1, '60m']],
    ['serviceaccounts', { secrets: [{ name: 't' }] }, ['x', 1, '60m']],
    [
      'endpoints',
      {
        subsets: [
          {
            addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }],
            ports: [{ port: 80 }, { port: 443 }],
          },
        ],
      },
      ['x', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...', '60m'],
    ],
    ['endpoints', {}, ['x', '<none>', '60m']],
    [
      'resourcequotas',
      {
        status: {
          hard: { pods: '10', 'limits.cpu': '2', 'requests.cpu': '1' },
          used: { pods: '3' },
        },
      },
      ['x', 'pods: 3/10, requests.cpu: 0/1', 'limits.cpu: 0/2', '60m'],
    ],
  ])('%s %j', (resource, obj, expected) => {
    expect(cells('', resource, obj)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      'a ClusterIP service',
      {
        spec: {
          type: 'ClusterIP',
          clusterIPs: ['10.96.0.10'],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
          selector: { k8s: 'dns', app: 'x' },
        },
      },
      ['x', 'ClusterIP', '10.96.0.10', '<none>', '53/UDP,53/TCP', '60m', 'app=x,k8s=dns'],
    ],
    [
      'a NodePort service',
      {
        spec: {
          type: 'NodePort',
          clusterIP: '10.0.0.1',
          externalIPs: ['1.2.3.4'],
          ports: [{ port: 443, nodePort: 30001 }],
        },
      },
      ['x', 'NodePort', '10.0.0.1', '1.2.3.4', '443:30001/TCP', '60m', '<none>'],
    ],
    [
      'a pending LoadBalancer',
      { spec: { type: 'LoadBalancer', clusterIPs: ['10.0.0.2'], ports: [] } },
      ['x', 'LoadBalancer', '10.0.0.2', '<pending>', '<none>', '60m', '<none>'],
    ],
    [
      'a LoadBalancer with a long hostname (clipped to 16 like kubectl)',
      {
        spec: { type: 'LoadBalancer', clusterIPs: ['None'] },
        status: { loadBalancer: { ingress: [{ hostname: 'a-very-long-hostname.example.com' }] } },
      },
      ['x', 'LoadBalancer', 'None', 'a-very-long-h...', '<none>', '60m', '<none>'],
    ],
    [
      'an ExternalName service',
      { spec: { type: 'ExternalName', externalName: 'example.com' } },
      ['x', 'ExternalName', '<none>', 'example.com', '<none>', '60m', '<none>'],
    ],
  ])('services: %s', (_name, obj, expected) => {
    expect(cells('', 'services', obj)).toEqual(expected);
  });

  it('events: last seen, object, wide source/first seen/count/name', () => {
    const event = {
      type: 'Warning',
      reason: 'BackOff',
      message: ' Back-off restarting \n',
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
      source: { component: 'kubelet', host: 'node-1' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:58:00Z',
      count: 4,
    };
    expect(cells('', 'events', event)).toEqual([
      '2m',
      'Warning',
      'BackOff',
      'pod/web-1',
      'spec.containers{app}',
      'kubelet, node-1',
      'Back-off restarting',
      '60m',
      4,
      'x',
    ]);
    const singleton = {
      type: 'Normal',
      reason: 'Scheduled',
      involvedObject: { kind: 'Node' },
      eventTime: '2026-01-01T00:59:30.000000Z',
      reportingController: 'scheduler',
    };
    expect(cells('', 'events', singleton)).toEqual([
      '30s',
      'Normal',
      'Scheduled',
      'node',
      '',
      'scheduler',
      '',
      '30s',
      1,
      'x',
    ]);
  });
});

describe('pod printer cells', () => {
  const base = { spec: { containers: [{ name: 'app' }, { name: 'side' }], nodeName: 'n1' } };
  const running = { state: { running: {} }, ready: true, restartCount: 0 };

  it.each<[string, Record<string, unknown>, unknown[]]>([
    [
      'pending',
      { ...base, status: { phase: 'Pending' } },
      ['x', '0/2', 'Pending', '0', '60m', '<none>', 'n1', '<none>', '<none>'],
    ],
    [
      'running and ready',
      {
        ...base,
        status: {
          phase: 'Running',
          podIPs: [{ ip: '10.1.0.5' }],
          containerStatuses: [
            { name: 'app', ...running },
            { name: 'side', ...running },
          ],
        },
      },
      ['x', '2/2', 'Running', '0', '60m', '10.1.0.5', 'n1', '<none>', '<none>'],
    ],
    [
      'crash looping with a recent restart',
      {
        ...base,
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              restartCount: 5,
              lastState: { terminated: { finishedAt: '2026-01-01T00:59:00Z' } },
            },
            { name: 'side', ...running },
          ],
        },
      },
      ['x', '1/2', 'CrashLoopBackOff', '5 (60s ago)', '60m', '<none>', 'n1', '<none>', '<none>'],
    ],
    [
      'initialising',
      {
        spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', state: { running: {} } }],
        },
      },
      ['x', '0/1', 'Init:0/1', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'a failed init container',
      {
        spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] },
        status: {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 2 } } }],
        },
      },
      ['x', '0/1', 'Init:ExitCode:2', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'terminating',
      {
        ...base,
        metadata: { name: 'x', deletionTimestamp: '2026-01-01T00:59:00Z' },
        status: { phase: 'Running' },
      },
      ['x', '0/2', 'Terminating', '0', '60m', '<none>', 'n1', '<none>', '<none>'],
    ],
    [
      'completed',
      {
        spec: { containers: [{ name: 'app' }] },
        status: {
          phase: 'Succeeded',
          containerStatuses: [
            { name: 'app', state: { terminated: { reason: 'Completed', exitCode: 0 } } },
          ],
        },
      },
      ['x', '0/1', 'Completed', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'with readiness gates',
      {
        spec: { containers: [], readinessGates: [{ conditionType: 'a' }, { conditionType: 'b' }] },
        status: { phase: 'Running', conditions: [{ type: 'a', status: 'True' }] },
      },
      ['x', '0/0', 'Running', '0', '60m', '<none>', '<none>', '<none>', '1/2'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(cells('', 'pods', obj)).toEqual(expected);
  });

  it('marks succeeded pods with a Completed row condition', () => {
    const o = {
      metadata: { name: 'p' },
      spec: { containers: [] },
      status: { phase: 'Succeeded' },
    } as KubeObject;
    const table = renderTable({
      objects: [o],
      columns: builtinColumns('', 'pods')!,
      includeObject: 'None',
      now,
    });
    expect((table.rows as object[])[0]).toMatchObject({
      conditions: [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ],
    });
  });
});

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
          { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', controller: true },
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
