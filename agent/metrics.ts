// The agent's Prometheus metrics, on one registry per running agent (no global registry):
// heartbeats by result, ConfigurationGroups processed by action and result, how long applying a
// group took, and inventories re-applied at start. Served by agent/probes.ts on /metrics.
import { Counter, Histogram, Registry } from 'prom-client';

/** Metrics of one agent. */
export interface AgentMetrics {
  registry: Registry;
  heartbeats: Counter;
  /** Labels: action (Deploy|Remove), result (Provisioned|Removed|Failed). */
  groups: Counter;
  /** Seconds per processed group, label action. */
  applyDuration: Histogram;
  /** Inventories re-applied at start, label result (Applied|Failed). */
  restores: Counter;
}

/** A fresh registry with the agent's metrics. */
export function createAgentMetrics(): AgentMetrics {
  const registry = new Registry();
  return {
    registry,
    heartbeats: new Counter({
      name: 'sveltos_agent_heartbeats_total',
      help: 'Heartbeats sent, by result',
      labelNames: ['result'],
      registers: [registry],
    }),
    groups: new Counter({
      name: 'sveltos_agent_configuration_groups_total',
      help: 'ConfigurationGroups processed, by action and result',
      labelNames: ['action', 'result'],
      registers: [registry],
    }),
    applyDuration: new Histogram({
      name: 'sveltos_agent_group_apply_duration_seconds',
      help: 'Time to process one ConfigurationGroup (verify, record, apply), by action',
      labelNames: ['action'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    restores: new Counter({
      name: 'sveltos_agent_inventory_reapplied_total',
      help: 'Inventories re-applied at start, by result',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}
