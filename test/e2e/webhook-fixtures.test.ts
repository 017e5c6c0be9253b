// Replays every profile fixture through a running webhook over HTTPS: valid ones are admitted,
// invalid ones denied with the fragments their `# expect:` lines name, in one message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger.js';
import type { AdmissionClient } from '../../webhook/admission-client.js';
import { buildAdmissionReview, createAdmissionClient } from '../../webhook/admission-client.js';
import type { WebhookServer } from '../../webhook/server.js';
import { startWebhookServer } from '../../webhook/server.js';
import { WEBHOOK_PATHS } from '../../webhook/webhook-names.js';
import type { ProfileFixture } from '../fixtures/profiles/load-fixtures.js';
import { loadInvalidProfiles, loadValidProfiles } from '../fixtures/profiles/load-fixtures.js';

let dir: string;
let server: WebhookServer;
let client: AdmissionClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'webhook-fixtures-'));
  server = await startWebhookServer({
    port: 0,
    certDir: dir,
    extraHosts: ['127.0.0.1'],
    logger: silentLogger,
  });
  client = createAdmissionClient({ url: server.url, caBundle: server.caBundle });
});

afterAll(async () => {
  client.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Verdict {
  allowed: boolean;
  message: string;
}

async function admit(obj: Record<string, unknown>): Promise<Verdict> {
  const path =
    obj.kind === 'Profile' ? WEBHOOK_PATHS.validateProfile : WEBHOOK_PATHS.validateClusterProfile;
  // The endpoint is registered for v1beta1; a fixture with another apiVersion still reaches it.
  const kind = { group: 'config.projectsveltos.io', version: 'v1beta1', kind: String(obj.kind) };
  const res = await client.post(path, buildAdmissionReview({ object: obj, kind }));
  expect(res.status).toBe(200);
  const response = (
    JSON.parse(res.body) as { response: { allowed: boolean; status?: { message: string } } }
  ).response;
  return { allowed: response.allowed, message: response.status?.message ?? '' };
}

const byFile = (fixtures: ProfileFixture[]) => fixtures.map((fx) => [fx.file, fx] as const);

describe('profile fixtures through the running webhook', () => {
  it.each(byFile(loadValidProfiles()))('%s is admitted', async (_file, fx) => {
    for (const obj of fx.objects) expect(await admit(obj)).toEqual({ allowed: true, message: '' });
  });

  it.each(byFile(loadInvalidProfiles()))('%s is denied as expected', async (_file, fx) => {
    const verdicts = await Promise.all(fx.objects.map(admit));
    expect(verdicts.some((v) => !v.allowed)).toBe(true);
    const messages = verdicts.map((v) => v.message).join('\n');
    for (const fragment of fx.expects) expect(messages).toContain(fragment);
  });
});
