// Opens clients for the clusters a command talks to, from kubeconfig sources resolved the
// kubectl way (lib/kubeconfig.ts). Loaded only by command handlers (it pulls in client-node).
import { CLIENT_VERSION } from '../../api/version.js';
import { createKubeClient } from '../../lib/kube-client.js';
import type { KubeClient } from '../../lib/kube-client.js';
import { loadKubeconfig } from '../../lib/kubeconfig.js';
import type { LoadedKubeconfig } from '../../lib/kubeconfig.js';
import type { CommandContext } from '../command-context.js';

/** A kubeconfig choice: an explicit file (else KUBECONFIG, else ~/.kube/config) and a context. */
export interface ClusterSource {
  kubeconfig?: string | undefined;
  context?: string | undefined;
}

/** Loads the kubeconfig of `source` as kubectl would; throws KubeconfigError naming the file. */
export function loadSource(source: ClusterSource, ctx: CommandContext): LoadedKubeconfig {
  const loaded = loadKubeconfig({
    kubeconfig: source.kubeconfig,
    context: source.context,
    kubeconfigEnv: ctx.env['KUBECONFIG'],
    homeDir: ctx.homeDir,
  });
  ctx.debug(
    `Using context "${loaded.contextName}" (server ${loaded.server}) from ${loaded.files.join(', ')}`,
  );
  return loaded;
}

/** A client for `loaded`; `target` names the cluster in error messages. */
export function clientFor(
  loaded: LoadedKubeconfig,
  target: string,
  timeoutMs?: number,
): KubeClient {
  return createKubeClient(loaded, {
    target,
    userAgent: `kubectl-sveltos/${CLIENT_VERSION}`,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}
