// A @kubernetes/client-node informer against a lab cluster whose watches are cut after every
// second event: list-then-watch, resume from the last resourceVersion, and every change seen
// exactly once, in order.
import * as k8s from '@kubernetes/client-node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestFilter } from '../../lab/apiserver/extension-points.js';
import { waitFor } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

/** Ends every watch response right after its Nth event, as a dropped connection would. */
class WatchCutter implements RequestFilter {
  watches = 0;
  constructor(private readonly after: number) {}

  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!/[?&]watch=(true|1)/.test(req.url ?? '')) return Promise.resolve(false);
    this.watches++;
    let events = 0;
    const write = res.write.bind(res) as (chunk: unknown) => boolean;
    res.write = ((chunk: unknown) => {
      const written = write(chunk);
      if (++events >= this.after) setImmediate(() => res.end());
      return written;
    }) as typeof res.write;
    return Promise.resolve(false);
  }
}

let lab: TestLab;
const cutter = new WatchCutter(2);

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['inf'], onCluster: (c) => c.use({ filters: [cutter] }) });
});
afterAll(async () => lab.stop());

describe('client-node informer', () => {
  it('sees every change exactly once across forced watch reconnects', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(lab.kubeconfig('inf'));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const ns = 'informed';
    await core.createNamespace({ body: { metadata: { name: ns } } });
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'before' }, data: { v: '0' } },
    });

    const seen: string[] = [];
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () =>
      core.listNamespacedConfigMap({ namespace: ns }),
    );
    const record = (verb: string) => (o: k8s.V1ConfigMap) =>
      seen.push(`${verb} ${o.metadata?.name ?? ''} ${o.data?.v ?? ''}`);
    informer.on('add', record('add'));
    informer.on('update', record('update'));
    informer.on('delete', record('delete'));
    await informer.start();
    await waitFor(() => seen.length === 1, { what: 'the listed object' });

    const expected = ['add before 0'];
    for (let i = 1; i <= 4; i++) {
      await core.createNamespacedConfigMap({
        namespace: ns,
        body: { metadata: { name: `cm${i}` }, data: { v: '1' } },
      });
      expected.push(`add cm${i} 1`);
      await core.replaceNamespacedConfigMap({
        namespace: ns,
        name: `cm${i}`,
        body: { metadata: { name: `cm${i}` }, data: { v: '2' } },
      });
      expected.push(`update cm${i} 2`);
    }
    await core.deleteNamespacedConfigMap({ namespace: ns, name: 'cm1' });
    expected.push('delete cm1 2');
    await waitFor(() => seen.length >= expected.length, { timeoutMs: 30_000, what: 'all changes' });
    await informer.stop();

    expect(seen).toEqual(expected);
    expect(cutter.watches).toBeGreaterThanOrEqual(4);
    expect(
      informer
        .list()
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['before', 'cm2', 'cm3', 'cm4']);
  });
});
