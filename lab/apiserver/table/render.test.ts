import { describe, expect, it } from 'vitest';
import type { KubeObject, PrinterColumn } from '../types.js';
import {
  builtinColumns,
  customResourceColumns,
  defaultTableColumns,
  renderTable,
} from './render.js';

const now = Date.parse('2026-01-01T01:00:00Z');

const cluster: KubeObject = {
  apiVersion: 'lib.projectsveltos.io/v1beta1',
  kind: 'SveltosCluster',
  metadata: {
    name: 'cluster01',
    namespace: 'rke2',
    resourceVersion: '7',
    creationTimestamp: '2026-01-01T00:55:00Z',
    labels: { env: 'fv' },
  },
  spec: { kubeconfigName: 'c1', tokenRequestRenewalOption: { renewTokenRequestInterval: '1h' } },
  status: {
    ready: true,
    version: 'v1.32.5',
    connectionFailures: 2,
    failureRatio: 0.5,
    lastReconciledTokenRequestAt: '2026-01-01T00:00:00Z',
  },
};

const sveltosColumns: PrinterColumn[] = [
  {
    name: 'Ready',
    type: 'boolean',
    description: 'Indicates whether cluster is ready to be managed by sveltos',
    jsonPath: '.status.ready',
  },
  {
    name: 'Version',
    type: 'string',
    description: 'Kubernetes version associated with this Cluster',
    jsonPath: '.status.version',
  },
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

describe('renderTable with CRD printer columns', () => {
  it('serves Name first, then the CRD columns, with kube definitions and typed cells', () => {
    const table = renderTable({
      objects: [cluster],
      columns: sveltosColumns,
      includeObject: 'Metadata',
      listMeta: { resourceVersion: '42' },
      now,
    });
    expect(table).toEqual({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '42' },
      columnDefinitions: [
        expect.objectContaining({ name: 'Name', type: 'string', format: 'name', priority: 0 }),
        {
          name: 'Ready',
          type: 'boolean',
          format: '',
          description: 'Indicates whether cluster is ready to be managed by sveltos',
          priority: 0,
        },
        {
          name: 'Version',
          type: 'string',
          format: '',
          description: 'Kubernetes version associated with this Cluster',
          priority: 0,
        },
        {
          name: 'Age',
          type: 'date',
          format: '',
          description:
            'Custom resource definition column (in JSONPath format): .metadata.creationTimestamp',
          priority: 0,
        },
      ],
      rows: [
        {
          cells: ['cluster01', true, 'v1.32.5', '5m'],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: cluster.metadata,
          },
        },
      ],
    });
    expect(Object.keys(table)).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'columnDefinitions',
      'rows',
    ]);
  });

  it.each<[string, PrinterColumn, unknown]>([
    ['a missing value as null', { name: 'X', type: 'string', jsonPath: '.status.nope' }, null],
    [
      'an integer from a float',
      { name: 'X', type: 'integer', jsonPath: '.status.failureRatio' },
      0,
    ],
    ['a number', { name: 'X', type: 'number', jsonPath: '.status.connectionFailures' }, 2],
    [
      'a value of the wrong type as null',
      { name: 'X', type: 'boolean', jsonPath: '.status.version' },
      null,
    ],
    [
      'a map in a string column as JSON',
      { name: 'X', type: 'string', jsonPath: '.spec.tokenRequestRenewalOption' },
      '{"renewTokenRequestInterval":"1h"}',
    ],
    [
      'a number in a string column as text',
      { name: 'X', type: 'string', jsonPath: '.status.connectionFailures' },
      '2',
    ],
    [
      'an old date as an age',
      { name: 'X', type: 'date', jsonPath: '.status.lastReconciledTokenRequestAt' },
      '60m',
    ],
    [
      'a non-date string as <invalid>',
      { name: 'X', type: 'date', jsonPath: '.status.version' },
      '<invalid>',
    ],
    ['a label with dots', { name: 'X', type: 'string', jsonPath: ".metadata.labels['env']" }, 'fv'],
    ['an unparsable path as null', { name: 'X', type: 'string', jsonPath: '.status[' }, null],
  ])('renders %s', (_name, column, cell) => {
    const table = renderTable({
      objects: [cluster],
      columns: [column],
      includeObject: 'None',
      now,
    });
    expect((table.rows as { cells: unknown[] }[])[0].cells[1]).toEqual(cell);
  });

  it('uses a column description when the CRD gives one, and the priority', () => {
    const table = renderTable({
      objects: [],
      columns: [{ name: 'W', type: 'string', jsonPath: '.a', priority: 1, format: 'byte' }],
      includeObject: 'Metadata',
      now,
    });
    expect((table.columnDefinitions as object[])[1]).toEqual({
      name: 'W',
      type: 'string',
      format: 'byte',
      description: 'Custom resource definition column (in JSONPath format): .a',
      priority: 1,
    });
    expect(table.rows).toEqual([]);
  });

  it.each<['None' | 'Metadata' | 'Object', unknown]>([
    ['None', null],
    ['Object', cluster],
    [
      'Metadata',
      { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cluster.metadata },
    ],
  ])('carries the row object for includeObject=%s', (mode, object) => {
    const table = renderTable({
      objects: [cluster],
      columns: sveltosColumns,
      includeObject: mode,
      now,
    });
    expect((table.rows as { object: unknown }[])[0].object).toEqual(object);
  });

  it('omits column definitions for watch events after the first, and passes list metadata', () => {
    const table = renderTable({
      objects: [cluster],
      columns: sveltosColumns,
      includeObject: 'Metadata',
      noHeaders: true,
      listMeta: { resourceVersion: '9', continue: 'tok', remainingItemCount: 3 },
      now,
    });
    expect(table.columnDefinitions).toBeNull();
    expect(table.metadata).toEqual({
      resourceVersion: '9',
      continue: 'tok',
      remainingItemCount: 3,
    });
  });

  it('reads the clock when no time is given', () => {
    const fresh = {
      ...cluster,
      metadata: { ...cluster.metadata, creationTimestamp: new Date().toISOString() },
    };
    const table = renderTable({
      objects: [fresh],
      columns: customResourceColumns(undefined),
      includeObject: 'None',
    });
    expect((table.rows as { cells: unknown[] }[])[0].cells).toEqual(['cluster01', '0s']);
  });
});

