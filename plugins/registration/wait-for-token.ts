// Waits for the token controller to fill a ServiceAccount token Secret (`data.token`), polling
// with a capped backoff and a deadline. The token is returned to the caller and never logged.
import type { KubeClient } from '../../lib/kube-client.js';
import { CliError } from '../cli-errors.js';

/** The filled token Secret's values, still base64 as stored (`ca.crt` may be absent). */
export interface ServiceAccountToken {
  token: string;
  caData?: string | undefined;
}

/** Polls `namespace/name` until `data.token` is set; throws CliError `TokenTimeout` after `timeoutMs`. */
export async function waitForToken(
  client: KubeClient,
  ref: { namespace: string; name: string },
  timeoutMs = 60_000,
): Promise<ServiceAccountToken> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const secret = await client.get({ apiVersion: 'v1', kind: 'Secret', ...ref });
    const data = (secret?.['data'] ?? {}) as Record<string, string | undefined>;
    if (data['token']) {
      return {
        token: Buffer.from(data['token'], 'base64').toString('utf8'),
        caData: data['ca.crt'],
      };
    }
    if (Date.now() + delay > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new CliError(
    'TokenTimeout',
    `Timed out after ${Math.round(timeoutMs / 1000)}s waiting for the token controller to fill ` +
      `Secret ${ref.namespace}/${ref.name}; is the token controller running?`,
  );
}
