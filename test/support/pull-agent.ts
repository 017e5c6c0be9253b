// Pull-mode world for the management side's e2e tests: registers a lab cluster as a pull-mode
// SveltosCluster (no kubeconfig Secret on mgmt: the controller never dials it), gives the
// managed cluster the Secret with the management kubeconfig, and runs the real agent binary
// (dist/sveltos-agent.mjs) against both, stoppable and restartable. Needs `npm run build`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_BUNDLE, CONFIGURATION_GROUP } from '../../api/gvk.js';
import { projectPath } from '../../lib/project-paths.js';
import type { ControllerTestEnv } from './controller-env.js';
import { kubectl } from './kubectl.js';

const AGENT_SECRET = 'sveltos-mgmt-kubeconfig';

/** One pull-mode cluster: lab cluster `name`, SveltosCluster `namespace/name`. */
export interface PullCluster {
  namespace: string;
  name: string;
}

/** Registers the pull cluster on mgmt and stores the management kubeconfig in it. */
export async function registerPullCluster(
  env: ControllerTestEnv,
  cluster: PullCluster,
  labels: Record<string, string>,
): Promise<void> {
  await env.registerCluster({ ...cluster, labels, spec: { pullMode: true }, withoutSecret: true });
  const managed = env.clientOf(cluster.name);
  await managed.create(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'projectsveltos' } },
    'test',
  );
  const text = readFileSync(env.mgmtKubeconfig, 'utf8');
  await managed.create(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: AGENT_SECRET, namespace: 'projectsveltos' },
      data: { kubeconfig: Buffer.from(text).toString('base64') },
    },
    'test',
  );
}

/** A running agent process. */
export interface AgentProcess {
  /** SIGTERM, then resolves once the process exited. */
  stop(): Promise<void>;
  /** What the agent wrote to stderr (its JSON logs), for failure messages. */
  logs(): string;
}

/** Starts the agent binary for the cluster (1 s heartbeat). */
export function startAgentProcess(env: ControllerTestEnv, cluster: PullCluster): AgentProcess {
  const bin = projectPath('dist', 'sveltos-agent.mjs');
  if (!existsSync(bin)) {
    throw new Error('dist/sveltos-agent.mjs is missing: run "npm run build" before the e2e tests');
  }
  const args = [
    bin,
    `--cluster-namespace=${cluster.namespace}`,
    `--cluster-name=${cluster.name}`,
    `--secret-with-kubeconfig=${AGENT_SECRET}`,
    '--heartbeat-interval=1s',
    '--log-level=warn',
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      KUBECONFIG: env.lab.kubeconfig(cluster.name),
      HOME: join(env.lab.dir, `agent-home-${cluster.name}`),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    logs: () => stderr,
  };
}

/** Names of the ConfigurationGroups (`groups`) or ConfigurationBundles in a namespace. */
export async function stagedNames(
  env: ControllerTestEnv,
  namespace: string,
  what: 'groups' | 'bundles',
): Promise<string[]> {
  const plural = (what === 'groups' ? CONFIGURATION_GROUP : CONFIGURATION_BUNDLE).plural;
  const r = await kubectl(['get', plural, '-n', namespace, '-o', 'name'], {
    kubeconfig: env.mgmtKubeconfig,
  });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').filter(Boolean);
}

/** The status of one feature of a ClusterSummary ('' while none is recorded). */
export async function featureStatus(
  env: ControllerTestEnv,
  namespace: string,
  summary: string,
  feature: string,
): Promise<string> {
  const r = await kubectl(
    [
      'get',
      'clustersummary',
      '-n',
      namespace,
      summary,
      '-o',
      `jsonpath={.status.featureSummaries[?(@.featureID=="${feature}")].status}`,
    ],
    { kubeconfig: env.mgmtKubeconfig },
  );
  return r.code === 0 ? r.stdout.trim() : '';
}
