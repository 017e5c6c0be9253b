// `register cluster`: writes the management-side objects of a push- or pull-mode cluster
// (idempotently, with server-side apply) and, in pull mode, prints the managed cluster's YAML
// with a fresh management kubeconfig. If any step fails, what this run created is deleted.
// Progress goes to stderr; stdout carries only the requested YAML/JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SVELTOS_CLUSTER } from '../../api/gvk.js';
import { UnauthorizedError, UnreachableError } from '../../lib/kube-errors.js';
import { buildTokenKubeconfig, kubeconfigToYaml, parseKubeconfig } from '../../lib/kubeconfig.js';
import type { LoadedKubeconfig } from '../../lib/kubeconfig.js';
import type { KubeClient, KubeObject } from '../../lib/kube-client.js';
import { CliError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';
import { formatObjects } from '../output.js';
import { ApplyRun } from './apply-run.js';
import { clientFor, loadSource } from './connect.js';
import { kubeconfigForSveltos } from './kubeconfig-for-sveltos.js';
import { managementObjects } from './mgmt-objects.js';
import type { ClusterIdentity } from './mgmt-objects.js';
import { GENERATE_DEFAULT_NAMESPACE, GENERATE_DEFAULT_SERVICE_ACCOUNT } from './names.js';
import { pullManifests } from './pull-manifests.js';
import { modeConflict } from './register-plan.js';
import type { RegisterRequest } from './register-options.js';
import { waitForToken } from './wait-for-token.js';

const MANAGEMENT = 'the management cluster';

/** Runs `register cluster`; throws CliError/KubeApiError/KubeconfigError on failure. */
export async function registerCluster(req: RegisterRequest, ctx: CommandContext): Promise<void> {
  const mgmt = loadSource(req.management, ctx);
  const client = clientFor(mgmt, MANAGEMENT);
  const existing = await client.get(clusterRef(req.id));
  const conflict = modeConflict(existing, req.mode.kind === 'pull');
  if (conflict) throw new CliError('ModeConflict', conflict);
  const managedKubeconfig = await managedClusterKubeconfig(req, ctx);
  const run = new ApplyRun(client, ctx.progress);
  try {
    const objects = managementObjects({
      id: req.id,
      labels: req.labels,
      pullMode: req.mode.kind === 'pull',
      kubeconfigYaml: managedKubeconfig,
    });
    await run.ensure(objects[0]);
    for (const obj of objects.slice(1)) await run.apply(obj);
    const output = await registrationOutput(req, { client, mgmt, run });
    if (req.mode.kind === 'pull' || ctx.output) ctx.print(formatObjects(output, ctx.output));
  } catch (err) {
    for (const problem of await run.rollback()) ctx.warn(`rollback failed: ${problem}`);
    throw err;
  }
}

function clusterRef(id: ClusterIdentity): {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
} {
  return { apiVersion: SVELTOS_CLUSTER.apiVersion, kind: SVELTOS_CLUSTER.kind, ...id };
}

/** Push mode: the kubeconfig Sveltos will store; pull mode: undefined. */
async function managedClusterKubeconfig(
  req: RegisterRequest,
  ctx: CommandContext,
): Promise<string | undefined> {
  if (req.mode.kind === 'pull') return undefined;
  if (req.mode.kind === 'push-context') {
    const managed = loadSource(
      { kubeconfig: req.management.kubeconfig, context: req.mode.context },
      ctx,
    );
    const client = clientFor(managed, `the managed cluster (context "${req.mode.context}")`);
    return kubeconfigForSveltos(
      client,
      managed,
      {
        namespace: GENERATE_DEFAULT_NAMESPACE,
        serviceAccount: GENERATE_DEFAULT_SERVICE_ACCOUNT,
        create: true,
      },
      ctx,
    );
  }
  const file = resolve(req.mode.kubeconfigFile);
  const managed = parseKubeconfig(readManagedKubeconfig(file), file);
  await probeManagedCluster(managed, ctx);
  return kubeconfigToYaml(managed.doc);
}

function readManagedKubeconfig(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new CliError('KubeconfigNotFound', `Managed cluster kubeconfig "${file}" ${why}`, {
      cause: err,
    });
  }
}

/** Warns (does not fail) when the managed cluster cannot be reached with its kubeconfig. */
async function probeManagedCluster(managed: LoadedKubeconfig, ctx: CommandContext): Promise<void> {
  const client = clientFor(managed, 'the managed cluster', 5_000);
  try {
    const version = await client.serverVersion();
    ctx.debug(`Managed cluster at ${managed.server} runs Kubernetes ${version.gitVersion}`);
  } catch (err) {
    if (!(err instanceof UnreachableError || err instanceof UnauthorizedError)) throw err;
    ctx.warn(`${err.message}; registering it anyway (Sveltos will retry)`);
  }
}

interface RunState {
  client: KubeClient;
  mgmt: LoadedKubeconfig;
  run: ApplyRun;
}

/** What stdout gets: the managed cluster's YAML (pull), or the SveltosCluster when `-o` asks. */
async function registrationOutput(req: RegisterRequest, state: RunState): Promise<KubeObject[]> {
  if (req.mode.kind !== 'pull') {
    const cluster = state.run.applied.find((a) => a.ref.kind === SVELTOS_CLUSTER.kind);
    return cluster ? [cluster.object] : [];
  }
  const { token, caData } = await waitForToken(state.client, req.id);
  const kubeconfig = buildTokenKubeconfig({
    server: req.mode.managementUrl ?? state.mgmt.server,
    token,
    caData: caData ?? state.mgmt.caData,
    insecureSkipTlsVerify: !caData && state.mgmt.insecureSkipTlsVerify,
    clusterName: 'sveltos-management',
    userName: 'sveltos-applier',
    contextName: 'sveltos-context',
    namespace: req.id.namespace,
  });
  return pullManifests({
    clusterNamespace: req.id.namespace,
    clusterName: req.id.name,
    image: req.mode.agentImage,
    managementKubeconfig: kubeconfigToYaml(kubeconfig),
  });
}
