// The plumbing every lab controller shares: watches that only turn objects into keys, one keyed
// work queue (lib/workqueue.ts) that runs the controller's reconcile, logging of failures, and a
// stop that ends watches before draining the queue. It makes no decision of its own.
import type { InternalClient } from '../apiserver/extension-points.js';
import type { GroupVersionResource, KubeObject } from '../apiserver/types.js';
import { silentLogger, type Logger } from '../../lib/logger.js';
import type { ReconcileResult } from '../../lib/reconcile-result.js';
import { WorkQueue } from '../../lib/workqueue.js';
import { hasStatusCode } from './object-ops.js';
import { watchResource, type ObjectEventType } from './resource-watch.js';

/** Options of a {@link ControllerLoop}. */
export interface ControllerLoopOptions {
  /** Names the controller in logs, e.g. `garbage-collector`. */
  name: string;
  reconcile: (key: string) => Promise<ReconcileResult>;
  logger?: Logger;
  workers?: number;
  /** First retry delay of a failing key (doubles up to 30 s). */
  baseBackoffMs?: number;
}

/** What to watch and which keys an object maps to. */
export interface LoopWatch {
  client: InternalClient;
  gvr: GroupVersionResource;
  namespace?: string;
  labelSelector?: string;
  keys: (obj: KubeObject, type: ObjectEventType) => string[];
}

/** A work queue fed by watches; `stop()` ends the watches, then waits for running reconciles. */
export class ControllerLoop {
  readonly queue: WorkQueue;
  readonly logger: Logger;
  private readonly stops: (() => void)[] = [];

  constructor(opts: ControllerLoopOptions) {
    this.logger = (opts.logger ?? silentLogger).child({ controller: opts.name });
    this.queue = new WorkQueue({
      reconcile: opts.reconcile,
      workers: opts.workers ?? 1,
      baseBackoffMs: opts.baseBackoffMs ?? 100,
      maxBackoffMs: 30_000,
      onResult: (key, result) => this.report(key, result),
    });
  }

  /** Watches a resource and enqueues the keys `w.keys` returns for every object and change. */
  watch(w: LoopWatch): void {
    const enqueue = (obj: KubeObject, type: ObjectEventType): void => {
      for (const key of w.keys(obj, type)) this.queue.add(key);
    };
    this.stops.push(
      watchResource({
        client: w.client,
        gvr: w.gvr,
        namespace: w.namespace,
        labelSelector: w.labelSelector,
        onEvent: (type, obj) => enqueue(obj, type),
        onError: (err) =>
          this.logger.debug('List failed', { resource: w.gvr.resource, error: err }),
      }),
    );
  }

  /** Registers something to end when the loop stops (a timer, a foreign watch). */
  onStop(fn: () => void): void {
    this.stops.push(fn);
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    await this.queue.stop();
  }

  private report(key: string, result: ReconcileResult): void {
    if (result.kind !== 'retry' && result.kind !== 'terminal') return;
    const fields = { key, outcome: result.kind, error: result.error.message };
    // A 409 means someone wrote first: the retry re-reads, so it is routine, not a warning.
    if (hasStatusCode(result.error, 409)) this.logger.debug('Reconcile conflicted', fields);
    else this.logger.warn('Reconcile failed', fields);
  }
}
