// Fault injection of the lab API server: real kubectl (with its own retries) and a client-node
// informer (makeInformer + restart on error) converge under 10 % injected 503s; after a full
// 5 s outage the informer resumes without missing a change; watches are cut after N events;
// other clusters keep serving; `sveltos-lab fault` (runFaultCommand) drives the admin endpoint.
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, Watch, makeInformer } from '@kubernetes/client-node';
import type { Informer, ObjectCache, V1ConfigMap } from '@kubernetes/client-node';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import type { GroupVersionResource } from '../../lab/apiserver/types.js';
import { runFaultCommand } from '../../lab/faults/fault-command.js';
import { installFaults } from '../../lab/faults/index.js';
import type { FaultInjector } from '../../lab/faults/index.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

const CONFIG_MAPS: GroupVersionResource = { group: '', version: 'v1', resource: 'configmaps' };
const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };

let lab: TestLab;
let cluster: LabCluster;
let faults: FaultInjector;
let kc: KubeConfig;

async function namespace(name: string): Promise<void> {
  await cluster.client.create(NAMESPACES, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  });
}

async function putConfigMap(ns: string, name: string, value: string): Promise<void> {
  const existing = cluster.client.get(CONFIG_MAPS, ns, name);
  const obj = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns },
    data: { v: value },
  };
  if (existing) await cluster.client.update(CONFIG_MAPS, { ...obj, metadata: existing.metadata });
  else await cluster.client.create(CONFIG_MAPS, obj);
}

interface Resilient {
  informer: Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>;
  events: string[];
  errors: () => number;
  stop: () => Promise<void>;
}

/** makeInformer restarted after every error, as a controller must (client-node stops on errors). */
async function resilientInformer(ns: string): Promise<Resilient> {
  const core = kc.makeApiClient(CoreV1Api);
  const informer = makeInformer<V1ConfigMap>(kc, `/api/v1/namespaces/${ns}/configmaps`, () =>
    core.listNamespacedConfigMap({ namespace: ns }),
  );
  const events: string[] = [];
  let errors = 0;
  let stopped = false;
  informer.on('add', (o) => events.push(`add ${o.metadata?.name} ${o.data?.v}`));
  informer.on('update', (o) => events.push(`update ${o.metadata?.name} ${o.data?.v}`));
  informer.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
  const restart = (): void => {
    if (stopped) return;
    informer.start().catch(() => {
      errors++;
      setTimeout(restart, 100);
    });
  };
  informer.on('error', () => {
    errors++;
    setTimeout(restart, 100);
  });
  await waitFor(
    async () => {
      try {
        await informer.start();
        return true;
      } catch {
        return false;
      }
    },
    { what: 'first informer list' },
  );
  return {
    informer,
    events,
    errors: () => errors,
    stop: async () => {
      stopped = true;
      await informer.stop();
    },
  };
}

