// Decoding of request bodies captured from real kubectl 1.32 and helm 4 (test/fixtures/protobuf).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf } from './decode.js';

const fixtures = fileURLToPath(new URL('../../../test/fixtures/protobuf/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(`${fixtures}${name}`);

/** kubectl's `-o json` writes `null` for zero Times; the decoder omits them instead. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v).filter(([, x]) => x !== null);
  return Object.fromEntries(entries.map(([k, x]) => [k, withoutNulls(x)]));
}

describe('decodeKubernetesProtobuf on bodies captured from kubectl 1.32', () => {
  // Each .pb is what `kubectl create …` POSTed; the .json next to it is the same command's
  // `--dry-run=client -o json`, i.e. the JSON form of the very same Go object.
  const pairs = readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));

  it('has captured pairs to compare', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(pairs)('decodes %s.pb to the JSON kubectl would have sent, key order included', (n) => {
    const expected = withoutNulls(JSON.parse(fixture(`${n}.json`).toString('utf8')));
    const decoded = decodeKubernetesProtobuf(fixture(`${n}.pb`));
    expect(decoded).toEqual(expected);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(expected));
  });

  it.each([
    ['can-i.pb', { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }],
    ['can-i-nonresource.pb', { nonResourceAttributes: { path: '/healthz', verb: 'get' } }],
  ])('decodes the SelfSubjectAccessReview of `kubectl auth can-i` (%s)', (file, spec) => {
    expect(decodeKubernetesProtobuf(fixture(file))).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec,
      status: { allowed: false },
    });
  });

  it('decodes the SelfSubjectRulesReview of `kubectl auth can-i --list`', () => {
    expect(decodeKubernetesProtobuf(fixture('can-i-list.pb'))).toEqual({
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec: { namespace: 'default' },
      status: { incomplete: false },
    });
  });

  it('decodes the TokenRequest of `kubectl create token --audience --duration`', () => {
    expect(decodeKubernetesProtobuf(fixture('token.pb'))).toEqual({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      spec: { audiences: ['api'], expirationSeconds: 3600 },
      status: { token: '' },
    });
  });

  it('decodes the bound object reference of `kubectl create token --bound-object-*`', () => {
    const o = decodeKubernetesProtobuf(fixture('token-bound.pb'));
    expect(o.spec).toEqual({
      expirationSeconds: 600,
      boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p1', uid: '1234' },
    });
  });

  it('decodes the SelfSubjectReview of `kubectl auth whoami`', () => {
    expect(decodeKubernetesProtobuf(fixture('whoami.pb'))).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      status: { userInfo: {} },
    });
  });
});

describe('decodeKubernetesProtobuf on bodies captured from helm 4', () => {
  it.each([
    ['helm-release-install.pb', 'pending-install', 'createdAt'],
    ['helm-release-update.pb', 'deployed', 'modifiedAt'],
    ['helm-release-uninstalling.pb', 'uninstalling', 'modifiedAt'],
  ])('decodes the release Secret %s without the empty meta fields helm sends', (f, status, at) => {
    const o = decodeKubernetesProtobuf(fixture(f));
    expect(Object.keys(o)).toEqual(['kind', 'apiVersion', 'metadata', 'data', 'type']);
    expect(o.metadata).toEqual({
      name: 'sh.helm.release.v1.demo.v1',
      labels: { [at]: '1795709337', name: 'demo', owner: 'helm', status, version: '1' },
    });
    expect(o.type).toBe('helm.sh/release.v1');
    const release = Buffer.from((o.data as { release: string }).release, 'base64').toString();
    expect(release.startsWith('H4sI')).toBe(true); // base64 of gzip, as helm stores it
  });

  it('decodes the empty DeleteOptions helm sends when it deletes the release Secret', () => {
    expect(decodeKubernetesProtobuf(fixture('helm-delete-options.pb'))).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
    });
  });
});
