// What the webhook does with API credentials: read stored profiles through a short cache, and
// keep its webhook configurations' caBundle current. Kept apart so the server loads
// @kubernetes/client-node (about 1 s of start-up) only when it has credentials.
import { createKubeClient } from '../lib/kube-client.js';
import type { LoadedKubeconfig } from '../lib/kubeconfig.js';
import type { Logger } from '../lib/logger.js';
import type { AdmissionContext } from './admission-handler.js';
import { createCaBundlePatcher, keepCaBundlePatched } from './ca-bundle-patcher.js';
import { createProfileCache, kubeObjectLister } from './profile-cache.js';

export interface KubeIntegration {
  context: AdmissionContext;
  caBundle: { update(caBundle: string): void; stop(): void };
}

/** Builds the API-backed admission context and caBundle keeper for `kubeconfig`. */
export function createKubeIntegration(
  kubeconfig: LoadedKubeconfig,
  logger: Logger,
): KubeIntegration {
  const client = createKubeClient(kubeconfig, { timeoutMs: 2_000, userAgent: 'sveltos-webhook' });
  const cache = createProfileCache({ list: kubeObjectLister(client) });
  return {
    context: { lookup: () => cache.lookup(), remember: (obj) => cache.remember(obj) },
    caBundle: keepCaBundlePatched(createCaBundlePatcher(kubeconfig), logger),
  };
}
