// Materialises a pod's volumes as files for its processes: Secret, ConfigMap, projected
// (secret, configMap, serviceAccountToken, downwardAPI), downwardAPI and emptyDir volumes under
// `<podDir>/volumes/NAME`, the ServiceAccount files kube mounts at
// /var/run/secrets/kubernetes.io/serviceaccount, and per container a root directory where every
// volumeMount's mountPath is a symlink to its volume (env SVELTOS_LAB_VOLUME_ROOT points there).
import { randomBytes } from 'node:crypto';
import { mkdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InternalClient } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { CONFIGMAPS, SECRETS } from '../controllers/gvrs.js';
import { ContainerConfigError, podField, type ContainerSpec } from './container-config.js';

export const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
const SA_VOLUME = 'kube-api-access';

/** Credentials written into the ServiceAccount volume. */
export interface ServiceAccountFiles {
  token: string;
  caPem: string;
  namespace: string;
}

/** Input of {@link writePodVolumes}. */
export interface PodVolumesInput {
  client: InternalClient;
  pod: KubeObject;
  podDir: string;
  serviceAccount: ServiceAccountFiles;
}

interface Item {
  key?: string;
  path: string;
  fieldRef?: { fieldPath: string };
}
interface SourceRef {
  name?: string;
  secretName?: string;
  items?: Item[];
  optional?: boolean;
}
interface Volume {
  name: string;
  secret?: SourceRef;
  configMap?: SourceRef;
  projected?: { sources?: ProjectedSource[] };
  downwardAPI?: { items?: Item[] };
  emptyDir?: object;
}
interface ProjectedSource {
  secret?: SourceRef;
  configMap?: SourceRef;
  serviceAccountToken?: { path: string };
  downwardAPI?: { items?: Item[] };
}

type Files = Record<string, { content: string; secret: boolean }>;

function volumesOf(pod: KubeObject): Volume[] {
  const spec = (pod.spec ?? {}) as { volumes?: Volume[]; automountServiceAccountToken?: boolean };
  const volumes = [...(spec.volumes ?? [])];
  if (spec.automountServiceAccountToken !== false) volumes.push({ name: SA_VOLUME });
  return volumes;
}

/**
 * Writes every volume of the pod into a fresh directory and swaps the `<podDir>/volumes` symlink
 * to it atomically (as kubelet's `..data` swap), so running processes never see half a volume.
 * Throws ContainerConfigError when a source is missing; the previous volumes then stay.
 */
export async function writePodVolumes(input: PodVolumesInput): Promise<void> {
  const next = join(input.podDir, `volumes-${randomBytes(4).toString('hex')}`);
  try {
    for (const volume of volumesOf(input.pod))
      await writeVolume(input, volume, join(next, volume.name));
  } catch (err) {
    await rm(next, { recursive: true, force: true });
    throw err;
  }
  const link = join(input.podDir, 'volumes');
  const previous = await readlink(link).catch(() => undefined);
  await symlink(next, `${link}.tmp`);
  await rename(`${link}.tmp`, link);
  if (previous) await rm(previous, { recursive: true, force: true });
}

async function writeVolume(input: PodVolumesInput, volume: Volume, dir: string): Promise<void> {
  const files =
    volume.name === SA_VOLUME
      ? serviceAccountFiles(input.serviceAccount)
      : volumeFiles(input, volume);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [path, file] of Object.entries(files)) {
    const target = join(dir, path);
    if (!target.startsWith(dir + '/')) continue; // kube refuses `..` paths; so do we
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { mode: file.secret ? 0o600 : 0o644 });
  }
}

function serviceAccountFiles(sa: ServiceAccountFiles): Files {
  return {
    token: { content: sa.token, secret: true },
    'ca.crt': { content: sa.caPem, secret: false },
    namespace: { content: sa.namespace, secret: false },
  };
}

function volumeFiles(input: PodVolumesInput, volume: Volume): Files {
  if (volume.secret) return sourceFiles(input, volume.name, 'Secret', volume.secret);
  if (volume.configMap) return sourceFiles(input, volume.name, 'ConfigMap', volume.configMap);
  if (volume.downwardAPI) return downwardFiles(input.pod, volume.downwardAPI.items ?? []);
  if (volume.projected) return projectedFiles(input, volume.name, volume.projected.sources ?? []);
  return {};
}

function projectedFiles(
  input: PodVolumesInput,
  volumeName: string,
  sources: ProjectedSource[],
): Files {
  const files: Files = {};
  for (const s of sources) {
    if (s.secret) Object.assign(files, sourceFiles(input, volumeName, 'Secret', s.secret));
    if (s.configMap) Object.assign(files, sourceFiles(input, volumeName, 'ConfigMap', s.configMap));
    if (s.downwardAPI) Object.assign(files, downwardFiles(input.pod, s.downwardAPI.items ?? []));
    if (s.serviceAccountToken)
      files[s.serviceAccountToken.path] = { content: input.serviceAccount.token, secret: true };
  }
  return files;
}

function downwardFiles(pod: KubeObject, items: Item[]): Files {
  return Object.fromEntries(
    items.map((i) => [
      i.path,
      { content: podField(pod, i.fieldRef?.fieldPath ?? ''), secret: false },
    ]),
  );
}

function sourceFiles(
  input: PodVolumesInput,
  volumeName: string,
  kind: 'Secret' | 'ConfigMap',
  ref: SourceRef,
): Files {
  const name = ref.secretName ?? ref.name ?? '';
  const obj = input.client.get(
    kind === 'Secret' ? SECRETS : CONFIGMAPS,
    input.pod.metadata.namespace ?? 'default',
    name,
  );
  if (!obj) {
    if (ref.optional) return {};
    const message = `MountVolume.SetUp failed for volume "${volumeName}" : ${kind.toLowerCase()} "${name}" not found`;
    throw new ContainerConfigError(message, 'ContainerCreating');
  }
  const data = dataOf(obj, kind);
  const items = ref.items ?? Object.keys(data).map((key) => ({ key, path: key }));
  const secret = kind === 'Secret';
  return Object.fromEntries(
    items
      .filter((i) => data[i.key ?? ''] !== undefined)
      .map((i) => [i.path, { content: data[i.key ?? ''] ?? '', secret }]),
  );
}

function dataOf(obj: KubeObject, kind: 'Secret' | 'ConfigMap'): Record<string, string> {
  const data = (obj.data ?? {}) as Record<string, string>;
  if (kind === 'ConfigMap') return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

/**
 * Builds `<podDir>/root/<container>` with a symlink at each mountPath (and the ServiceAccount
 * mount) pointing into the volumes; returns that root (the process's SVELTOS_LAB_VOLUME_ROOT).
 */
export async function mountVolumes(
  pod: KubeObject,
  podDir: string,
  container: ContainerSpec,
): Promise<string> {
  const root = join(podDir, 'root', container.name);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const mounts = [...(container.volumeMounts ?? [])];
  const hasSa = volumesOf(pod).some((v) => v.name === SA_VOLUME);
  if (hasSa && !mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT)) {
    mounts.push({ name: SA_VOLUME, mountPath: SERVICE_ACCOUNT_MOUNT });
  }
  for (const m of mounts) {
    const link = join(root, m.mountPath);
    if (!link.startsWith(root + '/')) continue;
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(podDir, 'volumes', m.name, m.subPath ?? ''), link);
  }
  return root;
}
