// Connects to the management cluster the way controller-runtime does: `--kubeconfig`, else
// the KUBECONFIG files, else the in-cluster ServiceAccount, else ~/.kube/config; `--context`
// selects a context. Builds the client-node KubeConfig, the typed client and the kept-alive raw
// client from one self-contained kubeconfig. The environment is passed in by main, never read.
import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { createKubeClient } from '../../lib/kube-client.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { kubeconfigToYaml, loadKubeconfig, selectContext } from '../../lib/kubeconfig.js';
import type { KubeconfigDoc, LoadedKubeconfig } from '../../lib/kubeconfig.js';
import type { ManagementCluster } from '../context.js';

/** What main reads from the process environment, passed in explicitly. */
export interface ConnectionEnvironment {
  /** KUBECONFIG. */
  kubeconfigEnv?: string | undefined;
  homeDir: string;
  /** KUBERNETES_SERVICE_HOST / _PORT, present when running in a Pod. */
  serviceHost?: string | undefined;
  servicePort?: string | undefined;
  /** ServiceAccount mount (default /var/run/secrets/kubernetes.io/serviceaccount). */
  serviceAccountDir?: string;
}

/** The management cluster's clients plus the kubeconfig they were built from. */
export interface ManagementConnection extends ManagementCluster {
  /** One-context kubeconfig (holds credentials: only for the mgmt cluster's own Secret). */
  loaded: LoadedKubeconfig;
  close(): void;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Loads the kubeconfig by controller-runtime's precedence and builds the clients. */
export function connectManagement(
  opts: { kubeconfig?: string | undefined; context?: string | undefined },
  env: ConnectionEnvironment,
): ManagementConnection {
  const loaded = loadManagementKubeconfig(opts, env);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfigToYaml(loaded.doc));
  const target = 'the management cluster';
  const http = new KubeHttpClient(kubeConfig, { target, userAgent: 'sveltos-controller' });
  const client = createKubeClient(loaded, { target, userAgent: 'sveltos-controller' });
  return { kubeConfig, http, client, loaded, close: () => http.close() };
}

function loadManagementKubeconfig(
  opts: { kubeconfig?: string | undefined; context?: string | undefined },
  env: ConnectionEnvironment,
): LoadedKubeconfig {
  const source = { context: opts.context, homeDir: env.homeDir };
  if (opts.kubeconfig) return loadKubeconfig({ ...source, kubeconfig: opts.kubeconfig });
  if (env.kubeconfigEnv) return loadKubeconfig({ ...source, kubeconfigEnv: env.kubeconfigEnv });
  if (env.serviceHost) return inClusterKubeconfig(env);
  return loadKubeconfig(source);
}

/** The in-cluster config as a kubeconfig whose token is re-read from the projected file. */
export function inClusterKubeconfig(env: ConnectionEnvironment): LoadedKubeconfig {
  const dir = env.serviceAccountDir ?? SA_DIR;
  const host = env.serviceHost?.includes(':') ? `[${env.serviceHost}]` : env.serviceHost;
  const caData = readFileSync(`${dir}/ca.crt`).toString('base64');
  const doc: KubeconfigDoc = {
    clusters: [
      {
        name: 'in-cluster',
        cluster: {
          server: `https://${host}:${env.servicePort ?? '443'}`,
          'certificate-authority-data': caData,
        },
      },
    ],
    users: [
      {
        name: 'in-cluster',
        user: { 'auth-provider': { name: 'tokenFile', config: { tokenFile: `${dir}/token` } } },
      },
    ],
    contexts: [{ name: 'in-cluster', context: { cluster: 'in-cluster', user: 'in-cluster' } }],
    'current-context': 'in-cluster',
  };
  return selectContext(doc, ['<in-cluster>']);
}
