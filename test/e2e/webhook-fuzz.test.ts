// Property test of the webhook edge: 10,000 random and mutated AdmissionReviews, sent over
// HTTPS with 32 in flight. Properties: the server never crashes or hangs, every answer is a
// well-formed AdmissionReview echoing the uid (or a 4xx Status when there is no usable uid),
// and no validator throws (no errored 500). Seeded, so a failure is reproducible.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/logger.js';
import type { AdmissionClient, RawResponse } from '../../webhook/admission-client.js';
import { buildAdmissionReview, createAdmissionClient } from '../../webhook/admission-client.js';
import type { WebhookServer } from '../../webhook/server.js';
import { startWebhookServer } from '../../webhook/server.js';
import { WEBHOOK_PATHS } from '../../webhook/webhook-names.js';
import type { Obj } from '../fixtures/profiles/builders.js';
import { aClusterProfile, aProfile, aSveltosCluster } from '../fixtures/profiles/builders.js';
import { loadInvalidProfiles, loadValidProfiles } from '../fixtures/profiles/load-fixtures.js';

const TOTAL = 10_000;
const CONCURRENCY = 32;
const SEED = 0x5eed;
const PATHS = Object.values(WEBHOOK_PATHS);

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class Fuzzer {
  constructor(readonly rand: () => number) {}

  int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  string(): string {
    return this.pick([
      '',
      'a',
      'v3.x',
      'Install',
      'CREATE',
      '{{ .Cluster }}',
      '\u0000\u001f',
      'é😀\u202e',
      'x'.repeat(this.int(300)),
      ' ',
      'oci://',
      '%',
      '-1',
      'true',
      'a/b/c',
      '..',
    ]);
  }

  value(depth = 0): Json {
    const roll = this.int(depth > 3 ? 6 : 9);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return this.rand() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308]);
      case 3:
      case 4:
      case 5:
        return this.string();
      case 6:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 7:
      case 8:
        return Object.fromEntries(
          Array.from({ length: this.int(4) }, () => [this.string(), this.value(depth + 1)]),
        );
    }
    return null;
  }

  /** Replaces, deletes or re-types one random node of `doc`. */
  mutate(doc: Json): Json {
    if (doc === null || typeof doc !== 'object' || this.rand() < 0.15) return this.value();
    const keys: (string | number)[] = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
    if (keys.length === 0) return this.value();
    const key = this.pick(keys);
    const container = doc as Record<string | number, Json>;
    const roll = this.rand();
    if (roll < 0.2 && !Array.isArray(doc)) delete container[key];
    else if (roll < 0.6) container[key] = this.mutate(container[key] ?? null);
    else container[key] = this.value();
    return doc;
  }
}

function seedObjects(): Json[] {
  const fixtures = [...loadValidProfiles(), ...loadInvalidProfiles()].flatMap((fx) => fx.objects);
  return [
    ...(fixtures as Json[]),
    aClusterProfile('a').dependingOn('b', 'c').withHelmChart().build(),
    aProfile('ns', 'p')
      .withHelmChart({ valuesFrom: [{ kind: 'Secret', name: 's' }] })
      .build(),
    aSveltosCluster('c1', {
      labels: { env: 'prod' },
      spec: { pullMode: true },
      status: { version: 'v1.32.5' },
    }),
    aSveltosCluster('c2', {
      spec: { activeWindow: { from: '0 1 * * *', to: '0 2 * * *' } },
    }),
  ];
}

interface Case {
  path: string;
  body: string;
  uid: unknown;
}

function makeCase(f: Fuzzer, seeds: Json[]): Case {
  const path = f.pick(PATHS);
  const kind = f.int(10);
  if (kind === 0) return { path, body: JSON.stringify(f.value()), uid: undefined };
  if (kind === 1) {
    const text = JSON.stringify(buildAdmissionReview({ object: f.pick(seeds) }));
    return { path, body: text.slice(0, f.int(text.length)), uid: undefined };
  }
  const object = structuredClone(f.pick(seeds));
  const oldObject = f.rand() < 0.4 ? structuredClone(f.pick(seeds)) : undefined;
  const operation = f.pick(['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const);
  const review = buildAdmissionReview({ object, oldObject, operation }) as {
    request: Record<string, Json>;
  };
  // Most mutations hit the objects (the validators); some hit the envelope itself.
  const envelope = f.rand() < 0.25;
  let doc: Json = envelope ? review : (review.request.object ?? null);
  for (let i = f.int(4); i >= 0; i--) doc = f.mutate(doc);
  if (!envelope) review.request.object = doc;
  const final = (envelope ? doc : review) as { request?: { uid?: unknown } } | null;
  return { path, body: JSON.stringify(final), uid: final?.request?.uid };
}

interface Tally {
  reviews: number;
  statuses: number;
  internalErrors: string[];
  malformed: string[];
}

function check(c: Case, res: RawResponse, tally: Tally): void {
  const describe = `${c.path} ${c.body.slice(0, 200)} → ${res.status} ${res.body.slice(0, 200)}`;
  let parsed: Obj;
  try {
    parsed = JSON.parse(res.body) as Obj;
  } catch {
    tally.malformed.push(`unparseable answer: ${describe}`);
    return;
  }
  if (res.status === 200) {
    tally.reviews++;
    const r = parsed.response as Obj | undefined;
    const ok =
      parsed.apiVersion === 'admission.k8s.io/v1' &&
      parsed.kind === 'AdmissionReview' &&
      r !== undefined &&
      r.uid === c.uid &&
      typeof r.allowed === 'boolean' &&
      (r.allowed ||
        (typeof r.status?.code === 'number' && typeof r.status?.message === 'string')) &&
      (r.patch === undefined ||
        Array.isArray(JSON.parse(Buffer.from(r.patch as string, 'base64').toString())));
    if (!ok) tally.malformed.push(`bad review: ${describe}`);
    if (r?.status?.code === 500) tally.internalErrors.push(describe);
    return;
  }
  tally.statuses++;
  const ok =
    (res.status === 400 || res.status === 413) &&
    parsed.kind === 'Status' &&
    typeof parsed.message === 'string';
  if (!ok) tally.malformed.push(`bad status: ${describe}`);
}

let dir: string;
let server: WebhookServer;
let client: AdmissionClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'webhook-fuzz-'));
  server = await startWebhookServer({
    port: 0,
    certDir: dir,
    extraHosts: ['127.0.0.1'],
    logger: silentLogger,
  });
  client = createAdmissionClient({
    url: server.url,
    caBundle: server.caBundle,
    maxSockets: CONCURRENCY,
  });
});

afterAll(async () => {
  client.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('webhook under 10,000 random and mutated AdmissionReviews', () => {
  it('never crashes, hangs or answers out of shape, and always echoes the uid', async () => {
    const f = new Fuzzer(prng(SEED));
    const seeds = seedObjects();
    const cases = Array.from({ length: TOTAL }, () => makeCase(f, seeds));
    const tally: Tally = { reviews: 0, statuses: 0, internalErrors: [], malformed: [] };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const c = cases[next++];
        check(c, await client.post(c.path, c.body), tally);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(tally.malformed.slice(0, 5)).toEqual([]);
    expect(tally.internalErrors.slice(0, 5)).toEqual([]);
    expect(tally.reviews + tally.statuses).toBe(TOTAL);
    // Both kinds of answer must have been exercised.
    expect(tally.reviews).toBeGreaterThan(TOTAL / 2);
    expect(tally.statuses).toBeGreaterThan(100);
    expect((await client.get('/healthz')).status).toBe(200);
  }, 240_000);
});
