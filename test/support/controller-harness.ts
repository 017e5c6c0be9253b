// Runs the controller in-process against a ControllerTestEnv for integration tests, with short
// intervals, ephemeral ports and an in-test FeatureDeliverer that records its calls (used only
// where the push/pull deliverers are not the subject). Owned by the controller "core" developer.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { silentLogger } from '../../lib/logger.js';
import type { FeatureID } from '../../api/types/index.js';
import type {
  DesiredFeature,
  FeatureDeliverer,
  FeatureOutcome,
  FeatureTarget,
} from '../../controller/features/feature-types.js';
import { resolveOptions } from '../../controller/options.js';
import type { RawControllerFlags } from '../../controller/options.js';
import { startController } from '../../controller/start.js';
import type { ControllerHandle, StartDeps } from '../../controller/start.js';
import type { ControllerTestEnv } from './controller-env.js';

/** A deliverer that records every call and answers with a chosen outcome. */
export class RecordingDeliverer implements FeatureDeliverer {
  readonly calls: string[] = [];
  /** Outcome of deploy per feature (default Provisioned). */
  deployOutcome: Partial<Record<FeatureID, FeatureOutcome>> = {};
  /** Thrown by deploy per feature, when set. */
  deployError: Partial<Record<FeatureID, Error>> = {};

  deploy(target: FeatureTarget, desired: DesiredFeature): Promise<FeatureOutcome> {
    this.calls.push(
      `deploy ${desired.feature} ${target.summary.metadata.name ?? ''} ${desired.hash.slice(0, 8)}`,
    );
    const error = this.deployError[desired.feature];
    if (error) return Promise.reject(error);
    return Promise.resolve(this.deployOutcome[desired.feature] ?? { status: 'Provisioned' });
  }

  withdraw(target: FeatureTarget, feature: FeatureID): Promise<FeatureOutcome> {
    this.calls.push(`withdraw ${feature} ${target.summary.metadata.name ?? ''}`);
    return Promise.resolve({ status: 'Removed' });
  }

  count(prefix: string): number {
    return this.calls.filter((c) => c.startsWith(prefix)).length;
  }
}

/** Flags for a test controller: 1 s probes, ephemeral ports, no leader election. */
export function testFlags(
  env: ControllerTestEnv,
  extra: RawControllerFlags = {},
): RawControllerFlags {
  return {
    kubeconfig: env.mgmtKubeconfig,
    healthInterval: '1s',
    agentTimeout: '30s',
    metricsBindAddress: '127.0.0.1:0',
    healthProbeBindAddress: '127.0.0.1:0',
    leaderElect: false,
    logLevel: 'error',
    workers: 4,
    ...extra,
  };
}

/** Starts a controller on the env's management cluster. */
export async function startTestController(
  env: ControllerTestEnv,
  extra: RawControllerFlags = {},
  deps: StartDeps = {},
): Promise<ControllerHandle> {
  return startController(resolveOptions(testFlags(env, extra)), {
    env: { homeDir: env.lab.dir },
    logger: deps.logger ?? (process.env.CONTROLLER_TEST_LOGS ? undefined : silentLogger),
    processMetrics: false,
    ...deps,
  });
}

/** A raw client of a lab cluster (status subresources, merge patches). */
export function rawClient(env: ControllerTestEnv, cluster: string): KubeHttpClient {
  const kc = new KubeConfig();
  kc.loadFromString(readFileSync(env.lab.kubeconfig(cluster), 'utf8'));
  return new KubeHttpClient(kc);
}
