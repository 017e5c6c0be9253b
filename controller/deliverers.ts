// Picks the FeatureDeliverers of the process: the push deliverer (controller/push) and the pull
// deliverer (controller/pull), unless the caller injects its own (tests). The pull module is
// loaded when present; a build without it answers pull clusters with a clear non-retriable
// failure instead of failing to start.
import { NonRetriableError } from '../lib/reconcile-result.js';
import type { Logger } from '../lib/logger.js';
import type { FeatureDeliverer } from './features/feature-types.js';
import { createPushDeliverer } from './push/push-deliverer.js';

/** A deliverer that may hold resources (temp dirs, caches) until closed. */
export type ClosableDeliverer = FeatureDeliverer & { close?: () => void | Promise<void> };

/** Stands in for a delivery mode this build does not have. */
export function unavailableDeliverer(message: string): FeatureDeliverer {
  const fail = (): Promise<never> =>
    Promise.reject(new NonRetriableError('DeliveryUnavailable', message));
  return { deploy: fail, withdraw: fail };
}

// A variable specifier: the pull module may not exist yet in every build.
const PULL_MODULE = './pull/pull-deliverer.js';

async function loadPull(logger: Logger): Promise<ClosableDeliverer> {
  try {
    const mod = (await import(PULL_MODULE)) as Record<string, unknown>;
    const factory = mod.createPullDeliverer;
    if (typeof factory === 'function') return (factory as () => ClosableDeliverer)();
  } catch (err) {
    logger.debug('Pull deliverer not loaded', {
      err: err instanceof Error ? err.message : String(err),
    });
  }
  logger.warn('Pull mode delivery is not available in this build');
  return unavailableDeliverer(
    'Pull mode delivery is not available in this build of sveltos-controller',
  );
}

/** The deliverers to use: injected ones first, else the real push and pull deliverers. */
export async function loadDeliverers(
  injected: { push?: FeatureDeliverer; pull?: FeatureDeliverer },
  logger: Logger,
): Promise<{ push: ClosableDeliverer; pull: ClosableDeliverer }> {
  return {
    push: injected.push ?? createPushDeliverer(),
    pull: injected.pull ?? (await loadPull(logger)),
  };
}
