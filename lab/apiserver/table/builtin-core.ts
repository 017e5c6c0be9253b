// Built-in Table columns of core/v1 resources other than pods, as kube-apiserver's printers
// (pkg/printers/internalversion/printers.go, wide cells included) compute them. Pure.
import type { KubeObject } from '../types.js';
import type { BuiltinColumn } from './cells.js';
import {
  ageColumn,
  column,
  formatLabels,
  get,
  int,
  list,
  nameColumn,
  wide,
  record,
  str,
} from './cells.js';
import { doc } from './descriptions.js';
import { timestampAge } from './human-duration.js';

function count(v: unknown): number {
  return Object.keys(record(v)).length;
}

export const namespaceColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Status', 'string', 'The status of the namespace', (o) => str(get(o, 'status', 'phase'))),
  ageColumn(),
];

export const configMapColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Data', 'string', doc('ConfigMap.data'), (o) => count(o.data) + count(o.binaryData)),
  ageColumn(),
];

export const secretColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Type', 'string', doc('Secret.type'), (o) => str(o.type)),
  column('Data', 'string', doc('Secret.data'), (o) => count(o.data)),
  ageColumn(),
];

export const serviceAccountColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Secrets', 'string', doc('ServiceAccount.secrets'), (o) => list(o.secrets).length),
  ageColumn(),
];

function joinOr(values: unknown[], none: string): string {
  return values.length > 0 ? values.map((v) => str(v)).join(',') : none;
}

function loadBalancerText(status: unknown): string {
  const addrs = list(get(status, 'ingress')).map(
    (i) => str(get(i, 'ip')) || str(get(i, 'hostname')),
  );
  const r = [...new Set(addrs.filter((a) => a !== ''))].sort().join(',');
  return r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

/** getServiceExternalIP (non-wide clipping of load-balancer addresses, as the table uses). */
export function serviceExternalIP(o: KubeObject): string {
  const external = list(get(o, 'spec', 'externalIPs'));
  switch (str(get(o, 'spec', 'type'), 'ClusterIP')) {
    case 'ClusterIP':
    case 'NodePort':
      return joinOr(external, '<none>');
    case 'LoadBalancer': {
      const lb = loadBalancerText(get(o, 'status', 'loadBalancer'));
      const all = [...(lb ? lb.split(',') : []), ...external.map((e) => str(e))];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(get(o, 'spec', 'externalName'));
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP`, `443:30001/TCP`, joined by commas. */
export function servicePorts(o: KubeObject): string {
  const ports = list(get(o, 'spec', 'ports')).map((p) => {
    const proto = str(get(p, 'protocol'), 'TCP');
    const node = int(get(p, 'nodePort'));
    return node > 0 ? `${int(get(p, 'port'))}:${node}/${proto}` : `${int(get(p, 'port'))}/${proto}`;
  });
  return ports.length > 0 ? ports.join(',') : '<none>';
}

function clusterIP(o: KubeObject): string {
  const ips = list(get(o, 'spec', 'clusterIPs'));
  return str(ips[0]) || str(get(o, 'spec', 'clusterIP')) || '<none>';
}

export const serviceColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Type', 'string', doc('ServiceSpec.type'), (o) =>
    str(get(o, 'spec', 'type'), 'ClusterIP'),
  ),
  column('Cluster-IP', 'string', doc('ServiceSpec.clusterIP'), clusterIP),
  column('External-IP', 'string', doc('ServiceSpec.externalIPs'), serviceExternalIP),
  column('Port(s)', 'string', doc('ServiceSpec.ports'), servicePorts),
  ageColumn(),
  wide(
    column('Selector', 'string', doc('ServiceSpec.selector'), (o) =>
      formatLabels(get(o, 'spec', 'selector')),
    ),
  ),
];

function firstSeen(o: KubeObject, now: number): string {
  const first = o.firstTimestamp;
  if (typeof first === 'string' && first !== '') return timestampAge(first, now);
  return timestampAge(o.eventTime, now);
}

function lastSeen(o: KubeObject, now: number): string {
  if (o.series) return timestampAge(get(o, 'series', 'lastObservedTime'), now);
  const last = o.lastTimestamp;
  return typeof last === 'string' && last !== '' ? timestampAge(last, now) : firstSeen(o, now);
}

function eventCount(o: KubeObject): number {
  if (o.series) return int(get(o, 'series', 'count'));
  return int(o.count) || 1;
}

function eventTarget(o: KubeObject): string {
  const kind = str(get(o, 'involvedObject', 'kind')).toLowerCase();
  const name = str(get(o, 'involvedObject', 'name'));
  return name ? `${kind}/${name}` : kind;
}

function eventSource(o: KubeObject): string {
  const component = str(get(o, 'source', 'component')) || str(o.reportingController);
  const instance = str(get(o, 'source', 'host')) || str(o.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

export const eventColumns: BuiltinColumn[] = [
  column('Last Seen', 'string', doc('Event.lastTimestamp'), (o, c) => lastSeen(o, c.now)),
  column('Type', 'string', doc('Event.type'), (o) => str(o.type)),
  column('Reason', 'string', doc('Event.reason'), (o) => str(o.reason)),
  column('Object', 'string', doc('Event.involvedObject'), eventTarget),
  wide(
    column('Subobject', 'string', doc('ObjectReference.fieldPath'), (o) =>
      str(get(o, 'involvedObject', 'fieldPath')),
    ),
  ),
  wide(column('Source', 'string', doc('Event.source'), eventSource)),
  column('Message', 'string', doc('Event.message'), (o) => str(o.message).trim()),
  wide(column('First Seen', 'string', doc('Event.firstTimestamp'), (o, c) => firstSeen(o, c.now))),
  wide(column('Count', 'string', doc('Event.count'), eventCount)),
  wide(nameColumn()),
];

function subsetEndpoints(ss: unknown): string[] {
  const ips = list(get(ss, 'addresses')).map((a) => str(get(a, 'ip')));
  const ports = list(get(ss, 'ports'));
  if (ports.length === 0) return ips;
  return ports.flatMap((p) =>
    ips.map((ip) => (ip.includes(':') ? `[${ip}]` : ip) + `:${int(get(p, 'port'))}`),
  );
}

/** formatEndpoints: the first three `ip:port`s and `+ N more...`, `<none>` when empty. */
export function formatEndpoints(o: KubeObject): string {
  const subsets = list(o.subsets);
  if (subsets.length === 0) return '<none>';
  const all = subsets.flatMap(subsetEndpoints);
  const shown = all.slice(0, 3).join(',');
  return all.length > 3 ? `${shown} + ${all.length - 3} more...` : shown;
}

export const endpointsColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Endpoints', 'string', doc('Endpoints.subsets'), formatEndpoints),
  ageColumn(),
];

function quotaColumn(o: KubeObject, limits: boolean): string {
  const hard = record(get(o, 'status', 'hard'));
  const used = record(get(o, 'status', 'used'));
  return Object.keys(hard)
    .sort()
    .filter((r) => (r.split('.').length > 1 && r.split('.')[0] === 'limits') === limits)
    .map((r) => `${r}: ${str(used[r], '0')}/${str(hard[r])}`)
    .join(', ');
}

export const resourceQuotaColumns: BuiltinColumn[] = [
  nameColumn(),
  column(
    'Request',
    'string',
    'Request represents a minimum amount of cpu/memory that a container may consume.',
    (o) => quotaColumn(o, false),
  ),
  column(
    'Limit',
    'string',
    'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
    (o) => quotaColumn(o, true),
  ),
  ageColumn(),
];
