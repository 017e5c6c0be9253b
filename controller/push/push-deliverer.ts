// The FeatureDeliverer for push-mode clusters: dials the managed cluster with the kubeconfig
// from its Secret and runs the Resources or Helm executor, turning every failure into a Failed
// (or FailedNonRetriable) outcome that carries the API's or helm's own reason. Records the
// deploy latency metric and a warning Event per failure. Created once per controller process.
// Tests: push-deliverer.test.ts (lab, real helm).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureID } from '../../api/types/index.js';
import { HelmCli } from '../../lib/helm-cli.js';
import type { ControllerContext } from '../context.js';
import type {
  DesiredFeature,
  FeatureDeliverer,
  FeatureOutcome,
  FeatureTarget,
} from '../features/feature-types.js';
import { failedOutcome, summaryKey } from '../features/feature-outcome.js';
import { ManagedAccessCache } from './cluster-access.js';
import type { ManagedAccess } from './cluster-access.js';
import { deployHelm, withdrawHelm } from './helm-executor.js';
import { deployResources, withdrawResources } from './resources-executor.js';

export interface PushDelivererOptions {
  /** helm processes at once per managed cluster (default 2). */
  helmConcurrencyPerCluster?: number;
  /** Private directory for helm's state; default a fresh temp dir removed by close(). */
  helmHomeDir?: string;
  /** helm binary (default resolveHelmBinary()). */
  helmBinary?: string;
  /** Environment helm may see (PATH, proxies). */
  env?: Record<string, string | undefined>;
}

/** The push deliverer; `close()` removes its private helm directory. */
export interface PushDeliverer extends FeatureDeliverer {
  close(): void;
}

/** Builds the push deliverer (one per controller process). */
export function createPushDeliverer(opts: PushDelivererOptions = {}): PushDeliverer {
  const ownHome = opts.helmHomeDir ? undefined : mkdtempSync(join(tmpdir(), 'sveltos-helm-'));
  const helm = new HelmCli({
    homeDir: opts.helmHomeDir ?? (ownHome as string),
    ...(opts.helmBinary ? { binary: opts.helmBinary } : {}),
    perClusterConcurrency: opts.helmConcurrencyPerCluster ?? 2,
    env: opts.env ?? { PATH: process.env.PATH },
  });
  const access = new ManagedAccessCache();
  const run = (
    target: FeatureTarget,
    feature: FeatureID,
    ctx: ControllerContext,
    work: (a: ManagedAccess) => Promise<FeatureOutcome>,
  ): Promise<FeatureOutcome> =>
    measured(target, feature, ctx, async () => work(await access.access(ctx, target.cluster)));
  return {
    deploy: (target, desired, ctx) =>
      run(target, desired.feature, ctx, (a) => deployFeature(a, target, desired, { ctx, helm })),
    withdraw: (target, feature, ctx) =>
      run(target, feature, ctx, (a) => withdrawFeature(a, target, feature, { ctx, helm })),
    close: () => {
      if (ownHome) rmSync(ownHome, { recursive: true, force: true });
    },
  };
}

function deployFeature(
  access: ManagedAccess,
  target: FeatureTarget,
  desired: DesiredFeature,
  deps: { ctx: ControllerContext; helm: HelmCli },
): Promise<FeatureOutcome> {
  switch (desired.feature) {
    case 'Resources':
      return deployResources(access, target, desired, deps.ctx);
    case 'Helm':
      return deployHelm(access, target, desired, deps);
    default:
      return Promise.resolve(noKustomize(desired));
  }
}

function withdrawFeature(
  access: ManagedAccess,
  target: FeatureTarget,
  feature: FeatureID,
  deps: { ctx: ControllerContext; helm: HelmCli },
): Promise<FeatureOutcome> {
  switch (feature) {
    case 'Resources':
      return withdrawResources(access, target, deps.ctx);
    case 'Helm':
      return withdrawHelm(access, target, deps);
    default:
      return Promise.resolve({ status: 'Removed' });
  }
}

function noKustomize(desired: DesiredFeature): FeatureOutcome {
  if ((desired.objects ?? []).length === 0) return { status: 'Provisioned' };
  return {
    status: 'FailedNonRetriable',
    failureMessage: 'Kustomize is not supported in push mode yet',
  };
}

/** Runs one delivery: metric, log and Event, and any thrown error as a Failed outcome. */
async function measured(
  target: FeatureTarget,
  feature: FeatureID,
  ctx: ControllerContext,
  work: () => Promise<FeatureOutcome>,
): Promise<FeatureOutcome> {
  const started = ctx.clock.now();
  const outcome = await work().catch((err: unknown) => failedOutcome(err));
  const ok = outcome.status === 'Provisioned' || outcome.status === 'Removed';
  ctx.metrics.observeDeploy(feature, ok ? 'success' : 'failure', ctx.clock.now() - started);
  const fields = { summary: summaryKey(target), feature, status: outcome.status };
  if (ok) {
    ctx.logger.info(`Delivered ${feature}`, fields);
  } else {
    ctx.logger.warn(`Failed to deliver ${feature}`, {
      ...fields,
      failureMessage: outcome.failureMessage,
    });
    ctx.events.warning(
      target.summary,
      `${feature}Failed`,
      outcome.failureMessage ?? outcome.status,
    );
  }
  return outcome;
}
