// The running pull agent: re-applies its local inventories, connects to both clusters (retrying
// until the management kubeconfig Secret is readable), sends a heartbeat every interval, serves
// probes, and runs the ConfigurationGroup worker once the re-apply is done (so the two never
// apply the same requestor at once). `stop()` ends every loop and closes connections.
import type { Logger } from '../lib/logger.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { AgentClients } from './clients.js';
import { localClient, managementClient } from './clients.js';
import { sendHeartbeat } from './heartbeat.js';
import { restoreInventories } from './inventory-restore.js';
import { createAgentMetrics } from './metrics.js';
import type { AgentMetrics } from './metrics.js';
import type { AgentOptions } from './options.js';
import { startProbeServer } from './probes.js';
import type { ProbeServer } from './probes.js';

/** A started agent. */
export interface RunningAgent {
  /** Probe server URL when one was started. */
  probeUrl: string | undefined;
  stop(): Promise<void>;
}

/** Extra work run once both clients exist (e.g. the ConfigurationGroup worker). */
export type AgentWorker = (
  clients: AgentClients,
  metrics: AgentMetrics,
) => { stop(): Promise<void> };

/** Overrides for tests: the local cluster's client (default: KUBECONFIG or in-cluster). */
export interface AgentDeps {
  local?: KubeHttpClient;
}

const MAX_RETRY_MS = 30_000;

interface State {
  stopped: boolean;
  ready: boolean;
  timer: NodeJS.Timeout | undefined;
  local: KubeHttpClient;
  management: KubeHttpClient | undefined;
  workers: { stop(): Promise<void> }[];
  attempts: number;
  /** Settles when the start-up re-apply of inventories is over. */
  restored: Promise<void>;
  /** Ends a pending retry sleep (on stop). */
  wake?: () => void;
}

/** Starts the agent; resolves once the probe server listens (connecting continues in background). */
export async function startAgent(
  options: AgentOptions,
  logger: Logger,
  workers: AgentWorker[] = [],
  deps: AgentDeps = {},
): Promise<RunningAgent> {
  const metrics = createAgentMetrics();
  const state: State = {
    stopped: false,
    ready: false,
    timer: undefined,
    local: deps.local ?? localClient(),
    management: undefined,
    workers: [],
    attempts: 0,
    restored: Promise.resolve(),
  };
  state.restored = restoreUntilDone(state, logger, metrics);
  let probes: ProbeServer | undefined;
  if (options.probePort !== undefined) {
    probes = await startProbeServer({
      port: options.probePort,
      ready: () => state.ready,
      registry: metrics.registry,
    });
  }
  const tick = async (): Promise<void> => {
    const delay = await step(state, { options, logger, workers, metrics });
    if (!state.stopped) state.timer = setTimeout(() => void tick(), delay);
  };
  void tick();
  return {
    probeUrl: probes?.url,
    stop: async () => {
      state.stopped = true;
      clearTimeout(state.timer);
      state.wake?.();
      await state.restored;
      await Promise.all(state.workers.map((w) => w.stop()));
      await probes?.stop();
      state.management?.close();
      state.local.close();
    },
  };
}

interface StepInput {
  options: AgentOptions;
  logger: Logger;
  workers: AgentWorker[];
  metrics: AgentMetrics;
}

/** Re-applies inventories, retrying with capped backoff while the local cluster cannot list. */
async function restoreUntilDone(
  state: State,
  logger: Logger,
  metrics: AgentMetrics,
): Promise<void> {
  for (let attempt = 1; !state.stopped; attempt++) {
    try {
      const summary = await restoreInventories(state.local, {
        logger,
        metrics,
        stopped: () => state.stopped,
      });
      logger.info('Re-applied inventories', { ...summary });
      return;
    } catch (err) {
      logger.warn('Failed to list inventories', { error: err, attempt });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(500 * 2 ** attempt, MAX_RETRY_MS));
        state.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

/** One iteration: connect if needed, then heartbeat; returns the delay before the next one. */
async function step(state: State, input: StepInput): Promise<number> {
  const { options, logger } = input;
  try {
    if (!state.management) await connect(state, input);
    const version = await sendHeartbeat(
      { local: state.local, management: state.management! },
      { namespace: options.clusterNamespace, name: options.clusterName },
    );
    input.metrics.heartbeats.inc({ result: 'ok' });
    if (!state.ready) logger.info('Heartbeat reported', { version });
    state.ready = true;
    state.attempts = 0;
    return options.heartbeatIntervalMs;
  } catch (err) {
    input.metrics.heartbeats.inc({ result: 'error' });
    state.attempts++;
    logger.warn('Heartbeat failed', { error: err, attempt: state.attempts });
    return Math.min(options.heartbeatIntervalMs * 2 ** (state.attempts - 1), MAX_RETRY_MS);
  }
}

async function connect(state: State, input: StepInput): Promise<void> {
  const { options, logger } = input;
  const mgmt = await managementClient(
    state.local,
    options.secretNamespace,
    options.secretWithKubeconfig,
  );
  state.management = mgmt.http;
  logger.info('Connected to the management cluster', { server: mgmt.http.server });
  const clients = { local: state.local, management: mgmt.http, managementConfig: mgmt.config };
  void state.restored.then(() => {
    if (state.stopped) return;
    for (const worker of input.workers) state.workers.push(worker(clients, input.metrics));
  });
}
