// The running pull agent: connects to both clusters (retrying until the management kubeconfig
// Secret is readable), sends a heartbeat every interval, serves probes, and runs the
// ConfigurationGroup worker. `stop()` ends every loop and closes connections (SIGTERM-safe).
import { Counter, Registry } from 'prom-client';
import type { Logger } from '../lib/logger.js';
import type { KubeHttpClient } from '../lib/kube-http.js';
import type { AgentClients } from './clients.js';
import { localClient, managementClient } from './clients.js';
import { sendHeartbeat } from './heartbeat.js';
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
export type AgentWorker = (clients: AgentClients) => { stop(): Promise<void> };

const MAX_RETRY_MS = 30_000;

interface State {
  stopped: boolean;
  ready: boolean;
  timer: NodeJS.Timeout | undefined;
  local: KubeHttpClient;
  management: KubeHttpClient | undefined;
  workers: { stop(): Promise<void> }[];
  attempts: number;
}

/** Starts the agent; resolves once the probe server listens (connecting continues in background). */
export async function startAgent(
  options: AgentOptions,
  logger: Logger,
  workers: AgentWorker[] = [],
): Promise<RunningAgent> {
  const registry = new Registry();
  const beats = new Counter({
    name: 'sveltos_agent_heartbeats_total',
    help: 'Heartbeats sent, by result',
    labelNames: ['result'],
    registers: [registry],
  });
  const state: State = {
    stopped: false,
    ready: false,
    timer: undefined,
    local: localClient(),
    management: undefined,
    workers: [],
    attempts: 0,
  };
  let probes: ProbeServer | undefined;
  if (options.probePort !== undefined) {
    probes = await startProbeServer({
      port: options.probePort,
      ready: () => state.ready,
      registry,
    });
  }
  const tick = async (): Promise<void> => {
    const delay = await step(state, { options, logger, workers, beats });
    if (!state.stopped) state.timer = setTimeout(() => void tick(), delay);
  };
  void tick();
  return {
    probeUrl: probes?.url,
    stop: async () => {
      state.stopped = true;
      clearTimeout(state.timer);
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
  beats: Counter;
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
    input.beats.inc({ result: 'ok' });
    if (!state.ready) logger.info('Heartbeat reported', { version });
    state.ready = true;
    state.attempts = 0;
    return options.heartbeatIntervalMs;
  } catch (err) {
    input.beats.inc({ result: 'error' });
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
  if (state.stopped) return;
  const clients = { local: state.local, management: mgmt.http, managementConfig: mgmt.config };
  for (const worker of input.workers) state.workers.push(worker(clients));
}
