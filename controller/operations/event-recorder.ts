// Kubernetes Events (core/v1) on the objects the controller reconciles, as client-go's
// recorder writes them: one Event per (object, type, reason, message), repeats raise `count`
// and `lastTimestamp` instead of creating new Events. Writes are queued and sent one at a time
// in the background, so recording never blocks or fails a reconcile. Tests: event-recorder.test.ts.
import type { KubeHttpClient } from '../../lib/kube-http.js';
import type { Logger } from '../../lib/logger.js';
import { EVENTS, collectionPath, objectPath } from '../../lib/resource-paths.js';
import type { Clock, EventRecorder, EventSubject } from '../context.js';

export interface EventRecorderOptions {
  http: KubeHttpClient;
  logger: Logger;
  clock: Clock;
  /** `reportingInstance` of the Events (the replica's identity). */
  instance: string;
  component?: string;
  /** Events waiting to be written beyond which new ones are dropped (default 1000). */
  maxPending?: number;
  /** Distinct Events remembered for aggregation (default 4096). */
  maxRemembered?: number;
}

type EventType = 'Normal' | 'Warning';

interface PendingEvent {
  subject: EventSubject;
  type: EventType;
  reason: string;
  message: string;
  time: number;
}

interface Remembered {
  name: string;
  namespace: string;
  count: number;
}

const MAX_MESSAGE = 1024;

/** Builds the recorder; `close()` stops it after writing what is queued. */
export function createEventRecorder(
  opts: EventRecorderOptions,
): EventRecorder & { close(): Promise<void> } {
  return new QueuedEventRecorder(opts);
}

class QueuedEventRecorder implements EventRecorder {
  private readonly pending: PendingEvent[] = [];
  private readonly remembered = new Map<string, Remembered>();
  private draining: Promise<void> | undefined;
  private closed = false;
  private sequence = 0;

  constructor(private readonly opts: EventRecorderOptions) {}

  normal(subject: EventSubject, reason: string, message: string): void {
    this.record({ subject, type: 'Normal', reason, message, time: this.opts.clock.now() });
  }

  warning(subject: EventSubject, reason: string, message: string): void {
    this.record({ subject, type: 'Warning', reason, message, time: this.opts.clock.now() });
  }

  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private record(event: PendingEvent): void {
    if (this.closed) return;
    if (this.pending.length >= (this.opts.maxPending ?? 1000)) {
      this.opts.logger.warn('Dropped Event, too many pending', { reason: event.reason });
      return;
    }
    this.pending.push(event);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    for (let event = this.pending.shift(); event; event = this.pending.shift()) {
      try {
        await this.write(event);
      } catch (err) {
        this.opts.logger.warn('Failed to write Event', {
          reason: event.reason,
          object: event.subject.metadata.name,
          err: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }

  private async write(event: PendingEvent): Promise<void> {
    const key = aggregationKey(event);
    const known = this.remembered.get(key);
    if (known && (await this.bump(known, event))) return;
    const created = await this.create(event);
    this.remember(key, created);
  }

  /** Raises the count of a known Event; false when it is gone (then a new one is made). */
  private async bump(known: Remembered, event: PendingEvent): Promise<boolean> {
    known.count++;
    try {
      await this.opts.http.request({
        method: 'PATCH',
        path: objectPath(EVENTS, known.name, known.namespace),
        contentType: 'application/merge-patch+json',
        body: { count: known.count, lastTimestamp: seconds(event.time) },
        op: { verb: 'patch', kind: 'Event', name: known.name, namespace: known.namespace },
      });
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 404) return false;
      throw err;
    }
  }

  private async create(event: PendingEvent): Promise<Remembered> {
    const body = this.eventObject(event);
    await this.opts.http.request({
      method: 'POST',
      path: collectionPath(EVENTS, body.metadata.namespace),
      body,
      op: { verb: 'create', kind: 'Event', name: body.metadata.name },
    });
    return { name: body.metadata.name, namespace: body.metadata.namespace, count: 1 };
  }

  private remember(key: string, entry: Remembered): void {
    const max = this.opts.maxRemembered ?? 4096;
    if (this.remembered.size >= max) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
    this.remembered.set(key, entry);
  }

  private eventObject(event: PendingEvent): {
    metadata: { name: string; namespace: string };
    [k: string]: unknown;
  } {
    const meta = event.subject.metadata;
    // client-go puts Events of cluster-scoped objects in `default`.
    const namespace = meta.namespace ?? 'default';
    const component = this.opts.component ?? 'sveltos-controller';
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${meta.name ?? 'object'}.${uniqueSuffix(event.time, ++this.sequence)}`,
        namespace,
      },
      involvedObject: {
        apiVersion: event.subject.apiVersion,
        kind: event.subject.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
      },
      reason: event.reason,
      message: event.message.slice(0, MAX_MESSAGE),
      type: event.type,
      source: { component },
      reportingComponent: component,
      reportingInstance: this.opts.instance,
      firstTimestamp: seconds(event.time),
      lastTimestamp: seconds(event.time),
      count: 1,
    };
  }
}

function aggregationKey(e: PendingEvent): string {
  const m = e.subject.metadata;
  return [
    e.subject.kind,
    m.namespace ?? '',
    m.name ?? '',
    m.uid ?? '',
    e.type,
    e.reason,
    e.message,
  ].join('\u0000');
}

/** RFC 3339 with second precision, as Event timestamps are. */
function seconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Like client-go's `%x` of UnixNano: unique per recorder, sortable by time. */
function uniqueSuffix(ms: number, sequence: number): string {
  return (BigInt(ms) * 1_000_000n + BigInt(sequence % 1_000_000)).toString(16);
}
