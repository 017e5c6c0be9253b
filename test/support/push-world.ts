// A world for the push deliverer's integration tests: a lab with a management cluster (Sveltos
// CRDs) and managed clusters registered as SveltosClusters, the lab chart repository mirrored
// for the seed's public URLs, and a real ControllerContext (informers, event recorder, metrics,
// cluster clients) built from the core's own operations. Owned by the push developer.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { CLUSTER_SUMMARY } from '../../api/gvk.js';
import { clusterSummaryName } from '../../api/naming.js';
import type { ClusterSummary, FeatureSummary, ProfileKind, Spec } from '../../api/types/index.js';
import type { ControllerContext } from '../../controller/context.js';
import type {
  DesiredFeature,
  FeatureOutcome,
  FeatureTarget,
} from '../../controller/features/feature-types.js';
import { resolveFeature } from '../../controller/features/resolve-feature.js';
import { createEventRecorder } from '../../controller/operations/event-recorder.js';
import {
  createInformers,
  startInformers,
  stopInformers,
  storesOf,
} from '../../controller/operations/informers.js';
import { createControllerMetrics } from '../../controller/operations/metrics.js';
import { DEFAULT_OPTIONS } from '../../controller/options.js';
import { createPushDeliverer } from '../../controller/push/push-deliverer.js';
import type { PushDeliverer } from '../../controller/push/push-deliverer.js';
import { startChartRepository } from '../../lab/chart-repo/chart-repository.js';
import type { ChartRepository } from '../../lab/chart-repo/chart-repository.js';
import { ClusterClients } from '../../lib/cluster-clients.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { silentLogger } from '../../lib/logger.js';
import { createApplyTarget, applyObjects } from '../../lib/apply-objects.js';
import { createKubeClient } from '../../lib/kube-client.js';
import type { KubeClient } from '../../lib/kube-client.js';
import { parseKubeconfig } from '../../lib/kubeconfig.js';
import { sveltosCrds } from './controller-env.js';
import type { ControllerTestEnv, RegisterOptions } from './controller-env.js';
import { waitFor } from './kubectl.js';
import { startTestLab } from './lab.js';

export interface PushWorld {
  env: ControllerTestEnv;
  repo: ChartRepository;
  ctx: ControllerContext;
  deliverer: PushDeliverer;
  /** Creates a ClusterSummary for (profile, cluster) and returns its FeatureTarget once cached. */
  summary(opts: SummaryOptions): Promise<FeatureTarget>;
  /** Resolves and deploys a feature; records the outcome in the target's in-memory status. */
  deploy(target: FeatureTarget, feature: 'Resources' | 'Helm'): Promise<FeatureOutcome>;
  withdraw(target: FeatureTarget, feature: 'Resources' | 'Helm'): Promise<FeatureOutcome>;
  /** Creates or replaces a ConfigMap on the management cluster and waits for the cache. */
  putConfigMap(namespace: string, name: string, data: Record<string, string>): Promise<void>;
  /** Events recorded on a summary (after flushing the recorder). */
  eventsOf(
    target: FeatureTarget,
  ): Promise<Array<{ type: string; reason: string; message: string }>>;
  stop(): Promise<void>;
}

export interface SummaryOptions {
  profile: string;
  cluster: string;
  clusterNamespace?: string;
  kind?: ProfileKind;
  tier?: number;
  spec: Spec;
}

/** Starts the world with the given managed clusters, each registered in namespace `aks`. */
export async function startPushWorld(managed: string[]): Promise<PushWorld> {
  const [env, repo] = await Promise.all([startPushEnv(managed), startChartRepository()]);
  for (const name of managed) await env.registerCluster({ namespace: 'aks', name });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(readFileSync(env.mgmtKubeconfig, 'utf8'));
  const http = new KubeHttpClient(kubeConfig, { target: 'the management cluster' });
  const informers = createInformers({ kubeConfig, http, logger: silentLogger });
  await startInformers(informers);
  await Promise.all(Object.values(informers).map((i) => i.waitForSync()));
  const clock = { now: () => Date.now() };
  const events = createEventRecorder({ http, logger: silentLogger, clock, instance: 'push-test' });
  const clusterClients = new ClusterClients();
  const abort = new AbortController();
  const ctx: ControllerContext = {
    options: {
      ...DEFAULT_OPTIONS,
      helmRepositoryMirrors: repo.repositories.map((r) => ({ from: r.mirrors, to: `${r.url}/` })),
    },
    mgmt: { kubeConfig, client: env.mgmt, http },
    stores: storesOf(informers),
    clusterClients,
    logger: silentLogger,
    metrics: createControllerMetrics({ processMetrics: false }),
    events,
    clock,
    signal: abort.signal,
  };
  const deliverer = createPushDeliverer();
  const world: PushWorld = {
    env,
    repo,
    ctx,
    deliverer,
    summary: (opts) => createSummary(world, opts),
    deploy: async (target, feature) => {
      const desired: DesiredFeature = resolveFeature(target, feature, ctx);
      return record(target, feature, await deliverer.deploy(target, desired, ctx), desired.hash);
    },
    withdraw: async (target, feature) =>
      record(target, feature, await deliverer.withdraw(target, feature, ctx)),
    putConfigMap: async (namespace, name, data) => {
      await env.ensureNamespace(namespace);
      const applied = await env.mgmt.apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data },
        'test',
        true,
      );
      await waitFor(
        () =>
          ctx.stores.configMaps.get(name, namespace)?.metadata.resourceVersion ===
          applied.metadata.resourceVersion,
        {
          what: `ConfigMap ${namespace}/${name} in the cache`,
        },
      );
    },
    eventsOf: async (target) => {
      await events.flush();
      const list = await env.mgmt.list('v1', 'Event', {
        namespace: target.summary.metadata.namespace,
      });
      return list
        .filter(
          (e) => (e.involvedObject as { name?: string }).name === target.summary.metadata.name,
        )
        .map((e) => ({
          type: e.type as string,
          reason: e.reason as string,
          message: e.message as string,
        }));
    },
    stop: async () => {
      abort.abort();
      deliverer.close();
      await events.close();
      await stopInformers(informers);
      clusterClients.close();
      http.close();
      await Promise.all([env.stop(), repo.stop()]);
    },
  };
  return world;
}

