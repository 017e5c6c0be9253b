// Picks the FeatureDeliverers of the process: the push deliverer (controller/push) and the pull
// deliverer (controller/pull), unless the caller injects its own (tests). Both are imported
// statically so the esbuild bundle carries them.
import type { Logger } from '../lib/logger.js';
import type { FeatureDeliverer } from './features/feature-types.js';
import { createPullDeliverer } from './pull/pull-deliverer.js';
import { createPushDeliverer } from './push/push-deliverer.js';

/** A deliverer that may hold resources (temp dirs, caches) until closed. */
export type ClosableDeliverer = FeatureDeliverer & { close?: () => void | Promise<void> };

/** The deliverers to use: injected ones first, else the real push and pull deliverers. */
export function loadDeliverers(
  injected: { push?: FeatureDeliverer; pull?: FeatureDeliverer },
  logger: Logger,
): Promise<{ push: ClosableDeliverer; pull: ClosableDeliverer }> {
  logger.debug('Loaded deliverers', {
    injectedPush: !!injected.push,
    injectedPull: !!injected.pull,
  });
  return Promise.resolve({
    push: injected.push ?? createPushDeliverer(),
    pull: injected.pull ?? createPullDeliverer(),
  });
}
