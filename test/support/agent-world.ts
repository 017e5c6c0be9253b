// Test world of the pull agent: a lab with `mgmt` (Sveltos CRDs) and a managed cluster, the
// management kubeconfig Secret in the managed cluster's `projectsveltos` namespace (as register
// prints it), a pull-mode SveltosCluster, and helpers that stage ConfigurationGroups and their
// bundles by hand in Sveltos' format (split and hashed as controller/pull does). The agent can
// run in-process (startAgent) or as the real bin/sveltos-agent process (agentProcessArgs).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { startAgent } from '../../agent/agent.js';
import type { RunningAgent } from '../../agent/agent.js';
import { startGroupWorker } from '../../agent/group-worker.js';
import { resolveOptions } from '../../agent/options.js';
import { CONFIGURATION_BUNDLE, CONFIGURATION_GROUP } from '../../api/gvk.js';
import { kubeconfigSecretName, pullAgentArgs } from '../../api/naming.js';
import { bundleHash, splitIntoBundles } from '../../controller/pull/bundle-split.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { createLogger } from '../../lib/logger.js';
import { objectPath } from '../../lib/resource-paths.js';
import type { ResourceType } from '../../lib/resource-paths.js';
import { startControllerEnv } from './controller-env.js';
import type { ControllerTestEnv } from './controller-env.js';

export interface AgentWorld {
  env: ControllerTestEnv;
  /** Namespace of the SveltosCluster on mgmt. */
  namespace: string;
  /** SveltosCluster name (and lab cluster name). */
  cluster: string;
  /** Raw admin clients. */
  mgmt: KubeHttpClient;
  local: KubeHttpClient;
  mgmtKubeconfig: string;
  localKubeconfig: string;
  stop(): Promise<void>;
}

/** A group to stage: who asks for it and what it deploys. */
export interface StagedGroup {
  name: string;
  requestor: string;
  feature?: string;
  objects?: KubeObject[];
  action?: 'Deploy' | 'Remove';
  leavePolicies?: boolean;
  skipNamespaceCreation?: boolean;
  /** Bundle byte budget (default 512 KiB as controller/pull). */
  maxBytes?: number;
  /** Runs after the bundles are written, before the group (e.g. to edit a bundle by hand). */
  beforeGroup?: (bundles: string[]) => Promise<void>;
  /** Writes each object (default: server-side apply over HTTPS with the admin client). */
  write?: (rt: ResourceType, obj: KubeObject) => Promise<void>;
}

export const suffix = (): string => randomBytes(3).toString('hex');

function http(path: string): KubeHttpClient {
  const kc = new KubeConfig();
  kc.loadFromString(readFileSync(path, 'utf8'));
  return new KubeHttpClient(kc);
}

/** Server-side apply (field manager `test`) of any object through a raw client. */
export async function applyRaw(
  client: KubeHttpClient,
  rt: ResourceType,
  obj: KubeObject,
): Promise<void> {
  await client.request({
    method: 'PATCH',
    path: objectPath(rt, obj.metadata.name, obj.metadata.namespace),
    query: { fieldManager: 'test', force: 'true' },
    contentType: 'application/apply-patch+yaml',
    body: obj,
  });
}

/** Starts the world: lab, CRDs, pull-mode SveltosCluster, management kubeconfig Secret. */
export async function startAgentWorld(): Promise<AgentWorld> {
  const cluster = `c${suffix()}`;
  const namespace = `pull-${suffix()}`;
  const env = await startControllerEnv({ managed: [cluster] });
  await env.registerCluster({
    namespace,
    name: cluster,
    withoutSecret: true,
    spec: { pullMode: true },
  });
  const mgmt = http(env.mgmtKubeconfig);
  const localKubeconfig = env.lab.kubeconfig(cluster);
  const local = http(localKubeconfig);
  await local.request({
    method: 'POST',
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'projectsveltos' } },
  });
  await local.request({
    method: 'POST',
    path: '/api/v1/namespaces/projectsveltos/secrets',
    body: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: kubeconfigSecretName(cluster), namespace: 'projectsveltos' },
      data: { kubeconfig: readFileSync(env.mgmtKubeconfig).toString('base64') },
    },
  });
  return {
    env,
    namespace,
    cluster,
    mgmt,
    local,
    mgmtKubeconfig: env.mgmtKubeconfig,
    localKubeconfig,
    stop: async () => {
      mgmt.close();
      local.close();
      await env.stop();
    },
  };
}

