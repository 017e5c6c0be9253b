// Resolves a container's environment the way kubelet does: `env` values with `$(VAR)` expansion,
// `valueFrom` (secretKeyRef, configMapKeyRef, fieldRef) and `envFrom` (prefix, optional), reading
// Secrets and ConfigMaps through the in-process client. Missing references throw
// ContainerConfigError with kubelet's wording (the pod shows CreateContainerConfigError).
import type { InternalClient } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { CONFIGMAPS, SECRETS } from '../controllers/gvrs.js';

/** The parts of a container spec the kubelet uses. */
export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: { containerPort: number; name?: string }[];
  readinessProbe?: Probe;
  volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}

/** A readiness probe (httpGet and tcpSocket are honoured; exec counts as success). */
export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}

interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef; fieldRef?: { fieldPath: string } };
}

interface EnvFromSource {
  prefix?: string;
  secretRef?: { name?: string; optional?: boolean };
  configMapRef?: { name?: string; optional?: boolean };
}

/**
 * A reference the container needs cannot be resolved (yet); kubelet retries. `reason` is the
 * container's waiting reason: CreateContainerConfigError (env) or ContainerCreating (volumes).
 */
export class ContainerConfigError extends Error {
  override readonly name = 'ContainerConfigError';
  readonly reason: string;
  constructor(message: string, reason = 'CreateContainerConfigError') {
    super(message);
    this.reason = reason;
  }
}

/** Input of {@link resolveEnv}. */
export interface EnvInput {
  client: InternalClient;
  pod: KubeObject;
  container: ContainerSpec;
}

/** The container's environment, in kube's order: envFrom first, then env (later wins). */
export function resolveEnv(input: EnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of input.container.envFrom ?? [])
    Object.assign(env, envFromSource(input, source));
  for (const v of input.container.env ?? []) {
    const value = v.valueFrom ? valueFrom(input, v) : expandVars(v.value ?? '', env);
    if (value !== undefined) env[v.name] = value;
  }
  return env;
}

/** kube's `$(VAR)` expansion: defined variables are replaced, `$$(` escapes, others stay. */
export function expandVars(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g,
    (match, name: string | undefined) => {
      if (match === '$$') return '$';
      return name !== undefined && env[name] !== undefined ? env[name] : match;
    },
  );
}

function namespaceOf(pod: KubeObject): string {
  return pod.metadata.namespace ?? 'default';
}

function readData(
  input: EnvInput,
  kind: 'Secret' | 'ConfigMap',
  name: string,
): Record<string, string> | undefined {
  const gvr = kind === 'Secret' ? SECRETS : CONFIGMAPS;
  const obj = input.client.get(gvr, namespaceOf(input.pod), name);
  if (!obj) return undefined;
  const data = (obj.data ?? {}) as Record<string, string>;
  if (kind === 'ConfigMap') return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

function keyRef(input: EnvInput, kind: 'Secret' | 'ConfigMap', ref: KeyRef): string | undefined {
  const data = readData(input, kind, ref.name ?? '');
  if (!data) {
    if (ref.optional) return undefined;
    throw new ContainerConfigError(`${kind.toLowerCase()} "${ref.name ?? ''}" not found`);
  }
  if (data[ref.key] === undefined && !ref.optional) {
    throw new ContainerConfigError(
      `couldn't find key ${ref.key} in ${kind} ${namespaceOf(input.pod)}/${ref.name ?? ''}`,
    );
  }
  return data[ref.key];
}

function valueFrom(input: EnvInput, v: EnvVar): string | undefined {
  const from = v.valueFrom ?? {};
  if (from.secretKeyRef) return keyRef(input, 'Secret', from.secretKeyRef);
  if (from.configMapKeyRef) return keyRef(input, 'ConfigMap', from.configMapKeyRef);
  if (from.fieldRef) return podField(input.pod, from.fieldRef.fieldPath);
  return '';
}

function envFromSource(input: EnvInput, source: EnvFromSource): Record<string, string> {
  const kind = source.secretRef ? 'Secret' : 'ConfigMap';
  const { name = '', optional = false } = source.secretRef ?? source.configMapRef ?? {};
  const data = readData(input, kind, name);
  if (!data && !optional)
    throw new ContainerConfigError(`${kind.toLowerCase()} "${name}" not found`);
  const prefix = source.prefix ?? '';
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [prefix + k, v]));
}

/** The downward-API fields kubelet resolves for `fieldRef`. */
export function podField(pod: KubeObject, path: string): string {
  const spec = (pod.spec ?? {}) as { nodeName?: string; serviceAccountName?: string };
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed)
    return (pod.metadata[keyed[1] as 'labels' | 'annotations'] ?? {})[keyed[2] ?? ''] ?? '';
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': namespaceOf(pod),
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': spec.nodeName,
    'spec.serviceAccountName': spec.serviceAccountName ?? 'default',
    'status.hostIP': '127.0.0.1',
    'status.podIP': '127.0.0.1',
  };
  return fields[path] ?? '';
}