/** A GET with the admin token, trusting the lab CA. */
function rawGet(path: string): Promise<{ code: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${cluster.baseUrl}${path}`, {
      ca: cluster.caPem,
      headers: { authorization: `Bearer ${cluster.adminToken}` },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({ code: res.statusCode ?? 0, body, ...(retryAfter ? { retryAfter } : {}) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function cacheOf(r: Resilient): string[] {
  return r.informer
    .list()
    .map((o) => `${o.metadata?.name}=${o.data?.v}`)
    .sort();
}

function serverState(ns: string): string[] {
  return cluster.client
    .list(CONFIG_MAPS, ns)
    .items.map((o) => `${o.metadata.name}=${(o.data as Record<string, string>).v}`)
    .sort();
}

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['flt', 'calm'] });
  cluster = lab.cluster('flt');
  faults = installFaults(cluster);
  kc = new KubeConfig();
  kc.loadFromString(readFileSync(lab.kubeconfig('flt'), 'utf8'));
});

afterAll(async () => {
  faults?.clear();
  await lab?.stop();
});

describe('injected errors', () => {
  it('answers injected errors with kube-shaped Status bodies and Retry-After', async () => {
    faults.set({ errorRate: 1, errorCode: 503, retryAfterSeconds: 7 });
    try {
      const r = await rawGet('/api/v1/namespaces');
      expect(r.code).toBe(503);
      expect(r.retryAfter).toBe('7');
      expect(JSON.parse(r.body)).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server is currently unable to handle the request',
        reason: 'ServiceUnavailable',
        details: { retryAfterSeconds: 7 },
        code: 503,
      });
      faults.set({ errorCode: 429 });
      expect(JSON.parse((await rawGet('/version')).body)).toMatchObject({
        reason: 'TooManyRequests',
        code: 429,
      });
    } finally {
      faults.clear();
    }
    expect((await rawGet('/version')).code).toBe(200);
  });

  it('kubectl get (which retries) and a client-node informer converge under 10 % 503s', async () => {
    await namespace('noisy');
    for (let i = 0; i < 5; i++) await putConfigMap('noisy', `cm${i}`, '0');
    const watcher = await resilientInformer('noisy');
    faults.set({ errorRate: 0.1, errorCode: 503, retryAfterSeconds: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        const r = await kubectl(['get', 'configmaps', '-n', 'noisy', '-o', 'name'], {
          kubeconfig: lab.kubeconfig('flt'),
        });
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split('\n')).toHaveLength(5);
      }
      for (let i = 0; i < 5; i++) await putConfigMap('noisy', `cm${i}`, '1');
      await putConfigMap('noisy', 'late', '1');
      await waitFor(
        () => JSON.stringify(cacheOf(watcher)) === JSON.stringify(serverState('noisy')),
        {
          what: 'informer cache equal to the server',
          timeoutMs: 60_000,
        },
      );
    } finally {
      faults.clear();
      await watcher.stop();
    }
  });
});

describe('outage', () => {
  it('refuses the cluster for 5 s while others serve, then the informer resumes without missing a change', async () => {
    await namespace('dark');
    await putConfigMap('dark', 'kept', '0');
    await putConfigMap('dark', 'changed', '0');
    await putConfigMap('dark', 'removed', '0');
    const watcher = await resilientInformer('dark');
    await waitFor(() => watcher.informer.list().length === 3, { what: 'initial cache' });
    const started = Date.now();
    faults.set({ outage: true });
    try {
      const refused = await kubectl(['get', 'configmaps', '-n', 'dark', '--request-timeout=3s'], {
        kubeconfig: lab.kubeconfig('flt'),
      });
      expect(refused.code).not.toBe(0);
      const calm = await kubectl(['get', 'namespaces', '-o', 'name'], {
        kubeconfig: lab.kubeconfig('calm'),
      });
      expect(calm.stdout).toContain('namespace/default');
      // Changes the informer cannot see while the cluster is dark.
      await putConfigMap('dark', 'changed', '1');
      await cluster.client.delete(CONFIG_MAPS, 'dark', 'removed');
      await putConfigMap('dark', 'added', '1');
      // The outage lasts 5 s and the informer keeps failing to reconnect during it.
      const errorsAtStart = watcher.errors();
      await waitFor(() => Date.now() - started >= 5000 && watcher.errors() > errorsAtStart, {
        what: 'a 5 s outage with failed reconnects',
      });
    } finally {
      faults.set({ outage: false });
    }
    try {
      await waitFor(
        () => JSON.stringify(cacheOf(watcher)) === JSON.stringify(serverState('dark')),
        {
          what: 'informer cache equal to the server after the outage',
          timeoutMs: 30_000,
        },
      );
      expect(cacheOf(watcher)).toEqual(['added=1', 'changed=1', 'kept=0']);
      expect(watcher.events).toEqual(
        expect.arrayContaining(['update changed 1', 'delete removed', 'add added 1']),
      );
    } finally {
      await watcher.stop();
    }
  });
});

describe('watch cut', () => {
  it('ends each watch stream after the configured number of events', async () => {
    await namespace('cut');
    faults.set({ watchEventLimit: 2 });
    try {
      const seen: string[] = [];
      let resolveEnded: () => void = () => {};
      const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
      // watch() resolves once the stream is open, so every write below is seen or cut.
      await new Watch(kc).watch(
        '/api/v1/namespaces/cut/configmaps',
        {},
        (type, obj: V1ConfigMap) => seen.push(`${type} ${obj.metadata?.name}`),
        () => resolveEnded(),
      );
      for (let i = 0; i < 4; i++) await putConfigMap('cut', `w${i}`, '0');
      await ended;
      expect(seen).toEqual(['ADDED w0', 'ADDED w1']);
    } finally {
      faults.clear();
    }
  });
});

describe('sveltos-lab fault (runFaultCommand)', () => {
  const io = (): {
    out: string[];
    err: string[];
    io: { stdout: (t: string) => number; stderr: (t: string) => number };
  } => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
  };

  it('shows, changes and clears the faults of a cluster through the admin endpoint', async () => {
    const a = io();
    expect(
      await runFaultCommand(
        [
          '--dir',
          lab.dir,
          '--cluster',
          'flt',
          '--error-rate',
          '0.25',
          '--error-code',
          '429',
          '--latency-ms',
          '5',
        ],
        a.io,
      ),
    ).toBe(0);
    expect(JSON.parse(a.out.join(''))).toMatchObject({
      errorRate: 0.25,
      errorCode: 429,
      latencyMs: 5,
    });
    expect(faults.get()).toMatchObject({ errorRate: 0.25, errorCode: 429, latencyMs: 5 });
    expect(await runFaultCommand(['--kubeconfig', lab.kubeconfig('flt'), '--clear'], io().io)).toBe(
      0,
    );
    expect(faults.get().errorRate).toBe(0);
    expect(
      await runFaultCommand(['--kubeconfig', lab.kubeconfig('flt'), '--outage'], io().io),
    ).toBe(0);
    expect(faults.get().outage).toBe(true);
    // The endpoint still answers during an outage, so the outage can be ended.
    expect(
      await runFaultCommand(['--kubeconfig', lab.kubeconfig('flt'), '--no-outage'], io().io),
    ).toBe(0);
    expect(faults.get().outage).toBe(false);
  });

  it('refuses bad values and non-admin tokens with a message', async () => {
    const bad = io();
    expect(
      await runFaultCommand(['--kubeconfig', lab.kubeconfig('flt'), '--error-code', '404'], bad.io),
    ).toBe(1);
    expect(bad.err.join('')).toBe(
      'sveltos-lab fault: Fault setting "errorCode" must be one of 500, 503, 429, got 404\n',
    );
    const kcDoc = load(readFileSync(lab.kubeconfig('flt'), 'utf8')) as {
      users: { user: { token: string } }[];
    };
    kcDoc.users[0].user.token = 'someone-else';
    const path = join(lab.dir, 'intruder.kubeconfig');
    writeFileSync(path, dump(kcDoc));
    const intruder = io();
    expect(await runFaultCommand(['--kubeconfig', path, '--outage'], intruder.io)).toBe(1);
    expect(intruder.err.join('')).toBe('sveltos-lab fault: Unauthorized\n');
    expect(faults.get().outage).toBe(false);
  });
});
