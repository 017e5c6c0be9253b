// Dispatches admission to webhooks like k8s.io/apiserver's mutating and validating dispatchers:
// mutating webhooks one after another (each sees the previous patch; IfNeeded ones are re-run
// once after a later change), validating webhooks in parallel; failurePolicy decides on call
// failures, denials always refuse. It reads configurations from the cluster on every request.
import type {
  AdmissionAttributes,
  AdmissionController,
  ClusterController,
  LabCluster,
} from '../apiserver/extension-points.js';
import { applyJsonPatch } from '../apiserver/patch/json-patch.js';
import { badRequest, internalError, isStatusError, notFound } from '../apiserver/status-errors.js';
import type { GroupVersionResource, KubeObject } from '../apiserver/types.js';
import {
  invocationFor,
  isExemptKind,
  namespaceMatches,
  needsNamespaceLabels,
  objectMatches,
} from './matching.js';
import type { EquivalentsFn, Invocation, MatchAttributes } from './matching.js';
import { CallingWebhookError, buildReview, denialError, verifyResponse } from './review.js';
import type { WebhookClient } from './webhook-client.js';
import { MUTATING_GVR, VALIDATING_GVR, webhooksOf } from './webhook-config.js';
import type { Webhook } from './webhook-config.js';

const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };

function matchAttributes(a: AdmissionAttributes): MatchAttributes {
  const resource = {
    group: a.info.apiGroup,
    version: a.info.apiVersion,
    resource: a.info.resource,
  };
  const isNs = resource.group === '' && resource.resource === 'namespaces';
  // kube's attributes carry a Namespace object's own name as its namespace (except on create).
  const namespace = a.info.namespace || (isNs ? a.info.name : '');
  return {
    operation: a.operation,
    resource,
    subresource: a.info.subresource,
    namespace,
    object: a.object,
    oldObject: a.oldObject,
  };
}

function equivalentsIn(cluster: LabCluster): EquivalentsFn {
  return (r) =>
    cluster.registry
      .all()
      .filter((i) => i.group === r.group && i.resource === r.resource)
      .map((i) => ({
        resource: { group: i.group, version: i.version, resource: i.resource },
        kind: { group: i.group, version: i.version, kind: i.kind },
      }));
}

function listConfigs(cluster: LabCluster, gvr: GroupVersionResource): KubeObject[] {
  try {
    return cluster.client.list(gvr).items;
  } catch (err) {
    if (isStatusError(err) && err.code === 404) return [];
    throw err;
  }
}

function namespaceLabels(a: AdmissionAttributes, m: MatchAttributes): Record<string, string> {
  const ns = a.cluster.client.get(NAMESPACES, '', m.namespace);
  if (!ns) throw notFound({ group: '', resource: 'namespaces' }, m.namespace);
  return ns.metadata.labels ?? {};
}

/** The invocations for a request, in dispatch order (selectors, rules, matchPolicy applied). */
export function selectInvocations(a: AdmissionAttributes, mutating: boolean): Invocation[] {
  if (isExemptKind(a.gvk)) return [];
  const hooks = webhooksOf(
    listConfigs(a.cluster, mutating ? MUTATING_GVR : VALIDATING_GVR),
    mutating,
  );
  const m = matchAttributes(a);
  const equivalents = equivalentsIn(a.cluster);
  const out: Invocation[] = [];
  for (const w of hooks) {
    const inv = invocationFor(w, m, a.gvk, equivalents);
    if (!inv || !objectMatches(w, m)) continue;
    const labels = needsNamespaceLabels(w, m) ? namespaceLabels(a, m) : undefined;
    if (namespaceMatches(w, m, labels)) out.push(inv);
  }
  return out;
}

function checkDryRun(w: Webhook, dryRun: boolean): void {
  if (!dryRun) return;
  if (!w.sideEffects) throw new CallingWebhookError(w.name, 'Webhook SideEffects is nil');
  if (w.sideEffects !== 'None' && w.sideEffects !== 'NoneOnDryRun') {
    throw badRequest(`admission webhook "${w.name}" does not support dry run`);
  }
}

