// Pure helpers of the agent's ConfigurationGroup handling: the content hash of a bundle (SHA-256
// over its resources in order, the same definition controller/pull uses), parsing a bundle's
// YAML resources, owner marks on deployed objects, and the inventory key of a requestor.
import { createHash } from 'node:crypto';
import { load } from 'js-yaml';
import {
  OWNER_KIND_ANNOTATION,
  OWNER_NAME_ANNOTATION,
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
  REASON_LABEL,
} from '../api/labels.js';
import type { KubeObject } from '../lib/kube-client.js';

/** Who asked for a group: requestor kind/name and feature, from its labels and annotation. */
export interface Requestor {
  kind: string;
  name: string;
  feature: string;
}

/** The content hash the group lists per bundle (one definition, shared with the controller). */
export { bundleHash } from '../lib/bundle-hash.js';

/** The requestor of a group, from Sveltos' pull-mode labels and annotation. */
export function requestorOf(group: {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
}): Requestor {
  const labels = group.metadata.labels ?? {};
  return {
    kind: labels[PULL_MODE_REQUESTOR_KIND_LABEL] ?? '',
    name: group.metadata.annotations?.[PULL_MODE_REQUESTOR_NAME_ANNOTATION] ?? '',
    feature: labels[PULL_MODE_REQUESTOR_FEATURE_LABEL] ?? '',
  };
}

/** Parses one bundle's resources; throws naming the bundle and entry when one is not an object. */
export function parseResources(bundle: string, resources: readonly string[]): KubeObject[] {
  return resources.map((text, i) => {
    const obj = load(text) as KubeObject | null;
    if (!obj || typeof obj !== 'object' || !obj.kind || !obj.metadata?.name) {
      throw new Error(`ConfigurationBundle ${bundle} resources[${i}] is not a Kubernetes object`);
    }
    return obj;
  });
}

/** A copy of `obj` labelled with the feature and annotated with its owner requestor. */
export function withOwner(obj: KubeObject, requestor: Requestor): KubeObject {
  const copy = structuredClone(obj);
  copy.metadata.labels = { ...copy.metadata.labels, [REASON_LABEL]: requestor.feature };
  copy.metadata.annotations = {
    ...copy.metadata.annotations,
    [OWNER_KIND_ANNOTATION]: requestor.kind,
    [OWNER_NAME_ANNOTATION]: requestor.name,
  };
  return copy;
}

/** Name of the inventory ConfigMap of a requestor and feature (stable, DNS-safe). */
export function inventoryName(requestor: Requestor): string {
  const key = `${requestor.kind}/${requestor.name}/${requestor.feature}`;
  return `sveltos-inventory-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

/** `Kind.version.group` of an object, as Sveltos lists deployed kinds. */
export function gvkOf(obj: { apiVersion: string; kind: string }): string {
  const [group, version] = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion];
  return `${obj.kind}.${version}.${group}`;
}