/** The agent's flags for a world (as register prints them, plus a fast heartbeat). */
export function agentArgs(world: AgentWorld, heartbeat = '1s'): string[] {
  return [...pullAgentArgs(world.namespace, world.cluster), `--heartbeat-interval=${heartbeat}`];
}

/**
 * Stages a group: bundles first (`<group>-<i>`), then the group (updatePhase Ready) listing them
 * with their hashes; returns the group's requestorHash. Bundle names are stable per group so a
 * restage replaces them.
 */
export async function stageGroup(world: AgentWorld, g: StagedGroup): Promise<string> {
  const write = g.write ?? ((rt, obj): Promise<void> => applyRaw(world.mgmt, rt, obj));
  const contents = g.action === 'Remove' ? [] : splitIntoBundles(g.objects ?? [], g.maxBytes);
  const items = [];
  for (const [i, resources] of contents.entries()) {
    const name = `${g.name}-${i}`;
    await write(CONFIGURATION_BUNDLE, {
      apiVersion: CONFIGURATION_BUNDLE.apiVersion,
      kind: CONFIGURATION_BUNDLE.kind,
      metadata: { name, namespace: world.namespace },
      spec: { resources, skipNamespaceCreation: g.skipNamespaceCreation ?? false },
    });
    items.push({
      contentRef: {
        apiVersion: CONFIGURATION_BUNDLE.apiVersion,
        kind: CONFIGURATION_BUNDLE.kind,
        name,
        namespace: world.namespace,
      },
      hash: bundleHash(resources),
    });
  }
  await g.beforeGroup?.(contents.map((_, i) => `${g.name}-${i}`));
  const requestorHash = Buffer.from(bundleHash(contents.flat()) + (g.action ?? 'Deploy'))
    .toString('base64')
    .slice(0, 40);
  await write(CONFIGURATION_GROUP, groupObject(world, g, items, requestorHash));
  return requestorHash;
}

function groupObject(
  world: AgentWorld,
  g: StagedGroup,
  items: unknown[],
  requestorHash: string,
): KubeObject {
  return {
    apiVersion: CONFIGURATION_GROUP.apiVersion,
    kind: CONFIGURATION_GROUP.kind,
    metadata: {
      name: g.name,
      namespace: world.namespace,
      labels: {
        'pullmode.projectsveltos.io/clustername': world.cluster,
        'pullmode.projectsveltos.io/requestorkind': 'ClusterSummary',
        'pullmode.projectsveltos.io/requestorfeature': g.feature ?? 'Resources',
      },
      annotations: { 'pullmode.projectsveltos.io/requestorname': g.requestor },
    },
    spec: {
      action: g.action ?? 'Deploy',
      updatePhase: 'Ready',
      requestorHash,
      leavePolicies: g.leavePolicies ?? false,
      configurationItem: items,
    },
  };
}

/** A group's status (undefined fields when not reported yet). */
export async function groupStatus(
  world: AgentWorld,
  name: string,
): Promise<Record<string, unknown>> {
  const g = await world.mgmt.request<{ status?: Record<string, unknown> }>({
    method: 'GET',
    path: objectPath(CONFIGURATION_GROUP, name, world.namespace),
  });
  return g.status ?? {};
}

/** A ConfigMap object (for staging). */
export function configMap(
  namespace: string,
  name: string,
  data: Record<string, string>,
): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

/** Runs the agent in this process against the world (probe server on a free port). */
export async function startInProcessAgent(world: AgentWorld): Promise<RunningAgent> {
  const options = resolveOptions(agentArgs(world), {});
  const logger = createLogger({ level: process.env.AGENT_TEST_LOG === '1' ? 'warn' : 'error' });
  const cluster = { namespace: world.namespace, name: world.cluster };
  return startAgent(
    { ...options, probePort: 0 },
    logger,
    [(clients, metrics) => startGroupWorker(clients, cluster, { logger, metrics })],
    { local: http(world.localKubeconfig) },
  );
}
