// Decoding of bodies built field by field: every ObjectMeta field, special types, inlined
// structs, packed numbers, list-wrapper messages and unknown fields.
import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from './decode.js';
import {
  kubeEnvelope,
  pbBytes,
  pbMapEntry,
  pbMessage,
  pbPacked,
  pbString,
  pbVarint,
} from './wire-encoder.js';

const time = (seconds: number): Buffer => Buffer.concat([pbVarint(1, seconds), pbVarint(2, 0)]);
const t2026 = 1767225600; // 2026-01-01T00:00:00Z

describe('decodeKubernetesProtobuf on encoded bodies', () => {
  const decode = (apiVersion: string, kind: string, ...fields: Buffer[]): Record<string, unknown> =>
    decodeKubernetesProtobuf(kubeEnvelope(apiVersion, kind, Buffer.concat(fields)));

  it('decodes every ObjectMeta field, in Go struct order', () => {
    const meta = pbMessage(
      1,
      pbString(1, 'cm'),
      pbString(2, 'cm-'),
      pbString(3, 'ns'),
      pbString(4, '/api/v1/namespaces/ns/configmaps/cm'),
      pbString(5, 'uid-1'),
      pbString(6, '42'),
      pbVarint(7, 3),
      pbMessage(8, time(t2026)),
      pbMessage(9, time(t2026 + 60)),
      pbVarint(10, 0),
      pbMapEntry(11, 'app', pbString(2, 'web')),
      pbMapEntry(12, 'note', pbString(2, 'x')),
      pbMessage(
        13,
        pbString(1, 'Deployment'),
        pbString(3, 'web'),
        pbString(4, 'uid-0'),
        pbString(5, 'apps/v1'),
        pbVarint(6, true),
        pbVarint(7, false),
      ),
      pbString(14, 'example.com/cleanup'),
      pbString(14, 'other'),
      pbMessage(
        17,
        pbString(1, 'kubectl'),
        pbString(2, 'Apply'),
        pbString(3, 'v1'),
        pbMessage(4, time(t2026)),
        pbString(6, 'FieldsV1'),
        pbMessage(7, pbBytes(1, Buffer.from('{"f:data":{"f:a":{}}}'))),
      ),
    );
    const o = decode('v1', 'ConfigMap', meta);
    expect(JSON.stringify(o.metadata)).toBe(
      JSON.stringify({
        name: 'cm',
        generateName: 'cm-',
        namespace: 'ns',
        selfLink: '/api/v1/namespaces/ns/configmaps/cm',
        uid: 'uid-1',
        resourceVersion: '42',
        generation: 3,
        creationTimestamp: '2026-01-01T00:00:00Z',
        deletionTimestamp: '2026-01-01T00:01:00Z',
        deletionGracePeriodSeconds: 0,
        labels: { app: 'web' },
        annotations: { note: 'x' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: 'uid-0',
            controller: true,
            blockOwnerDeletion: false,
          },
        ],
        finalizers: ['example.com/cleanup', 'other'],
        managedFields: [
          {
            manager: 'kubectl',
            operation: 'Apply',
            apiVersion: 'v1',
            time: '2026-01-01T00:00:00Z',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:a': {} } },
          },
        ],
      }),
    );
  });

  it('drops the empty strings, zeros and zero times gogo writes for unset meta fields', () => {
    const meta = pbMessage(
      1,
      pbString(1, 'x'),
      ...[2, 3, 4, 5, 6].map((n) => pbString(n, '')),
      pbVarint(7, 0),
      pbMessage(8),
    );
    expect(decode('v1', 'ServiceAccount', meta)).toEqual({
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: { name: 'x' },
    });
  });

  it('keeps zero values of pointer fields such as replicas: 0', () => {
    const o = decode('apps/v1', 'Deployment', pbMessage(1), pbMessage(2, pbVarint(1, 0)));
    expect(o.spec).toEqual({ replicas: 0 });
  });

  it('decodes a Lease with MicroTime stamps', () => {
    const spec = pbMessage(
      2,
      pbString(1, 'controller-0'),
      pbVarint(2, 15),
      pbMessage(3, pbVarint(1, t2026), pbVarint(2, 5000)),
      pbMessage(4, pbVarint(1, t2026 + 1), pbVarint(2, 250_000_000)),
      pbVarint(5, 0),
    );
    expect(decode('coordination.k8s.io/v1', 'Lease', pbMessage(1, pbString(1, 'l')), spec)).toEqual(
      {
        kind: 'Lease',
        apiVersion: 'coordination.k8s.io/v1',
        metadata: { name: 'l' },
        spec: {
          holderIdentity: 'controller-0',
          leaseDurationSeconds: 15,
          acquireTime: '2026-01-01T00:00:00.000005Z',
          renewTime: '2026-01-01T00:00:01.250000Z',
          leaseTransitions: 0,
        },
      },
    );
  });

  it('decodes a core/v1 Event', () => {
    const o = decode(
      'v1',
      'Event',
      pbMessage(1, pbString(1, 'e1'), pbString(3, 'default')),
      pbMessage(2, pbString(1, 'Pod'), pbString(2, 'default'), pbString(3, 'p')),
      pbString(3, 'Started'),
      pbString(4, 'Started container'),
      pbMessage(5, pbString(1, 'kubelet')),
      pbMessage(6, time(t2026)),
      pbMessage(7, time(t2026)),
      pbVarint(8, 2),
      pbString(9, 'Normal'),
      pbMessage(10),
      pbString(14, ''),
      pbString(15, ''),
    );
    expect(o).toEqual({
      kind: 'Event',
      apiVersion: 'v1',
      metadata: { name: 'e1', namespace: 'default' },
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'p' },
      reason: 'Started',
      message: 'Started container',
      source: { component: 'kubelet' },
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:00:00Z',
      count: 2,
      type: 'Normal',
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  it('inlines embedded structs (Volume.volumeSource, Probe.handler) and decodes IntOrString', () => {
    const container = pbMessage(
      2,
      pbString(1, 'app'),
      pbString(2, 'nginx'),
      pbMessage(7, pbString(1, 'MODE'), pbString(2, 'prod')),
      pbMessage(8, pbMapEntry(1, 'cpu', pbMessage(2, pbString(1, '500m')))),
      pbMessage(
        10,
        pbMessage(
          1,
          pbMessage(2, pbString(1, '/healthz'), pbMessage(2, pbVarint(1, 1), pbString(3, 'http'))),
        ),
        pbVarint(4, 10),
      ),
      pbMessage(15, pbVarint(4, 0), pbVarint(5, true)),
    );
    const volume = pbMessage(
      1,
      pbString(1, 'cfg'),
      pbMessage(2, pbMessage(19, pbMessage(1, pbString(1, 'app-config')))),
    );
    const podSpec = pbMessage(2, volume, container, pbMessage(14, pbPacked(4, [1000, 2000])));
    const o = decode('v1', 'Pod', pbMessage(1, pbString(1, 'p')), podSpec);
    expect(o.spec).toEqual({
      volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }],
      containers: [
        {
          name: 'app',
          image: 'nginx',
          env: [{ name: 'MODE', value: 'prod' }],
          resources: { limits: { cpu: '500m' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
          securityContext: { runAsUser: 0, runAsNonRoot: true },
        },
      ],
      securityContext: { supplementalGroups: [1000, 2000] },
    });
  });

  it('accepts repeated numbers both packed and unpacked', () => {
    const psc = pbMessage(14, pbVarint(4, 1), pbPacked(4, [2, 3]), pbVarint(4, 4));
    const o = decode('v1', 'Pod', pbMessage(1), pbMessage(2, psc));
    expect(o.spec).toEqual({ securityContext: { supplementalGroups: [1, 2, 3, 4] } });
  });

  it('decodes authentication extra values (a Go slice type) as arrays', () => {
    const user = pbMessage(
      2,
      pbString(1, 'alice'),
      pbString(3, 'devs'),
      pbMapEntry(4, 'scopes', pbMessage(2, pbString(1, 'a'), pbString(1, 'b'))),
    );
    const o = decode(
      'authentication.k8s.io/v1',
      'TokenReview',
      pbMessage(1),
      pbMessage(2, pbString(1, 'tok')),
      pbMessage(3, pbVarint(1, true), user),
    );
    expect(o).toEqual({
      kind: 'TokenReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      spec: { token: 'tok' },
      status: {
        authenticated: true,
        user: { username: 'alice', groups: ['devs'], extra: { scopes: ['a', 'b'] } },
      },
    });
  });

  it('decodes a SubjectAccessReview with user, groups and extra', () => {
    const spec = pbMessage(
      2,
      pbMessage(
        1,
        pbString(1, 'ns'),
        pbString(2, 'list'),
        pbString(3, 'apps'),
        pbString(5, 'deployments'),
      ),
      pbString(3, 'bob'),
      pbString(4, 'system:authenticated'),
      pbMapEntry(5, 'k', pbMessage(2)),
    );
    const o = decode(
      'authorization.k8s.io/v1',
      'SubjectAccessReview',
      pbMessage(1),
      spec,
      pbMessage(3, pbVarint(1, false)),
    );
    expect(o.spec).toEqual({
      resourceAttributes: { namespace: 'ns', verb: 'list', group: 'apps', resource: 'deployments' },
      user: 'bob',
      groups: ['system:authenticated'],
      extra: { k: [] },
    });
    expect(o.status).toEqual({ allowed: false });
  });

  it('decodes DeleteOptions with every option set, under any apiVersion', () => {
    const o = decode(
      'apps/v1',
      'DeleteOptions',
      pbVarint(1, 0),
      pbMessage(2, pbString(1, 'uid-1'), pbString(2, '7')),
      pbString(4, 'Foreground'),
      pbString(5, 'All'),
    );
    expect(o).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'apps/v1',
      gracePeriodSeconds: 0,
      preconditions: { uid: 'uid-1', resourceVersion: '7' },
      propagationPolicy: 'Foreground',
      dryRun: ['All'],
    });
  });

  it('decodes RawExtension data as JSON and negative int64 values', () => {
    const o = decode(
      'apps/v1',
      'ControllerRevision',
      pbMessage(1, pbString(1, 'rev')),
      pbMessage(2, pbBytes(1, Buffer.from('{"spec":{"template":{}}}'))),
      pbVarint(3, -5),
    );
    expect(o).toMatchObject({ data: { spec: { template: {} } }, revision: -5 });
  });

  it('decodes a map entry without a value as the zero value, and binary data as base64', () => {
    const o = decode(
      'v1',
      'Secret',
      pbMessage(1),
      pbMessage(2, pbString(1, 'empty')),
      pbMapEntry(2, 'bin', pbBytes(2, Buffer.from([0, 255]))),
    );
    expect(o.data).toEqual({ empty: '', bin: 'AP8=' });
  });

  it('skips fields it has no descriptor for', () => {
    const o = decode(
      'v1',
      'ConfigMap',
      pbMessage(1, pbString(1, 'x'), pbVarint(99, 1)),
      pbString(77, 'future'),
    );
    expect(o).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x' } });
  });

  it('decodes protobuf nested inside a RawExtension', () => {
    const inner = kubeEnvelope('v1', 'ConfigMap', pbMessage(1, pbString(1, 'inner')));
    const o = decode(
      'apps/v1',
      'ControllerRevision',
      pbMessage(1),
      pbMessage(2, pbBytes(1, inner)),
    );
    expect(o.data).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'inner' } });
  });
});
