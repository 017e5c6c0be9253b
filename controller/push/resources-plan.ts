// The plan of the Resources feature in one cluster: which desired objects to apply, which are
// held by another profile (conflicts naming the winner), and which objects this summary deployed
// earlier that are no longer desired (to delete). Also the `Kind.version.group` strings recorded
// in status. Pure. Tests: resources-plan.test.ts.
import type { ClusterSummary, FeatureID } from '../../api/types/index.js';
import type { KubeObject, ObjectRef } from '../../lib/kube-client.js';
import { describeObject } from '../../lib/apply-order.js';
import { readOwner, sameOwner } from '../features/owner-labels.js';
import type { FeatureOwner } from '../features/owner-labels.js';
import { objectKey } from '../features/resolve-resources.js';
import { decideOwnership } from './ownership-predicates.js';

/** A desired object and who owns it in the cluster now. */
export interface ObservedObject {
  desired: KubeObject;
  /** Owner annotations of the live object (undefined: absent or not deployed by Sveltos). */
  currentOwner?: FeatureOwner | undefined;
  /** '' when currentOwner's ClusterSummary exists, else why not (see ownerLiveness). */
  currentLive: string;
}

export interface ResourceConflict {
  obj: KubeObject;
  winner: FeatureOwner;
  /** `ConfigMap apps/settings is managed by ClusterProfile a (tier 100) (…)`. */
  message: string;
}

export interface ResourcePlan {
  apply: KubeObject[];
  conflicts: ResourceConflict[];
  /** Objects taken over from another owner, with why (for events and logs). */
  takeovers: Array<{ obj: KubeObject; previous: FeatureOwner; why: string }>;
}

/** Decides, per desired object, apply or conflict. */
export function planResources(me: FeatureOwner, observed: readonly ObservedObject[]): ResourcePlan {
  const plan: ResourcePlan = { apply: [], conflicts: [], takeovers: [] };
  for (const o of observed) {
    const decision = decideOwnership(me, o.currentOwner, o.currentLive);
    if (decision.action === 'conflict') {
      const message = `${describeObject(refOf(o.desired))} is ${decision.why}`;
      plan.conflicts.push({ obj: o.desired, winner: decision.winner, message });
      continue;
    }
    if (decision.action === 'takeover') {
      plan.takeovers.push({ obj: o.desired, previous: decision.previous, why: decision.why });
    }
    plan.apply.push(o.desired);
  }
  return plan;
}

/**
 * Live objects this owner deployed that are not desired any more. Objects whose owner
 * annotations name another profile (taken over) are never returned.
 */
export function staleObjects(
  me: FeatureOwner,
  live: readonly KubeObject[],
  desired: readonly KubeObject[],
): ObjectRef[] {
  const wanted = new Set(desired.map(objectKey));
  return live.filter((obj) => ownedBy(me, obj) && !wanted.has(objectKey(obj))).map(refOf);
}

/** True when the live object's owner annotations name `me` (and my summary, when recorded). */
export function ownedBy(me: FeatureOwner, obj: KubeObject): boolean {
  const owner = readOwner(obj.metadata);
  if (!owner || !sameOwner(owner, me)) return false;
  return owner.summary === '' || owner.summary === me.summary;
}

export function refOf(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    namespace: obj.metadata.namespace,
  };
}

/** `Deployment.v1.apps`, `ConfigMap.v1.` — the form status.deployedGroupVersionKind uses. */
export function gvkString(ref: { apiVersion: string; kind: string }): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const version = slash < 0 ? ref.apiVersion : ref.apiVersion.slice(slash + 1);
  return `${ref.kind}.${version}.${group}`;
}

/** Parses gvkString's form (also `Kind.version` for core kinds); undefined when malformed. */
export function parseGvk(text: string): { apiVersion: string; kind: string } | undefined {
  const [kind, version, ...groupParts] = text.split('.');
  if (!kind || !version) return undefined;
  const group = groupParts.join('.');
  return { kind, apiVersion: group ? `${group}/${version}` : version };
}

/** Sorted, de-duplicated kinds of `objects`. */
export function kindsOf(objects: readonly { apiVersion: string; kind: string }[]): string[] {
  return [...new Set(objects.map(gvkString))].sort();
}

/** Kinds a summary recorded as deployed for `feature` (feature summary and deployedGVKs). */
export function recordedKinds(summary: ClusterSummary, feature: FeatureID): string[] {
  const status = summary.status;
  const fromFeature =
    status?.featureSummaries?.find((f) => f.featureID === feature)?.deployedGroupVersionKind ?? [];
  const fromGvks =
    status?.deployedGVKs?.find((f) => f.featureID === feature)?.deployedGroupVersionKind ?? [];
  return [...new Set([...fromFeature, ...fromGvks])].sort();
}
