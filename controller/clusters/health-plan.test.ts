import { describe, expect, it } from 'vitest';
import { aCluster } from '../../test/support/controller-builders.js';
import { planPullHealth, planPushHealth } from './health-plan.js';

describe('planPushHealth', () => {
  const cases = [
    {
      name: 'a first successful probe',
      cluster: aCluster('a/c').build(),
      probe: { ok: true as const, version: 'v1.32.5' },
      status: {
        ready: true,
        version: 'v1.32.5',
        connectionStatus: 'Healthy',
        connectionFailures: 0,
      },
    },
    {
      name: 'a success after failures, which clears the message',
      cluster: aCluster('a/c')
        .withStatus({
          ready: false,
          connectionFailures: 4,
          connectionStatus: 'Down',
          failureMessage: 'x',
        })
        .build(),
      probe: { ok: true as const, version: 'v1.31.6+k3s1' },
      status: {
        ready: true,
        version: 'v1.31.6+k3s1',
        connectionStatus: 'Healthy',
        connectionFailures: 0,
      },
    },
    {
      name: 'a first failure of a ready cluster (still ready below the threshold)',
      cluster: aCluster('a/c').ready().build(),
      probe: { ok: false as const, message: 'connection refused' },
      status: {
        ready: true,
        version: 'v1.32.5',
        connectionStatus: 'Healthy',
        connectionFailures: 1,
        failureMessage: 'connection refused',
      },
    },
    {
      name: 'the third failure in a row (Down, not ready)',
      cluster: aCluster('a/c').ready().withStatus({ connectionFailures: 2 }).build(),
      probe: { ok: false as const, message: 'connection refused' },
      status: {
        ready: false,
        version: 'v1.32.5',
        connectionStatus: 'Down',
        connectionFailures: 3,
        failureMessage: 'connection refused',
      },
    },
    {
      name: 'a failure with consecutiveFailureThreshold 1',
      cluster: aCluster('a/c').ready().withSpec({ consecutiveFailureThreshold: 1 }).build(),
      probe: { ok: false as const, message: 'timeout' },
      status: { ready: false, connectionStatus: 'Down', connectionFailures: 1 },
    },
    {
      name: 'a failure of a cluster never reached',
      cluster: aCluster('a/c').build(),
      probe: { ok: false as const, message: 'Secret a/c-sveltos-kubeconfig does not exist' },
      status: {
        ready: false,
        connectionFailures: 1,
        failureMessage: 'Secret a/c-sveltos-kubeconfig does not exist',
      },
    },
  ];
  it.each(cases)('handles $name', ({ cluster, probe, status }) => {
    const next = planPushHealth(cluster, probe);
    expect(next).toMatchObject(status);
    if (probe.ok) expect(next.failureMessage).toBeUndefined();
  });

  it('keeps fields it does not own (agentLastReportTime, token renewal time)', () => {
    const cluster = aCluster('a/c')
      .withStatus({ lastReconciledTokenRequestAt: '2026-01-01T00:00:00Z' })
      .build();
    expect(planPushHealth(cluster, { ok: true, version: 'v1' }).lastReconciledTokenRequestAt).toBe(
      '2026-01-01T00:00:00Z',
    );
  });
});

describe('planPullHealth', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  const timeout = 30_000;
  const pull = (status: Record<string, unknown>) =>
    aCluster('edge/p').withSpec({ pullMode: true }).withStatus(status).build();

  it('is not ready before the first heartbeat, and says what to do', () => {
    const plan = planPullHealth(pull({}), now, timeout);
    expect(plan.status.ready).toBe(false);
    expect(plan.status.failureMessage).toBe(
      'No heartbeat from the agent yet: apply the manifests printed by "kubectl sveltos register cluster --pullmode" in the managed cluster',
    );
  });

  it('is Down once the heartbeat is older than the timeout', () => {
    const plan = planPullHealth(
      pull({ ready: true, agentLastReportTime: '2026-05-01T11:59:00Z' }),
      now,
      timeout,
    );
    expect(plan.status).toMatchObject({
      ready: false,
      connectionStatus: 'Down',
      failureMessage:
        'No heartbeat from the agent since 2026-05-01T11:59:00Z, more than 30s ago (--agent-timeout)',
    });
  });

  it('is ready with a fresh heartbeat, clears its own message, and looks again when it would go stale', () => {
    const plan = planPullHealth(
      pull({
        ready: false,
        connectionStatus: 'Down',
        failureMessage: 'No heartbeat from the agent since …',
        agentLastReportTime: '2026-05-01T11:59:50Z',
      }),
      now,
      timeout,
    );
    expect(plan.status).toMatchObject({ ready: true, connectionStatus: 'Healthy' });
    expect(plan.status.failureMessage).toBeUndefined();
    expect(plan.recheckAfterMs).toBe(21_000);
  });

  it('keeps a failureMessage the agent wrote itself', () => {
    const plan = planPullHealth(
      pull({ failureMessage: 'cannot read /version', agentLastReportTime: '2026-05-01T11:59:59Z' }),
      now,
      timeout,
    );
    expect(plan.status.failureMessage).toBe('cannot read /version');
  });
});
