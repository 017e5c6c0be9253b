// The service-account token controller of kube-controller-manager (legacy token Secrets): a
// Secret of type kubernetes.io/service-account-token whose annotation names an existing
// ServiceAccount gets data.token, data["ca.crt"], data.namespace and the SA uid annotation; one
// naming a missing ServiceAccount is deleted, and deleting a ServiceAccount deletes its tokens.
import type { ClusterController, LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject, WatchEvent } from '../apiserver/types.js';
import { SECRETS, SERVICE_ACCOUNTS } from './context.js';
import type { SecurityContext } from './context.js';
import { KeyQueue } from './key-queue.js';
import { checkServiceAccountToken, issueLegacyToken } from './service-account-tokens.js';

export const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
export const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
export const SA_UID_ANNOTATION = 'kubernetes.io/service-account.uid';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

function referencedSA(secret: KubeObject): { name: string; uid: string } {
  const a = secret.metadata.annotations ?? {};
  return { name: a[SA_NAME_ANNOTATION] ?? '', uid: a[SA_UID_ANNOTATION] ?? '' };
}

/** Whether the secret references the service account (by name, and by uid once recorded). */
export function referencesServiceAccount(secret: KubeObject, sa: KubeObject): boolean {
  const ref = referencedSA(secret);
  if (secret.type !== SA_TOKEN_TYPE || ref.name !== sa.metadata.name) return false;
  return !ref.uid || ref.uid === sa.metadata.uid;
}

function tokenIsValid(ctx: SecurityContext, data: Record<string, string>): boolean {
  if (!data.token) return false;
  return (
    'user' in checkServiceAccountToken(ctx, Buffer.from(data.token, 'base64').toString('utf8'))
  );
}

/** The token Secret as the controller wants it, or undefined when it is already right. */
export function desiredTokenSecret(
  ctx: SecurityContext,
  secret: KubeObject,
  sa: KubeObject,
): KubeObject | undefined {
  const data = { ...((secret.data as Record<string, string> | undefined) ?? {}) };
  const annotations = { ...(secret.metadata.annotations ?? {}) };
  const wanted: Record<string, string> = {
    'ca.crt': b64(ctx.cluster.caPem),
    namespace: b64(sa.metadata.namespace ?? ''),
  };
  const tokenOk = tokenIsValid(ctx, data);
  const dataOk = Object.entries(wanted).every(([k, v]) => data[k] === v);
  if (tokenOk && dataOk && annotations[SA_UID_ANNOTATION] === sa.metadata.uid) return undefined;
  annotations[SA_UID_ANNOTATION] = sa.metadata.uid ?? '';
  Object.assign(data, wanted);
  if (!tokenOk) data.token = b64(issueLegacyToken(ctx, sa, secret));
  return { ...secret, metadata: { ...secret.metadata, annotations }, data };
}

/** Fills and garbage-collects legacy service-account token Secrets. */
export class TokenController implements ClusterController {
  private stops: (() => void)[] = [];
  private queue: KeyQueue | undefined;

  constructor(private readonly ctx: SecurityContext) {}

  start(cluster: LabCluster): void {
    const queue = new KeyQueue((key) => this.sync(key));
    this.queue = queue;
    this.stops.push(
      cluster.client.watch(SECRETS, {}, (e) => this.onSecret(e)),
      cluster.client.watch(SERVICE_ACCOUNTS, {}, (e) => this.onServiceAccount(e)),
    );
    for (const s of cluster.client.list(SECRETS).items) this.onSecret({ type: 'ADDED', object: s });
  }

  /** Resolves once queued work is done (tests). */
  idle(): Promise<void> {
    return this.queue?.idle() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    for (const stop of this.stops) stop();
    this.stops = [];
    await this.queue?.stop();
  }

  private onSecret(e: WatchEvent): void {
    if (e.type === 'DELETED' || e.type === 'BOOKMARK' || e.object.type !== SA_TOKEN_TYPE) return;
    this.queue?.add(`secret/${e.object.metadata.namespace ?? ''}/${e.object.metadata.name ?? ''}`);
  }

  private onServiceAccount(e: WatchEvent): void {
    if (e.type === 'BOOKMARK' || e.type === 'ERROR') return;
    const ns = e.object.metadata.namespace ?? '';
    // Every token Secret naming this account is re-checked: filled when it appears, deleted when it goes.
    for (const s of this.ctx.cluster.client.list(SECRETS, ns).items) {
      if (s.type === SA_TOKEN_TYPE && referencedSA(s).name === e.object.metadata.name) {
        this.queue?.add(`secret/${ns}/${s.metadata.name ?? ''}`);
      }
    }
  }

  private async sync(key: string): Promise<void> {
    const [, ns, name] = key.split('/');
    const { client } = this.ctx.cluster;
    const secret = client.get(SECRETS, ns, name);
    if (!secret || secret.type !== SA_TOKEN_TYPE || secret.metadata.deletionTimestamp) return;
    const sa = client.get(SERVICE_ACCOUNTS, ns, referencedSA(secret).name);
    if (!sa || !referencesServiceAccount(secret, sa) || sa.metadata.deletionTimestamp) {
      await client.delete(SECRETS, ns, name, { preconditions: { uid: secret.metadata.uid } });
      return;
    }
    const desired = desiredTokenSecret(this.ctx, secret, sa);
    if (desired) await client.update(SECRETS, desired);
  }
}
