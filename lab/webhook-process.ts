// Runs the project's admission webhook for a lab environment the way a cluster would: a real
// `sveltos-webhook` process (its own CA and serving certificate in DIR/webhook-certs), registered
// in mgmt through url-based webhook configurations whose caBundle the webhook patches itself.
// Resolves only once both configurations carry a caBundle, so no write races an unusable webhook.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../lib/project-paths.js';
import { buildWebhookConfigurations } from '../webhook/webhook-configurations.js';
import type { KubeObject } from './apiserver/types.js';
import type { LabCluster } from './apiserver/extension-points.js';

const ADMISSION_GROUP = { group: 'admissionregistration.k8s.io', version: 'v1' };
const RESOURCES = {
  ValidatingWebhookConfiguration: {
    ...ADMISSION_GROUP,
    resource: 'validatingwebhookconfigurations',
  },
  MutatingWebhookConfiguration: { ...ADMISSION_GROUP, resource: 'mutatingwebhookconfigurations' },
} as const;

export interface WebhookProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts `sveltos-webhook` against mgmt and registers it; rejects after `timeoutMs`. */
export async function startWebhookProcess(input: {
  dir: string;
  mgmt: LabCluster;
  mgmtKubeconfig: string;
  timeoutMs?: number;
}): Promise<WebhookProcess> {
  const child = spawnWebhook(input.dir, input.mgmtKubeconfig);
  const stop = (): Promise<void> => stopChild(child);
  try {
    const url = await listeningUrl(child, input.timeoutMs ?? 30_000);
    for (const config of buildWebhookConfigurations({ url })) {
      const kind = config.kind as keyof typeof RESOURCES;
      await input.mgmt.client.create(RESOURCES[kind], config as unknown as KubeObject);
    }
    await waitForCaBundles(input.mgmt, input.timeoutMs ?? 30_000);
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function spawnWebhook(dir: string, kubeconfig: string): ChildProcess {
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      projectPath('bin', 'sveltos-webhook'),
      '--port=0',
      '--host=127.0.0.1',
      '--extra-hosts=127.0.0.1',
      `--cert-dir=${join(dir, 'webhook-certs')}`,
      `--kubeconfig=${kubeconfig}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(join(logDir, 'sveltos-webhook.log'));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** The URL from the webhook's `Webhook listening` JSON log line. */
function listeningUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error('sveltos-webhook did not start listening in time')),
      timeoutMs,
    );
    child.once('exit', (code) =>
      reject(new Error(`sveltos-webhook exited with code ${String(code)} before listening`)),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"msg":"Webhook listening"[^\n]*"url":"([^"]+)"/.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}

async function waitForCaBundles(mgmt: LabCluster, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const configs = buildWebhookConfigurations({ url: 'https://unused' });
  for (;;) {
    const patched = configs.every((c) => {
      const kind = c.kind as keyof typeof RESOURCES;
      const name = (c.metadata as { name: string }).name;
      const live = mgmt.client.get(RESOURCES[kind], '', name) as
        { webhooks?: { clientConfig?: { caBundle?: string } }[] } | undefined;
      return (live?.webhooks ?? []).every((w) => Boolean(w.clientConfig?.caBundle));
    });
    if (patched) return;
    if (Date.now() > deadline)
      throw new Error(
        'sveltos-webhook did not patch the caBundle of its webhook configurations in time',
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
