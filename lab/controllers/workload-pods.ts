// Helpers shared by the lab's workload controllers (ReplicaSet, StatefulSet): the pod template
// hash, kube-style random name suffixes, pods stamped from a template with a controller
// reference, and the pod predicates kube uses (active, ready). Pure except for randomness.
import { randomInt } from 'node:crypto';
import type { KubeObject, OwnerReference } from '../apiserver/types.js';

/** kube's `rand.SafeEncodeString` alphabet: no vowels, no look-alike characters. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A pod template as found in workload specs. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The `pod-template-hash` label value of a template, stable across key order (kube: fnv32a). */
export function podTemplateHash(template: PodTemplate, collisionCount = 0): string {
  const digits = String(fnv32a(stableJson(template) + String(collisionCount)));
  return [...digits].map((c) => ALPHABET[c.charCodeAt(0) % ALPHABET.length]).join('');
}

/** Five random characters from kube's alphabet, as `generateName` appends. */
export function randomSuffix(length = 5): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** A controller owner reference to `owner` (blockOwnerDeletion, as kube's controllers set it). */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when `obj`'s controller reference points at `ownerUid`. */
export function isControlledBy(obj: KubeObject, ownerUid: string | undefined): boolean {
  return (obj.metadata.ownerReferences ?? []).some(
    (r) => r.controller === true && r.uid === ownerUid,
  );
}

/** The uid of `obj`'s controller, if any. */
export function controllerUid(obj: KubeObject): string | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r) => r.controller === true)?.uid;
}

/** Input of {@link podFromTemplate}. */
export interface PodStamp {
  owner: KubeObject;
  template: PodTemplate;
  name: string;
  extraLabels?: Record<string, string>;
}

/** A Pod made from a workload's template, owned by the workload. */
export function podFromTemplate(stamp: PodStamp): KubeObject {
  const meta = stamp.template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: stamp.name,
      namespace: stamp.owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}), ...(stamp.extraLabels ?? {}) },
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ownerReferences: [controllerRef(stamp.owner)],
    },
    spec: structuredClone(stamp.template.spec ?? {}),
  };
}

interface PodStatusView {
  phase?: string;
  conditions?: { type: string; status: string }[];
}

/** kube's IsPodActive: not being deleted, not Succeeded, not Failed. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = (pod.status as PodStatusView | undefined)?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = (pod.status as PodStatusView | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** `spec.replicas` with kube's default of 1. */
export function desiredReplicas(workload: KubeObject): number {
  const replicas = (workload.spec as { replicas?: number } | undefined)?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}

/** Pod order for scale-down, most expendable first: not ready, then newest (kube's ranking, simplified). */
export function scaleDownOrder(pods: KubeObject[]): KubeObject[] {
  const created = (p: KubeObject): string => p.metadata.creationTimestamp ?? '';
  return [...pods].sort((a, b) => {
    const ready = Number(isPodReady(a)) - Number(isPodReady(b));
    return ready !== 0 ? ready : created(b).localeCompare(created(a));
  });
}

/** Deep equality of two JSON values (status change detection). */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}
