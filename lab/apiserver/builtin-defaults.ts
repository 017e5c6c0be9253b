// The few built-in defaults and conversions clients observe: namespaces get the `kubernetes`
// finalizer, phase Active and the metadata.name label; Secrets fold `stringData` into `data`
// and default `type`; Services get a type, a cluster IP and port defaults; workloads get
// `replicas: 1`; Pods start Pending. Everything else is stored as sent. Pure, in place.
import { createHash } from 'node:crypto';
import type { KubeObject, ResourceInfo } from './types.js';
import { applyWorkloadDefaults } from './workload-defaults.js';

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function defaultNamespace(obj: KubeObject, op: 'CREATE' | 'UPDATE'): void {
  const name = obj.metadata.name ?? '';
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  if (op === 'CREATE') {
    obj.spec = { ...(asObject(obj.spec) ?? {}), finalizers: ['kubernetes'] };
    obj.status = { phase: 'Active' };
  }
}

function defaultSecret(obj: KubeObject): void {
  obj.type ??= 'Opaque';
  const stringData = asObject(obj.stringData);
  if (!stringData) return;
  const data: Json = { ...(asObject(obj.data) ?? {}) };
  for (const [k, v] of Object.entries(stringData))
    data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  obj.data = data;
  delete obj.stringData;
}

/** A stable fake cluster IP in 10.96.0.0/12, derived from namespace/name. */
function clusterIpFor(obj: KubeObject): string {
  const h = createHash('sha256')
    .update(`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`)
    .digest();
  return `10.96.${h[0] ?? 0}.${((h[1] ?? 0) % 253) + 1}`;
}

function defaultServicePorts(spec: Json): void {
  if (!Array.isArray(spec.ports)) return;
  spec.ports = (spec.ports as unknown[]).map((p) => {
    const port = asObject(p);
    if (!port) return p;
    return { protocol: 'TCP', ...port, targetPort: port.targetPort ?? port.port };
  });
}

function assignClusterIp(spec: Json, obj: KubeObject, old: KubeObject | undefined): void {
  if (spec.type === 'ExternalName' || spec.clusterIP !== undefined) return;
  const oldIp = asObject(old?.spec)?.clusterIP as string | undefined;
  const ip = oldIp ?? (old ? undefined : clusterIpFor(obj));
  if (!ip) return;
  spec.clusterIP = ip;
  spec.clusterIPs = [ip];
}

function defaultService(obj: KubeObject, old?: KubeObject): void {
  const spec: Json = { type: 'ClusterIP', sessionAffinity: 'None', ...(asObject(obj.spec) ?? {}) };
  assignClusterIp(spec, obj, old);
  if (spec.type !== 'ExternalName') {
    Object.assign(spec, {
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      ...spec,
    });
  }
  defaultServicePorts(spec);
  obj.spec = spec;
}

/** Applies the built-in defaults of `r` to `obj` (no-op for kinds without any). */
export function applyBuiltinDefaults(
  r: ResourceInfo,
  obj: KubeObject,
  op: 'CREATE' | 'UPDATE',
  old?: KubeObject,
): void {
  if (!r.builtin) return;
  const key = `${r.group}/${r.resource}`;
  if (key === '/namespaces') defaultNamespace(obj, op);
  else if (key === '/secrets') defaultSecret(obj);
  else if (key === '/services') defaultService(obj, old);
  else applyWorkloadDefaults(key, obj);
  if (key === '/pods' && op === 'CREATE') obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
}
