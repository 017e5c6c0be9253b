// Lease leader election on coordination.k8s.io/v1 (client-node has no helper): read the Lease,
// decide with leader-election-plan.ts, write with its resourceVersion (409 = another replica
// won the race), create on 404. The leader renews every retryPeriod and gives up leadership when
// it could not renew within renewDeadline; stop() releases the Lease so a standby takes over at
// once. Tests: test via controller/start.test.ts (two instances against the lab).
import type { KubeHttpClient } from '../../lib/kube-http.js';
import type { Logger } from '../../lib/logger.js';
import {
  LEASES,
  NAMESPACES,
  apiVersionOf,
  collectionPath,
  objectPath,
} from '../../lib/resource-paths.js';
import type { Clock } from '../context.js';
import { decideLease, releasedLease } from './leader-election-plan.js';
import type { LeaseSpec } from './leader-election-plan.js';

/** client-go's defaults: 15 s lease, renew within 10 s, try every 2 s. */
export interface LeaseTimings {
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = {
  leaseDurationMs: 15_000,
  renewDeadlineMs: 10_000,
  retryPeriodMs: 2_000,
};

export interface LeaderElectorOptions {
  http: KubeHttpClient;
  namespace: string;
  name: string;
  identity: string;
  logger: Logger;
  clock: Clock;
  timings?: LeaseTimings;
  /** Called once when leadership is acquired. */
  onStartedLeading: () => void;
  /** Called once when leadership is lost (not when released by stop()). */
  onStoppedLeading: () => void;
}

interface LeaseObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec?: LeaseSpec;
}

/** Campaigns for the Lease in the background until stopped. */
export class LeaderElector {
  private leading = false;
  private stopped = false;
  private lastRenew = 0;
  private timer: NodeJS.Timeout | undefined;
  private lease: LeaseObject | undefined;
  private readonly timings: LeaseTimings;

  constructor(private readonly opts: LeaderElectorOptions) {
    this.timings = opts.timings ?? DEFAULT_LEASE_TIMINGS;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts campaigning; returns at once. */
  start(): void {
    this.schedule(0);
  }

  /** Stops campaigning and releases the Lease if held. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (!this.leading || !this.lease?.spec) return;
    this.leading = false;
    const body = { ...this.lease, spec: releasedLease(this.lease.spec, this.opts.clock.now()) };
    try {
      await this.opts.http.request({ method: 'PUT', path: this.path(), body, timeoutMs: 5000 });
      this.opts.logger.info('Released leader Lease', { lease: this.opts.name });
    } catch (err) {
      this.opts.logger.warn('Failed to release leader Lease', { err: errorText(err) });
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.tryAcquireOrRenew();
    } catch (err) {
      this.opts.logger.debug('Lease attempt failed', { err: errorText(err) });
    }
    this.checkDeadline();
    this.schedule(this.timings.retryPeriodMs);
  }

  private async tryAcquireOrRenew(): Promise<void> {
    const current = await this.read();
    const decision = decideLease(current?.spec, {
      identity: this.opts.identity,
      now: this.opts.clock.now(),
      leaseDurationMs: this.timings.leaseDurationMs,
    });
    if (decision.action === 'wait' || !decision.spec || this.stopped) {
      if (this.leading) this.lose(decision.reason);
      return;
    }
    this.lease = await this.write(current, decision.spec);
    this.lastRenew = this.opts.clock.now();
    if (!this.leading) this.win(decision.reason);
  }

  private checkDeadline(): void {
    if (!this.leading) return;
    if (this.opts.clock.now() - this.lastRenew > this.timings.renewDeadlineMs) {
      this.lose('could not renew the Lease within the renew deadline');
    }
  }

  private win(reason: string): void {
    this.leading = true;
    this.opts.logger.info('Acquired leader Lease', { lease: this.opts.name, reason });
    this.opts.onStartedLeading();
  }

  private lose(reason: string): void {
    this.leading = false;
    this.opts.logger.error('Lost leader Lease', { lease: this.opts.name, reason });
    this.opts.onStoppedLeading();
  }

  private path(): string {
    return objectPath(LEASES, this.opts.name, this.opts.namespace);
  }

  private async read(): Promise<LeaseObject | undefined> {
    try {
      return await this.opts.http.request<LeaseObject>({ method: 'GET', path: this.path() });
    } catch (err) {
      if ((err as { code?: number }).code === 404) return undefined;
      throw err;
    }
  }

  private async create(spec: LeaseSpec): Promise<LeaseObject> {
    const { namespace, name } = this.opts;
    const body = {
      apiVersion: apiVersionOf(LEASES),
      kind: 'Lease',
      metadata: { name, namespace },
      spec,
    };
    try {
      return await this.opts.http.request({
        method: 'POST',
        path: collectionPath(LEASES, namespace),
        body,
      });
    } catch (err) {
      // A missing namespace is a 404 on create; make it so the next attempt can succeed.
      if ((err as { code?: number }).code === 404) await this.createNamespace();
      throw err;
    }
  }

  private async createNamespace(): Promise<void> {
    const { namespace } = this.opts;
    this.opts.logger.info('Creating leader election namespace', { namespace });
    await this.opts.http.request({
      method: 'POST',
      path: collectionPath(NAMESPACES),
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    });
  }

  private async write(current: LeaseObject | undefined, spec: LeaseSpec): Promise<LeaseObject> {
    if (!current) return this.create(spec);
    // PUT carries the resourceVersion read: a concurrent writer makes this a 409.
    return this.opts.http.request({ method: 'PUT', path: this.path(), body: { ...current, spec } });
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
