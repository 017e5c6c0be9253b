// The pure half of cluster health: from a cluster, what was observed (a /version probe for push
// clusters, the agent's heartbeat time for pull clusters) and the clock, the next status.
// Push follows Sveltos: a failure sets failureMessage and counts connectionFailures; at
// spec.consecutiveFailureThreshold (default 3) the connection is Down — and, unlike Sveltos,
// the cluster is no longer ready, so nothing is deployed to it until a probe succeeds again.
// Pull clusters are never dialled: a heartbeat older than --agent-timeout means Down.
// Tests: health-plan.test.ts.
import type { SveltosCluster, SveltosClusterStatus } from '../../api/types/index.js';

/** What a /version probe saw. */
export type ProbeResult = { ok: true; version: string } | { ok: false; message: string };

export const DEFAULT_FAILURE_THRESHOLD = 3;

/** Prefix of the failureMessage the controller sets for a stale pull cluster. */
export const HEARTBEAT_MESSAGE_PREFIX = 'No heartbeat from the agent';

/** The status after one probe of a push-mode cluster. */
export function planPushHealth(cluster: SveltosCluster, probe: ProbeResult): SveltosClusterStatus {
  const current = cluster.status ?? {};
  if (probe.ok) {
    const next: SveltosClusterStatus = {
      ...current,
      ready: true,
      version: probe.version,
      connectionStatus: 'Healthy',
      connectionFailures: 0,
    };
    delete next.failureMessage;
    return next;
  }
  const failures = (current.connectionFailures ?? 0) + 1;
  const threshold = cluster.spec?.consecutiveFailureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const down = failures >= threshold;
  return {
    ...current,
    ready: down ? false : (current.ready ?? false),
    connectionFailures: failures,
    failureMessage: probe.message,
    ...(down ? { connectionStatus: 'Down' as const } : {}),
  };
}

export interface PullHealthPlan {
  status: SveltosClusterStatus;
  /** When to look again: just after the heartbeat would go stale. */
  recheckAfterMs: number;
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}

/** The status of a pull-mode cluster given the time of its agent's last heartbeat. */
export function planPullHealth(
  cluster: SveltosCluster,
  now: number,
  agentTimeoutMs: number,
): PullHealthPlan {
  const current = cluster.status ?? {};
  const last = Date.parse(current.agentLastReportTime ?? '');
  if (Number.isNaN(last)) {
    return {
      status: {
        ...current,
        ready: false,
        failureMessage: `${HEARTBEAT_MESSAGE_PREFIX} yet: apply the manifests printed by "kubectl sveltos register cluster --pullmode" in the managed cluster`,
      },
      recheckAfterMs: agentTimeoutMs,
    };
  }
  const age = now - last;
  if (age > agentTimeoutMs) {
    return {
      status: {
        ...current,
        ready: false,
        connectionStatus: 'Down',
        failureMessage: `${HEARTBEAT_MESSAGE_PREFIX} since ${current.agentLastReportTime ?? ''}, more than ${formatDuration(agentTimeoutMs)} ago (--agent-timeout)`,
      },
      recheckAfterMs: agentTimeoutMs,
    };
  }
  const next: SveltosClusterStatus = {
    ...current,
    ready: true,
    connectionStatus: 'Healthy',
    connectionFailures: 0,
  };
  if (next.failureMessage?.startsWith(HEARTBEAT_MESSAGE_PREFIX)) delete next.failureMessage;
  return { status: next, recheckAfterMs: Math.max(1000, agentTimeoutMs - age + 1000) };
}