describe('customResourceColumns', () => {
  it('serves an Age column when the CRD declares none, like apiextensions', () => {
    expect(customResourceColumns([])).toEqual([
      expect.objectContaining({
        name: 'Age',
        type: 'date',
        jsonPath: '.metadata.creationTimestamp',
      }),
    ]);
    expect(customResourceColumns(sveltosColumns)).toEqual(sveltosColumns);
  });
});

describe('builtinColumns', () => {
  const names = (group: string, resource: string): string[] | undefined =>
    builtinColumns(group, resource)?.map((c) => `${c.name}${c.priority ? '*' : ''}`);

  it.each<[string, string, string[] | undefined]>([
    ['', 'namespaces', ['Name', 'Status', 'Age']],
    ['', 'configmaps', ['Name', 'Data', 'Age']],
    ['', 'secrets', ['Name', 'Type', 'Data', 'Age']],
    ['', 'serviceaccounts', ['Name', 'Secrets', 'Age']],
    ['', 'services', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']],
    [
      '',
      'pods',
      [
        'Name',
        'Ready',
        'Status',
        'Restarts',
        'Age',
        'IP*',
        'Node*',
        'Nominated Node*',
        'Readiness Gates*',
      ],
    ],
    [
      '',
      'events',
      [
        'Last Seen',
        'Type',
        'Reason',
        'Object',
        'Subobject*',
        'Source*',
        'Message',
        'First Seen*',
        'Count*',
        'Name*',
      ],
    ],
    [
      'apps',
      'deployments',
      ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*'],
    ],
    [
      'apps',
      'replicasets',
      ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*'],
    ],
    [
      'apps',
      'daemonsets',
      [
        'Name',
        'Desired',
        'Current',
        'Ready',
        'Up-to-date',
        'Available',
        'Node Selector',
        'Age',
        'Containers*',
        'Images*',
        'Selector*',
      ],
    ],
    ['apps', 'statefulsets', ['Name', 'Ready', 'Age', 'Containers*', 'Images*']],
    [
      'batch',
      'jobs',
      ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*'],
    ],
    [
      'batch',
      'cronjobs',
      [
        'Name',
        'Schedule',
        'Timezone',
        'Suspend',
        'Active',
        'Last Schedule',
        'Age',
        'Containers*',
        'Images*',
        'Selector*',
      ],
    ],
    [
      'rbac.authorization.k8s.io',
      'rolebindings',
      ['Name', 'Role', 'Age', 'Users*', 'Groups*', 'ServiceAccounts*'],
    ],
    [
      'rbac.authorization.k8s.io',
      'clusterrolebindings',
      ['Name', 'Role', 'Age', 'Users*', 'Groups*', 'ServiceAccounts*'],
    ],
    ['rbac.authorization.k8s.io', 'roles', ['Name', 'Created At']],
    ['rbac.authorization.k8s.io', 'clusterroles', ['Name', 'Created At']],
    ['apiextensions.k8s.io', 'customresourcedefinitions', ['Name', 'Created At']],
    ['coordination.k8s.io', 'leases', ['Name', 'Holder', 'Age']],
    ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations', ['Name', 'Webhooks', 'Age']],
    [
      'admissionregistration.k8s.io',
      'validatingwebhookconfigurations',
      ['Name', 'Webhooks', 'Age'],
    ],
    [
      'scheduling.k8s.io',
      'priorityclasses',
      ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy*'],
    ],
    [
      'policy',
      'poddisruptionbudgets',
      ['Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age'],
    ],
    ['config.projectsveltos.io', 'clusterprofiles', undefined],
    ['', 'toString', undefined],
  ])('serves %s/%s as %j', (group, resource, expected) => {
    expect(names(group, resource)).toEqual(expected);
  });

  it('describes columns like kube (Name with format name, Age from ObjectMeta)', () => {
    const [name, , age] = builtinColumns('', 'configmaps')!;
    expect(name).toMatchObject({ type: 'string', format: 'name' });
    expect(name.description).toMatch(/^Name must be unique within a namespace/);
    expect(age).toMatchObject({ type: 'string', format: '' });
    expect(age.description).toMatch(/^CreationTimestamp is a timestamp/);
  });

  it('renders the default convertor cells: name and an RFC 3339 creation time', () => {
    const role: KubeObject = {
      metadata: { name: 'r', creationTimestamp: '2026-01-01T00:00:00.000Z' },
    };
    const table = renderTable({
      objects: [role, { metadata: { name: 'bare' } }],
      columns: defaultTableColumns(),
      includeObject: 'None',
      now,
    });
    expect((table.rows as { cells: unknown[] }[]).map((r) => r.cells)).toEqual([
      ['r', '2026-01-01T00:00:00Z'],
      ['bare', '0001-01-01T00:00:00Z'],
    ]);
  });
});
