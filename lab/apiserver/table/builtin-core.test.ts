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