/** Runs `fn`; a call failure is ignored under failurePolicy Ignore, else a 500. */
async function withFailurePolicy<T>(w: Webhook, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof CallingWebhookError)) throw err;
    if (w.failurePolicy === 'Ignore') return undefined;
    throw internalError(err.message);
  }
}

function decodePatch(patch: string): unknown[] {
  try {
    const ops = JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as unknown;
    if (!Array.isArray(ops))
      throw new Error('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    return ops;
  } catch (err) {
    throw internalError((err as Error).message);
  }
}

function applyPatch(w: Webhook, a: AdmissionAttributes, patch: string): KubeObject | undefined {
  const ops = decodePatch(patch);
  if (ops.length === 0) return undefined;
  if (!a.object) {
    throw internalError(
      `admission webhook "${w.name}" attempted to modify the object, which is not supported for this operation`,
    );
  }
  try {
    return { ...(applyJsonPatch(a.object, ops) as KubeObject), apiVersion: a.object.apiVersion };
  } catch (err) {
    throw internalError((err as Error).message);
  }
}

/** Admission by the cluster's Mutating/ValidatingWebhookConfigurations. */
export class WebhookAdmission implements AdmissionController, ClusterController {
  constructor(private readonly client: WebhookClient) {}

  start(_cluster: LabCluster): void {}

  stop(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }

  async mutate(a: AdmissionAttributes): Promise<{ object?: KubeObject; warnings: string[] }> {
    const warnings: string[] = [];
    const invocations = selectInvocations(a, true);
    let current = a;
    let lastChange = -1;
    const ran: number[] = [];
    const runAt = async (i: number): Promise<void> => {
      const changed = await this.callMutating(invocations[i], current, warnings);
      if (changed) {
        current = { ...current, object: changed };
        lastChange = i;
      }
    };
    for (let i = 0; i < invocations.length; i++) {
      await runAt(i);
      ran.push(i);
    }
    for (const i of ran.filter(
      (j) => invocations[j].webhook.reinvocationPolicy === 'IfNeeded' && j < lastChange,
    )) {
      await runAt(i);
    }
    return { object: current.object !== a.object ? current.object : undefined, warnings };
  }

  async validate(a: AdmissionAttributes): Promise<{ warnings: string[] }> {
    const invocations = selectInvocations(a, false);
    const results = await Promise.allSettled(invocations.map((inv) => this.callValidating(inv, a)));
    const warnings = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { warnings };
  }

  private async callMutating(
    inv: Invocation,
    a: AdmissionAttributes,
    warnings: string[],
  ): Promise<KubeObject | undefined> {
    const w = inv.webhook;
    return withFailurePolicy(w, async () => {
      checkDryRun(w, a.dryRun);
      const review = buildReview(a, inv);
      const uid = (review.request as { uid: string }).uid;
      const result = verifyResponse(w.name, await this.client.call(w, review), uid, true);
      warnings.push(...result.warnings);
      if (!result.allowed) throw denialError(w.name, result.status);
      if (!result.patch) return undefined;
      if (result.patchType !== 'JSONPatch')
        throw new CallingWebhookError(w.name, `unsupported patch type "${result.patchType ?? ''}"`);
      return applyPatch(w, a, result.patch);
    });
  }

  private async callValidating(inv: Invocation, a: AdmissionAttributes): Promise<string[]> {
    const w = inv.webhook;
    const warnings = await withFailurePolicy(w, async () => {
      checkDryRun(w, a.dryRun);
      const review = buildReview(a, inv);
      const uid = (review.request as { uid: string }).uid;
      const result = verifyResponse(w.name, await this.client.call(w, review), uid, false);
      if (!result.allowed) throw denialError(w.name, result.status);
      return result.warnings;
    });
    return warnings ?? [];
  }
}
