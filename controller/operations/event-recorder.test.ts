// Events written to the lab with real requests: repeats are aggregated into one Event whose
// count rises, distinct messages make distinct Events, cluster-scoped objects go to `default`.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { silentLogger } from '../../lib/logger.js';
import { EVENTS, collectionPath } from '../../lib/resource-paths.js';
import { startTestLab } from '../../test/support/lab.js';
import type { TestLab } from '../../test/support/lab.js';
import { createEventRecorder } from './event-recorder.js';

interface Event {
  metadata: { name: string; namespace: string };
  involvedObject: { kind: string; name: string; uid?: string };
  reason: string;
  message: string;
  type: string;
  count: number;
  source: { component: string };
}

let lab: TestLab;
let http: KubeHttpClient;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['ev'] });
  const kc = new KubeConfig();
  kc.loadFromString(readFileSync(lab.kubeconfig('ev'), 'utf8'));
  http = new KubeHttpClient(kc);
});

afterAll(async () => {
  http.close();
  await lab.stop();
});

async function eventsIn(namespace: string): Promise<Event[]> {
  const list = await http.request<{ items: Event[] }>({
    method: 'GET',
    path: collectionPath(EVENTS, namespace),
  });
  return list.items;
}

describe('event recorder', () => {
  it('aggregates repeats of one Event by count and keeps distinct messages apart', async () => {
    let now = Date.parse('2026-02-02T10:00:00Z');
    const recorder = createEventRecorder({
      http,
      logger: silentLogger,
      clock: { now: () => now++ },
      instance: 'test-1',
    });
    const profile = {
      apiVersion: 'config.projectsveltos.io/v1beta1',
      kind: 'ClusterProfile',
      metadata: { name: 'kyverno', uid: 'u-1' },
    };
    recorder.warning(
      profile,
      'FeatureFailed',
      'Failed Helm of ClusterProfile kyverno in cluster aks/c1: boom',
    );
    recorder.warning(
      profile,
      'FeatureFailed',
      'Failed Helm of ClusterProfile kyverno in cluster aks/c1: boom',
    );
    recorder.warning(
      profile,
      'FeatureFailed',
      'Failed Helm of ClusterProfile kyverno in cluster aks/c1: boom',
    );
    recorder.normal(
      profile,
      'FeatureProvisioned',
      'Provisioned Helm of ClusterProfile kyverno in cluster aks/c1',
    );
    await recorder.flush();
    const events = (await eventsIn('default')).filter((e) => e.involvedObject.uid === 'u-1');
    expect(events.map((e) => [e.type, e.reason, e.count]).sort()).toEqual([
      ['Normal', 'FeatureProvisioned', 1],
      ['Warning', 'FeatureFailed', 3],
    ]);
    expect(events[0]?.source.component).toBe('sveltos-controller');
    expect(events[0]?.metadata.name).toMatch(/^kyverno\.[0-9a-f]+$/);
    await recorder.close();
  });
});
