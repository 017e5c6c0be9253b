// What every kube cluster has before anyone writes to it: the system namespaces, a `default`
// ServiceAccount in every namespace (kube's ServiceAccount controller, which also re-creates it
// when deleted) and the `kube-root-ca.crt` ConfigMap with the cluster CA (kube's root CA
// publisher). Terminating namespaces are skipped, as kube skips them.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { done, type ReconcileResult } from '../../lib/reconcile-result.js';
import { ControllerLoop } from './controller-loop.js';
import type { WorkloadControllerOptions } from './deployment-controller.js';
import { CONFIGMAPS, NAMESPACES, SERVICEACCOUNTS } from './gvrs.js';
import { ignoreExists, ignoreNotFound, hasStatusCode } from './object-ops.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** Keeps the system namespaces and per-namespace defaults; one instance per cluster. */
export class DefaultObjectsController implements ClusterController {
  private loop?: ControllerLoop;
  private cluster?: LabCluster;

  constructor(private readonly opts: WorkloadControllerOptions = {}) {}

  start(cluster: LabCluster): void {
    this.cluster = cluster;
    this.loop = new ControllerLoop({
      name: 'default-objects',
      reconcile: (ns) => this.reconcile(ns),
      logger: this.opts.logger?.child({ cluster: cluster.name }),
    });
    void this.createSystemNamespaces();
    const nsKey = (o: KubeObject): string[] => [o.metadata.name ?? ''];
    const ownNs = (name: string) => (o: KubeObject, type: string) =>
      o.metadata.name === name && type !== 'ADDED' ? [o.metadata.namespace ?? ''] : [];
    this.loop.watch({ client: cluster.client, gvr: NAMESPACES, keys: nsKey });
    this.loop.watch({ client: cluster.client, gvr: SERVICEACCOUNTS, keys: ownNs('default') });
    this.loop.watch({ client: cluster.client, gvr: CONFIGMAPS, keys: ownNs(ROOT_CA_CONFIGMAP) });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async createSystemNamespaces(): Promise<void> {
    for (const name of SYSTEM_NAMESPACES) {
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
      try {
        await ignoreExists(this.cluster!.client.create(NAMESPACES, ns));
      } catch (err) {
        this.loop?.logger.warn('Create Namespace failed', { name, error: (err as Error).message });
      }
    }
  }

  private async reconcile(namespace: string): Promise<ReconcileResult> {
    const client = this.cluster!.client;
    const ns = client.get(NAMESPACES, '', namespace);
    if (!ns || ns.metadata.deletionTimestamp) return done();
    if (!client.get(SERVICEACCOUNTS, namespace, 'default')) {
      await ignoreTerminating(
        client.create(SERVICEACCOUNTS, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'default', namespace },
        }),
      );
    }
    const data = { 'ca.crt': this.cluster!.caPem };
    const cm = client.get(CONFIGMAPS, namespace, ROOT_CA_CONFIGMAP);
    const annotations = {
      'kubernetes.io/description':
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    };
    if (!cm) {
      await ignoreTerminating(
        client.create(CONFIGMAPS, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations },
          data,
        }),
      );
    } else if ((cm.data as Record<string, string> | undefined)?.['ca.crt'] !== data['ca.crt']) {
      await ignoreNotFound(client.update(CONFIGMAPS, { ...cm, data }));
    }
    return done();
  }
}

/** Ignores AlreadyExists and the refusal to create content in a namespace being terminated. */
async function ignoreTerminating<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (err) {
    if (hasStatusCode(err, 403, 404, 409)) return undefined;
    throw err;
  }
}
