// The ConfigurationGroup watch against the lab API server: a status report by the agent enqueues
// the requesting ClusterSummary (by annotation, else owner reference); our own spec writes and
// groups not requested by a ClusterSummary enqueue nothing.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIGURATION_GROUP } from '../../api/gvk.js';
import {
  PULL_MODE_CLUSTER_NAME_LABEL,
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
} from '../../api/labels.js';
import type { Informer } from '../../lib/informer.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { silentLogger } from '../../lib/logger.js';
import { collectionPath, objectPath } from '../../lib/resource-paths.js';
import { startControllerEnv } from '../../test/support/controller-env.js';
import type { ControllerTestEnv } from '../../test/support/controller-env.js';
import {
  createGroupInformer,
  groupReportChanged,
  summaryKeyOfGroup,
  watchGroups,
} from './group-watch.js';
import type { WatchedGroup } from './group-watch.js';

let env: ControllerTestEnv;
let http: KubeHttpClient;
let informer: Informer<WatchedGroup>;
const keys: string[] = [];
const ns = `gw-${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  env = await startControllerEnv();
  await env.ensureNamespace(ns);
  const kc = new KubeConfig();
  kc.loadFromString(readFileSync(env.mgmtKubeconfig, 'utf8'));
  http = new KubeHttpClient(kc);
  informer = createGroupInformer({ kubeConfig: kc, http, logger: silentLogger });
  watchGroups(informer, { add: (k) => keys.push(k) });
  await informer.start();
});

afterAll(async () => {
  await informer?.stop();
  http?.close();
  await env?.stop();
});

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function group(name: string, kind: string, summary: string): Record<string, unknown> {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'ConfigurationGroup',
    metadata: {
      name,
      namespace: ns,
      labels: {
        [PULL_MODE_CLUSTER_NAME_LABEL]: 'c1',
        [PULL_MODE_REQUESTOR_KIND_LABEL]: kind,
        [PULL_MODE_REQUESTOR_FEATURE_LABEL]: 'Resources',
      },
      annotations: { [PULL_MODE_REQUESTOR_NAME_ANNOTATION]: summary },
    },
    spec: { updatePhase: 'Ready', requestorHash: 'aGFzaA==' },
  };
}

async function create(body: Record<string, unknown>): Promise<void> {
  await http.request({ method: 'POST', path: collectionPath(CONFIGURATION_GROUP, ns), body });
}

async function patch(name: string, body: unknown, status = false): Promise<string | undefined> {
  const path = objectPath(CONFIGURATION_GROUP, name, ns) + (status ? '/status' : '');
  const updated = await http.request<WatchedGroup>({
    method: 'PATCH',
    path,
    contentType: 'application/merge-patch+json',
    body,
  });
  return updated.metadata?.resourceVersion;
}

describe('summaryKeyOfGroup', () => {
  it('reads the requestor-name annotation, else a ClusterSummary owner reference', () => {
    const meta = { name: 'g', namespace: 'n' };
    const annotations = { [PULL_MODE_REQUESTOR_NAME_ANNOTATION]: 's1' };
    expect(summaryKeyOfGroup({ metadata: { ...meta, annotations } })).toBe('n/s1');
    const ownerReferences = [{ kind: 'ClusterSummary', name: 's2' }];
    expect(summaryKeyOfGroup({ metadata: { ...meta, ownerReferences } })).toBe('n/s2');
    expect(summaryKeyOfGroup({ metadata: meta })).toBeUndefined();
  });

  it('sees a report change only in status', () => {
    const g = { metadata: { name: 'g' }, status: { status: 'Provisioning' } } as WatchedGroup;
    expect(groupReportChanged(g, { ...g })).toBe(false);
    expect(groupReportChanged(g, { metadata: g.metadata })).toBe(true);
    expect(groupReportChanged({ metadata: g.metadata }, undefined)).toBe(false);
  });
});

describe('watchGroups against the lab', () => {
  it('enqueues the owning summary when the agent reports, not on spec writes', async () => {
    await create(group('g1', 'ClusterSummary', 'sum-a'));
    await create(group('other', 'ClusterProfile', 'sum-x'));
    await waitFor(() => informer.list().length === 1, 'the staged group in the cache');
    expect(informer.list()[0]?.metadata?.name).toBe('g1');
    const rv = await patch('g1', { spec: { requestorHash: 'b3RoZXI=' } });
    await waitFor(() => informer.get('g1', ns)?.metadata?.resourceVersion === rv, 'the spec write');
    expect(keys).toEqual([]);
    await patch('g1', { status: { status: 'Provisioned', observedGeneration: 2 } }, true);
    await waitFor(() => keys.length > 0, 'the summary key');
    expect(keys).toEqual([`${ns}/sum-a`]);
  });
});
