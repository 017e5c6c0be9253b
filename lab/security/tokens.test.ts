import { describe, expect, it } from 'vitest';
import { VirtualCluster } from '../apiserver/cluster.js';
import type { KubeObject } from '../apiserver/types.js';
import { authenticateToken } from './authenticator.js';
import { SECRETS, SERVICE_ACCOUNTS, createSecurityContext } from './context.js';
import { TokenSigner } from './jwt.js';
import { createTokenRequest } from './token-request.js';
import { desiredTokenSecret } from './token-controller.js';
import { tokenReview } from './authentication-reviews.js';

function world(): { cluster: VirtualCluster; clock: { now: number } } {
  const cluster = new VirtualCluster({
    name: 't',
    baseUrl: 'https://127.0.0.1:1/clusters/t',
    caPem: 'CA-PEM',
  });
  return { cluster, clock: { now: Date.UTC(2026, 0, 1) } };
}

async function serviceAccount(cluster: VirtualCluster, name: string): Promise<KubeObject> {
  return cluster.client.create(SERVICE_ACCOUNTS, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: 'default' },
  });
}

describe('JWT signer', () => {
  it('verifies its own tokens only', () => {
    const a = new TokenSigner();
    const b = new TokenSigner();
    const token = a.sign({ iss: 'x', sub: 'y' });
    expect(a.verify(token)).toEqual({ iss: 'x', sub: 'y' });
    expect(b.verify(token)).toBeUndefined();
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from('{"iss":"x","sub":"admin"}').toString('base64url')}.${s}`;
    expect(a.verify(forged)).toBeUndefined();
    expect(a.verify('nonsense')).toBeUndefined();
  });
});

describe('TokenRequest and bound tokens', () => {
  it('issues tokens with SA claims that expire, and die with the account', async () => {
    const { cluster, clock } = world();
    const ctx = createSecurityContext(cluster, { now: () => clock.now });
    const sa = await serviceAccount(cluster, 'bot');
    const tr = createTokenRequest(ctx, 'default', 'bot', {
      metadata: {},
      spec: { expirationSeconds: 600 },
    });
    const status = tr.status as { token: string; expirationTimestamp: string };
    expect(status.expirationTimestamp).toBe('2026-01-01T00:10:00Z');
    const claims = ctx.signer.verify(status.token);
    expect(claims).toMatchObject({
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:bot',
      aud: ['https://kubernetes.default.svc.cluster.local'],
      'kubernetes.io': {
        namespace: 'default',
        serviceaccount: { name: 'bot', uid: sa.metadata.uid },
      },
    });
    const who = authenticateToken(ctx, status.token);
    expect('user' in who && who.user).toMatchObject({
      username: 'system:serviceaccount:default:bot',
      uid: sa.metadata.uid,
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    clock.now += 600_000;
    expect(authenticateToken(ctx, status.token)).toEqual({ error: 'token has expired' });
    clock.now -= 1000;
    await cluster.client.delete(SERVICE_ACCOUNTS, 'default', 'bot');
    expect(authenticateToken(ctx, status.token)).toEqual({
      error: 'serviceaccounts "bot" not found',
    });
  });

  it('refuses short lifetimes, missing accounts and foreign audiences', async () => {
    const { cluster } = world();
    const ctx = createSecurityContext(cluster);
    expect(() => createTokenRequest(ctx, 'default', 'nobody', { metadata: {} })).toThrow(
      'serviceaccounts "nobody" not found',
    );
    await serviceAccount(cluster, 'bot');
    expect(() =>
      createTokenRequest(ctx, 'default', 'bot', { metadata: {}, spec: { expirationSeconds: 60 } }),
    ).toThrow(
      'TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
    const other = createTokenRequest(ctx, 'default', 'bot', {
      metadata: {},
      spec: { audiences: ['vault'] },
    });
    const token = (other.status as { token: string }).token;
    expect(authenticateToken(ctx, token)).toEqual({ error: 'token audiences is invalid' });
    const review = tokenReview(ctx, { metadata: {}, spec: { token, audiences: ['vault'] } });
    expect(review.status).toMatchObject({ authenticated: true, audiences: ['vault'] });
  });

  it('binds a token to a Secret: deleting the Secret invalidates it', async () => {
    const { cluster } = world();
    const ctx = createSecurityContext(cluster);
    await serviceAccount(cluster, 'bot');
    const secret = await cluster.client.create(SECRETS, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
    });
    const tr = createTokenRequest(ctx, 'default', 'bot', {
      metadata: {},
      spec: {
        boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's', uid: secret.metadata.uid },
      },
    });
    const token = (tr.status as { token: string }).token;
    expect('user' in authenticateToken(ctx, token)).toBe(true);
    await cluster.client.delete(SECRETS, 'default', 's');
    expect(authenticateToken(ctx, token)).toEqual({ error: 'secrets "s" not found' });
  });
});

describe('token Secrets', () => {
  it('fills token, ca.crt, namespace and the uid annotation once', async () => {
    const { cluster } = world();
    const ctx = createSecurityContext(cluster);
    const sa = await serviceAccount(cluster, 'bot');
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'bot-token',
        namespace: 'default',
        annotations: { 'kubernetes.io/service-account.name': 'bot' },
      },
    };
    const stored = await cluster.client.create(SECRETS, secret);
    const desired = desiredTokenSecret(ctx, stored, sa);
    const data = desired?.data as Record<string, string>;
    expect(Buffer.from(data['ca.crt'], 'base64').toString()).toBe('CA-PEM');
    expect(Buffer.from(data.namespace, 'base64').toString()).toBe('default');
    expect(desired?.metadata.annotations?.['kubernetes.io/service-account.uid']).toBe(
      sa.metadata.uid,
    );
    const updated = await cluster.client.update(SECRETS, desired!);
    expect(desiredTokenSecret(ctx, updated, sa)).toBeUndefined();
    const who = authenticateToken(ctx, Buffer.from(data.token, 'base64').toString());
    expect('user' in who && who.user.username).toBe('system:serviceaccount:default:bot');
  });
});
