// Keeps the `caBundle` of this webhook's own Validating/MutatingWebhookConfigurations equal to
// the CA that signed its serving certificate, so kube-apiserver trusts it after a CA rotation.
// Only the two configurations named in webhook-names.ts are touched; a missing one is skipped.
// Tested against the lab API server in test/e2e/webhook-lab.test.ts.
import {
  AdmissionregistrationV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { LoadedKubeconfig } from '../lib/kubeconfig.js';
import { kubeconfigToYaml } from '../lib/kubeconfig.js';
import type { Logger } from '../lib/logger.js';
import { MUTATING_CONFIGURATION_NAME, VALIDATING_CONFIGURATION_NAME } from './webhook-names.js';

interface WebhookList {
  webhooks?: { name: string; clientConfig?: { caBundle?: string } }[];
}

/** Configurations brought up to date, and those not found (not applied yet). */
export interface PatchOutcome {
  patched: string[];
  missing: string[];
}

/** Patches the caBundle of every webhook in both configurations. */
export type CaBundlePatcher = (caBundle: string) => Promise<PatchOutcome>;

/** A patcher acting with the credentials of `kubeconfig`. */
export function createCaBundlePatcher(kubeconfig: LoadedKubeconfig): CaBundlePatcher {
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigToYaml(kubeconfig.doc));
  const api = kc.makeApiClient(AdmissionregistrationV1Api);
  const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
  const targets = [
    {
      name: VALIDATING_CONFIGURATION_NAME,
      read: (name: string) => api.readValidatingWebhookConfiguration({ name }),
      patch: (name: string, body: unknown[]) =>
        api.patchValidatingWebhookConfiguration({ name, body }, jsonPatch),
    },
    {
      name: MUTATING_CONFIGURATION_NAME,
      read: (name: string) => api.readMutatingWebhookConfiguration({ name }),
      patch: (name: string, body: unknown[]) =>
        api.patchMutatingWebhookConfiguration({ name, body }, jsonPatch),
    },
  ];
  return async (caBundle) => {
    const outcome: PatchOutcome = { patched: [], missing: [] };
    for (const target of targets) {
      const current = await readOrUndefined(() => target.read(target.name));
      if (current === undefined) {
        outcome.missing.push(target.name);
        continue;
      }
      const ops = caBundleOps(current, caBundle);
      if (ops.length > 0) await target.patch(target.name, ops);
      outcome.patched.push(target.name);
    }
    return outcome;
  };
}

/** JSON patch setting `caBundle` on every webhook whose value differs. */
export function caBundleOps(config: WebhookList, caBundle: string): unknown[] {
  return (config.webhooks ?? []).flatMap((hook, i) =>
    hook.clientConfig?.caBundle === caBundle
      ? []
      : [{ op: 'add', path: `/webhooks/${i}/clientConfig/caBundle`, value: caBundle }],
  );
}

async function readOrUndefined(read: () => Promise<WebhookList>): Promise<WebhookList | undefined> {
  try {
    return await read();
  } catch (err) {
    if ((err as { code?: number }).code === 404) return undefined;
    throw err;
  }
}

/** Timing of keepCaBundlePatched. */
export interface CaBundleKeeperOptions {
  /** How often a complete patch is re-checked, to undo a re-applied manifest (default 10 min). */
  resyncMs?: number;
  /** First retry delay; doubles up to 30 s (default 1 s). */
  retryMs?: number;
}

/**
 * Keeps both configurations' caBundle equal to the latest `update` value: retries failures and
 * configurations not applied yet with capped exponential backoff, and re-checks periodically.
 * A newer `update` supersedes an older one. Timers never hold the process open.
 */
export function keepCaBundlePatched(
  patch: CaBundlePatcher,
  logger: Logger,
  opts: CaBundleKeeperOptions = {},
): { update(caBundle: string): void; stop(): void } {
  const resyncMs = opts.resyncMs ?? 10 * 60_000;
  const firstRetryMs = opts.retryMs ?? 1_000;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (fn: () => void, delayMs: number): void => {
    clearTimeout(timer);
    timer = setTimeout(fn, delayMs);
    timer.unref();
  };
  const attempt = (caBundle: string, gen: number, delayMs: number): void => {
    if (stopped || gen !== generation) return;
    const retry = (): void => attempt(caBundle, gen, Math.min(delayMs * 2, 30_000));
    patch(caBundle).then(
      (outcome) => {
        if (stopped || gen !== generation) return;
        logPatch(logger, outcome);
        if (outcome.missing.length > 0) schedule(retry, delayMs);
        else schedule(() => attempt(caBundle, gen, firstRetryMs), resyncMs);
      },
      (err: unknown) => {
        logger.warn('Failed to patch webhook caBundle; retrying', { error: err as Error, delayMs });
        schedule(retry, delayMs);
      },
    );
  };
  return {
    update(caBundle) {
      attempt(caBundle, ++generation, firstRetryMs);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function logPatch(logger: Logger, outcome: PatchOutcome): void {
  if (outcome.patched.length > 0) {
    logger.debug('Webhook caBundle up to date', { configurations: outcome.patched });
  }
  if (outcome.missing.length > 0) {
    logger.debug('Webhook configurations not found yet', { configurations: outcome.missing });
  }
}
