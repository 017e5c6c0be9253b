// Test world of the `register`/`deregister` e2e suites, over test/support/lab.ts: one lab API
// server per test file with a management cluster (Sveltos CRDs applied with real kubectl) and
// managed clusters added on demand, each with security (tokens, RBAC) and the lab controllers.
// The plugin and kubectl run as real processes (kubectl with its per-kubeconfig caches).
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { labControllers } from '../../lab/controllers/index.js';
import { installSecurity } from '../../lab/security/index.js';
import { buildTokenKubeconfig, kubeconfigToYaml } from '../../lib/kubeconfig.js';
import { kubectl } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

export const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const PLUGIN = join(ROOT, 'bin', 'kubectl-sveltos');
const BIN_DIR = join(ROOT, 'node_modules', '.bin');

/** Outcome of a finished process. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the lab server lives in this process). */
export function run(
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env, cwd: opts.cwd ?? ROOT });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
    child.stdin.end(opts.input ?? '');
  });
}

/** A lab server with clusters, files and process runners for one test file. */
export interface RegisterLab {
  lab: TestLab;
  dir: string;
  mgmt: LabCluster;
  /** Kubeconfig file of a cluster (written when the cluster was added). */
  kubeconfigOf(name: string): string;
  /** Adds a managed cluster with security and controllers. */
  addCluster(name: string): Promise<LabCluster>;
  /** Writes a file in the private dir and returns its path. */
  writeFile(name: string, text: string): string;
  /** `node bin/kubectl-sveltos ARGS` with KUBECONFIG set to `kubeconfig` (default: mgmt). */
  plugin(
    args: string[],
    opts?: { kubeconfig?: string; env?: NodeJS.ProcessEnv },
  ): Promise<RunResult>;
  /** Real kubectl (node_modules/.bin on PATH, so `kubectl sveltos` dispatches to the plugin). */
  kubectl(args: string[], opts?: { kubeconfig?: string; input?: string }): Promise<RunResult>;
  stop(): Promise<void>;
}

/** Starts the lab for one test file: `mgmt` with security, controllers and the Sveltos CRDs. */
export async function startRegisterLab(): Promise<RegisterLab> {
  if (!existsSync(join(ROOT, 'dist', 'kubectl-sveltos.mjs'))) {
    throw new Error(
      'dist/kubectl-sveltos.mjs is missing: run "npm run build" before the e2e tests',
    );
  }
  const ready = new Map<string, Promise<void>>();
  const lab = await startTestLab({
    clusters: [],
    onCluster: (cluster) => {
      ready.set(cluster.name, installSecurity(cluster).ready);
      cluster.use({ controllers: labControllers() });
    },
  });
  const path = `${BIN_DIR}${delimiter}${process.env['PATH'] ?? ''}`;
  const addCluster = async (name: string): Promise<LabCluster> => {
    const cluster = lab.addCluster(name);
    await ready.get(name);
    return cluster;
  };
  const world: RegisterLab = {
    lab,
    dir: lab.dir,
    mgmt: await addCluster('mgmt'),
    kubeconfigOf: (name) => lab.kubeconfig(name),
    addCluster,
    writeFile: (name, text) => {
      const file = join(lab.dir, name);
      writeFileSync(file, text, { mode: 0o600 });
      return file;
    },
    plugin: (args, opts = {}) =>
      run(process.execPath, [PLUGIN, ...args], {
        env: {
          PATH: path,
          HOME: lab.dir,
          KUBECONFIG: opts.kubeconfig ?? lab.kubeconfig('mgmt'),
          ...opts.env,
        },
        cwd: lab.dir,
      }),
    kubectl: (args, opts = {}) =>
      kubectl(args, {
        kubeconfig: opts.kubeconfig ?? lab.kubeconfig('mgmt'),
        cwd: lab.dir,
        env: { PATH: path },
        ...(opts.input !== undefined ? { stdin: opts.input } : {}),
      }),
    stop: () => lab.stop(),
  };
  const crds = await world.kubectl(['apply', '-f', join(ROOT, 'manifests', 'crds')]);
  if (crds.code !== 0) throw new Error(`Applying the Sveltos CRDs failed: ${crds.stderr}`);
  return world;
}

/** A random suffix so each test owns its namespaces. */
export function suffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

/** RBAC rule in a ClusterRole granted to a limited identity. */
export interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/**
 * Creates ServiceAccount `default/NAME` bound to a ClusterRole with exactly `rules` on mgmt and
 * writes a kubeconfig authenticating as it (a TokenRequest token); returns the file path.
 */
export async function limitedKubeconfig(
  world: RegisterLab,
  name: string,
  rules: Rule[],
): Promise<string> {
  const rbac = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default' } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }],
    },
  ];
  const applied = await world.kubectl(['apply', '-f', '-'], {
    input: rbac.map((o) => JSON.stringify(o)).join('\n'),
  });
  if (applied.code !== 0) throw new Error(`RBAC for ${name}: ${applied.stderr}`);
  const token = await world.kubectl(['create', 'token', name, '-n', 'default']);
  if (token.code !== 0) throw new Error(`Token for ${name}: ${token.stderr}`);
  const doc = buildTokenKubeconfig({
    server: world.mgmt.baseUrl,
    token: token.stdout.trim(),
    caData: Buffer.from(world.mgmt.caPem).toString('base64'),
    clusterName: 'mgmt',
    userName: name,
    contextName: name,
  });
  return world.writeFile(`${name}.kubeconfig`, kubeconfigToYaml(doc));
}

/** A TCP port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