async function createSummary(world: PushWorld, opts: SummaryOptions): Promise<FeatureTarget> {
  const kind = opts.kind ?? 'ClusterProfile';
  const namespace = opts.clusterNamespace ?? 'aks';
  const name = clusterSummaryName(kind, opts.profile, opts.cluster);
  const tier = opts.tier ?? 100;
  const body: KubeObject = {
    apiVersion: CLUSTER_SUMMARY.apiVersion,
    kind: 'ClusterSummary',
    metadata: { name, namespace },
    spec: {
      clusterName: opts.cluster,
      clusterNamespace: namespace,
      clusterType: 'Sveltos',
      clusterProfileSpec: { ...opts.spec, tier },
    },
  };
  await world.env.mgmt.create(body, 'test');
  const summary = await waitFor(() => world.ctx.stores.summaries.get(name, namespace), {
    what: `ClusterSummary ${name} cached`,
  });
  const cluster = await waitFor(() => world.ctx.stores.clusters.get(opts.cluster, namespace), {
    what: `SveltosCluster ${opts.cluster}`,
  });
  return {
    summary: structuredClone(summary),
    cluster: cluster,
    profileKind: kind,
    profileName: opts.profile,
    tier,
  };
}

/** Keeps the outcome in the in-memory status, as the summary reconciler would write it. */
function record(
  target: FeatureTarget,
  feature: 'Resources' | 'Helm',
  outcome: FeatureOutcome,
  hash?: string,
): FeatureOutcome {
  const summary: ClusterSummary = target.summary;
  const status = (summary.status ??= {});
  const entry: FeatureSummary = { featureID: feature, status: outcome.status };
  if (hash) entry.hash = hash;
  if (outcome.failureMessage) entry.failureMessage = outcome.failureMessage;
  if (outcome.deployedGroupVersionKind)
    entry.deployedGroupVersionKind = outcome.deployedGroupVersionKind;
  status.featureSummaries = [
    ...(status.featureSummaries ?? []).filter((f) => f.featureID !== feature),
    entry,
  ];
  return outcome;
}

/**
 * The core's ControllerTestEnv, except that the CRDs go in over raw JSON: client-node's typed
 * serializer drops `x-kubernetes-*` keys of plain CRD objects, which the lab now refuses.
 */
async function startPushEnv(managed: string[]): Promise<ControllerTestEnv> {
  const lab = await startTestLab({ clusters: ['mgmt', ...managed] });
  const clients = new Map<string, KubeClient>();
  const clientOf = (cluster: string): KubeClient => {
    let c = clients.get(cluster);
    if (!c) {
      const path = lab.kubeconfig(cluster);
      c = createKubeClient(parseKubeconfig(readFileSync(path, 'utf8'), path));
      clients.set(cluster, c);
    }
    return c;
  };
  const kc = new KubeConfig();
  kc.loadFromFile(lab.kubeconfig('mgmt'));
  const raw = createApplyTarget(new KubeHttpClient(kc));
  await applyObjects(raw, sveltosCrds(), { fieldManager: 'test', force: true });
  raw.http.close();
  const mgmt = clientOf('mgmt');
  const ensureNamespace = async (name: string): Promise<void> => {
    await mgmt.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, 'test', true);
  };
  const registerCluster = async (r: RegisterOptions): Promise<void> => {
    await ensureNamespace(r.namespace);
    if (!r.withoutSecret) {
      const text = r.kubeconfig ?? readFileSync(lab.kubeconfig(r.labCluster ?? r.name), 'utf8');
      await mgmt.apply(
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: `${r.name}-sveltos-kubeconfig`, namespace: r.namespace },
          data: { kubeconfig: Buffer.from(text).toString('base64') },
        },
        'test',
        true,
      );
    }
    await mgmt.create(
      {
        apiVersion: 'lib.projectsveltos.io/v1beta1',
        kind: 'SveltosCluster',
        metadata: { name: r.name, namespace: r.namespace, labels: r.labels ?? {} },
        spec: r.spec ?? {},
      },
      'test',
    );
  };
  return {
    lab,
    mgmt,
    mgmtKubeconfig: lab.kubeconfig('mgmt'),
    clientOf,
    ensureNamespace,
    registerCluster,
    stop: () => lab.stop(),
  };
}
