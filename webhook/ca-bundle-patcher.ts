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

/** Patches the caBundle of every webhook in both configurations; returns the names patched. */
export type CaBundlePatcher = (caBundle: string) => Promise<string[]>;

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
    const patched: string[] = [];
    for (const target of targets) {
      const current = await readOrUndefined(() => target.read(target.name));
      if (current === undefined) continue;
      const ops = caBundleOps(current, caBundle);
      if (ops.length > 0) await target.patch(target.name, ops);
      patched.push(target.name);
    }
    return patched;
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

/**
 * Runs `patch` until it succeeds, with capped exponential backoff (1 s … 30 s); a newer call
 * supersedes an older one. Returns a function that stops retrying.
 */
export function keepCaBundlePatched(
  patch: CaBundlePatcher,
  logger: Logger,
): { update(caBundle: string): void; stop(): void } {
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = (caBundle: string, gen: number, delayMs: number): void => {
    if (stopped || gen !== generation) return;
    patch(caBundle).then(
      (names) => logger.info('Patched webhook caBundle', { configurations: names }),
      (err: unknown) => {
        logger.warn('Failed to patch webhook caBundle; retrying', { error: err as Error, delayMs });
        timer = setTimeout(() => attempt(caBundle, gen, Math.min(delayMs * 2, 30_000)), delayMs);
        timer.unref();
      },
    );
  };
  return {
    update(caBundle) {
      clearTimeout(timer);
      attempt(caBundle, ++generation, 1_000);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
