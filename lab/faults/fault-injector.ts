// Fault injection for one virtual cluster as a core RequestFilter: drops connections during an
// outage (and cuts the ones in flight when it starts), delays requests, answers a fraction of
// them with kube-shaped 500/503/429 Status bodies and Retry-After, and ends watch streams after
// N events. It also serves the admin-only `/lab/faults` endpoint. Never touches cluster state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabCluster, RequestFilter } from '../apiserver/extension-points.js';
import { serveFaultEndpoint } from './fault-endpoint.js';
import { NO_FAULTS, mergeFaultSettings } from './fault-settings.js';
import type { FaultSettings } from './fault-settings.js';

/** Path (below the cluster's base path) of the admin endpoint. */
export const FAULTS_PATH = '/lab/faults';

const ERRORS: Record<FaultSettings['errorCode'], { reason: string; message: string }> = {
  500: { reason: 'InternalError', message: 'Internal error occurred: injected fault' },
  503: {
    reason: 'ServiceUnavailable',
    message: 'the server is currently unable to handle the request',
  },
  429: { reason: 'TooManyRequests', message: 'Too many requests, please try again later.' },
};

function isWatch(url: URL): boolean {
  const w = url.searchParams.get('watch');
  return w === 'true' || w === '1' || /\/watch\//.test(url.pathname);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Faults of one cluster; change them with set/clear (tests) or the admin endpoint. */
export class FaultInjector implements RequestFilter {
  private settings: FaultSettings = { ...NO_FAULTS };
  private readonly inFlight = new Set<ServerResponse>();

  /** `random` is injectable so tests can make the error draw deterministic. */
  constructor(private readonly random: () => number = Math.random) {}

  /** Current settings (a copy). */
  get(): FaultSettings {
    return { ...this.settings };
  }

  /** Merges a change (throws FaultSettingsError); starting an outage cuts open connections. */
  set(change: Partial<FaultSettings>): FaultSettings {
    const next = mergeFaultSettings(this.settings, change);
    const outageStarts = next.outage && !this.settings.outage;
    this.settings = next;
    if (outageStarts) this.cutAll();
    return this.get();
  }

  /** Back to no faults. */
  clear(): FaultSettings {
    this.settings = { ...NO_FAULTS };
    return this.get();
  }

  async handle(req: IncomingMessage, res: ServerResponse, cluster: LabCluster): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const base = new URL(cluster.baseUrl).pathname.replace(/\/$/, '');
    if (url.pathname === base + FAULTS_PATH) return serveFaultEndpoint(req, res, cluster, this);
    if (this.settings.outage) return this.drop(req);
    if (this.settings.latencyMs > 0) await sleep(this.settings.latencyMs);
    if (this.settings.outage) return this.drop(req);
    if (this.settings.errorRate > 0 && this.random() < this.settings.errorRate)
      return this.fail(res);
    this.track(res);
    if (this.settings.watchEventLimit > 0 && isWatch(url))
      limitWatch(res, this.settings.watchEventLimit);
    return false;
  }

  private drop(req: IncomingMessage): boolean {
    req.socket.destroy();
    return true;
  }

  private fail(res: ServerResponse): boolean {
    const { errorCode: code, retryAfterSeconds } = this.settings;
    const { reason, message } = ERRORS[code];
    const details: Record<string, unknown> = { retryAfterSeconds };
    if (code === 500) details.causes = [{ message: 'injected fault' }];
    const body = JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      details,
      code,
    });
    res.writeHead(code, {
      'content-type': 'application/json',
      'retry-after': String(retryAfterSeconds),
    });
    res.end(body);
    return true;
  }

  private track(res: ServerResponse): void {
    this.inFlight.add(res);
    res.once('close', () => this.inFlight.delete(res));
  }

  private cutAll(): void {
    for (const res of this.inFlight) res.socket?.destroy();
    this.inFlight.clear();
  }
}

/** Ends a watch response after `limit` events (each event is one newline-terminated write). */
function limitWatch(res: ServerResponse, limit: number): void {
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  let events = 0;
  let ended = false;
  res.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
    if (ended) return true;
    const ok = write(chunk, ...rest);
    events += String(chunk).split('\n').length - 1;
    if (events >= limit) {
      ended = true;
      res.end();
    }
    return ok;
  }) as ServerResponse['write'];
}
