import { describe, expect, it } from 'vitest';
import type { AdmissionAttributes } from '../apiserver/extension-points.js';
import {
  invocationFor,
  isExemptKind,
  namespaceMatches,
  objectMatches,
  ruleMatches,
} from './matching.js';
import type { MatchAttributes } from './matching.js';
import { CallingWebhookError, buildReview, denialError, verifyResponse } from './review.js';
import { webhooksOf } from './webhook-config.js';
import type { Webhook, WebhookRule } from './webhook-config.js';

const cm = { group: '', version: 'v1', resource: 'configmaps' };

function attrs(over: Partial<MatchAttributes> = {}): MatchAttributes {
  return { operation: 'CREATE', resource: cm, subresource: '', namespace: 'ns', ...over };
}

function rule(over: Partial<WebhookRule> = {}): WebhookRule {
  return {
    operations: ['*'],
    apiGroups: [''],
    apiVersions: ['v1'],
    resources: ['configmaps'],
    scope: '*',
    ...over,
  };
}

function hook(over: Record<string, unknown> = {}): Webhook {
  const [w] = webhooksOf(
    [
      {
        metadata: { name: 'cfg' },
        webhooks: [{ name: 'h.example.com', sideEffects: 'None', rules: [rule()], ...over }],
      },
    ],
    false,
  );
  return w;
}

describe('webhook configuration defaults', () => {
  it('defaults like kube-apiserver and orders configurations by name', () => {
    const w = hook({
      clientConfig: {
        service: { namespace: 'n', name: 's' },
        caBundle: Buffer.from('PEM').toString('base64'),
      },
    });
    expect(w).toMatchObject({
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      timeoutSeconds: 10,
      namespaceSelector: {},
      objectSelector: {},
      reinvocationPolicy: 'Never',
      clientConfig: { service: { namespace: 'n', name: 's', port: 443 }, caBundle: 'PEM' },
    });
    const hooks = webhooksOf(
      [
        { metadata: { name: 'b' }, webhooks: [{ name: 'b1' }, { name: 'b2' }] },
        { metadata: { name: 'a' }, webhooks: [{ name: 'a1' }] },
      ],
      true,
    );
    expect(hooks.map((h) => h.name)).toEqual(['a1', 'b1', 'b2']);
  });
});

describe('rule matching', () => {
  it('matches operations, groups, versions and resources with wildcards', () => {
    expect(ruleMatches(rule(), attrs())).toBe(true);
    expect(ruleMatches(rule({ operations: ['UPDATE'] }), attrs())).toBe(false);
    expect(
      ruleMatches(rule({ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] }), attrs()),
    ).toBe(true);
    expect(ruleMatches(rule({ apiVersions: ['v2'] }), attrs())).toBe(false);
  });

  it('matches subresources only when named (res/sub, */sub, */*)', () => {
    const status = attrs({
      resource: { group: 'lib.projectsveltos.io', version: 'v1beta1', resource: 'sveltosclusters' },
      subresource: 'status',
    });
    const base = { apiGroups: ['*'], apiVersions: ['*'] };
    expect(ruleMatches(rule({ ...base, resources: ['sveltosclusters'] }), status)).toBe(false);
    expect(ruleMatches(rule({ ...base, resources: ['*'] }), status)).toBe(false);
    expect(ruleMatches(rule({ ...base, resources: ['sveltosclusters/status'] }), status)).toBe(
      true,
    );
    expect(ruleMatches(rule({ ...base, resources: ['*/status'] }), status)).toBe(true);
    expect(ruleMatches(rule({ ...base, resources: ['*/*'] }), status)).toBe(true);
    expect(ruleMatches(rule({ ...base, resources: ['*/*'] }), { ...status, subresource: '' })).toBe(
      true,
    );
  });

  it('applies scope like kube: Namespace objects are cluster-scoped', () => {
    const ns = attrs({
      resource: { group: '', version: 'v1', resource: 'namespaces' },
      namespace: 'x',
    });
    const any = { apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] };
    expect(ruleMatches(rule({ ...any, scope: 'Namespaced' }), ns)).toBe(false);
    expect(ruleMatches(rule({ ...any, scope: 'Cluster' }), ns)).toBe(true);
    expect(ruleMatches(rule({ scope: 'Namespaced' }), attrs())).toBe(true);
    expect(ruleMatches(rule({ scope: 'Cluster' }), attrs())).toBe(false);
  });

  it('uses an equivalent version under matchPolicy Equivalent only', () => {
    const rules = [
      rule({ apiGroups: ['example.com'], apiVersions: ['v1'], resources: ['widgets'] }),
    ];
    const a = attrs({ resource: { group: 'example.com', version: 'v2', resource: 'widgets' } });
    const kind = { group: 'example.com', version: 'v2', kind: 'Widget' };
    const equivalents = (): { resource: typeof a.resource; kind: typeof kind }[] => [
      {
        resource: { group: 'example.com', version: 'v1', resource: 'widgets' },
        kind: { ...kind, version: 'v1' },
      },
      { resource: a.resource, kind },
    ];
    const inv = invocationFor(hook({ rules }), a, kind, equivalents);
    expect(inv?.resource.version).toBe('v1');
    expect(inv?.kind.version).toBe('v1');
    expect(
      invocationFor(hook({ rules, matchPolicy: 'Exact' }), a, kind, equivalents),
    ).toBeUndefined();
  });
});

describe('selectors', () => {
  const selector = { matchLabels: { team: 'a' } };

  it('exempts cluster-scoped objects but judges a Namespace by its own labels on create', () => {
    const w = hook({ namespaceSelector: selector });
    expect(namespaceMatches(w, attrs({ namespace: '' }), undefined)).toBe(true);
    const nsCreate = attrs({
      resource: { group: '', version: 'v1', resource: 'namespaces' },
      namespace: '',
      object: { metadata: { labels: { team: 'a' } } },
    });
    expect(namespaceMatches(w, nsCreate, undefined)).toBe(true);
    expect(namespaceMatches(w, attrs(), { team: 'b' })).toBe(false);
    expect(namespaceMatches(w, attrs(), { team: 'a' })).toBe(true);
  });

  it('matches objectSelector against the new or the old object', () => {
    const w = hook({ objectSelector: selector });
    expect(objectMatches(w, attrs({ object: { metadata: { labels: { team: 'a' } } } }))).toBe(true);
    expect(
      objectMatches(
        w,
        attrs({ operation: 'DELETE', oldObject: { metadata: { labels: { team: 'a' } } } }),
      ),
    ).toBe(true);
    expect(objectMatches(w, attrs({ object: { metadata: {} } }))).toBe(false);
  });

  it('exempts the webhook configuration kinds', () => {
    expect(
      isExemptKind({
        group: 'admissionregistration.k8s.io',
        version: 'v1',
        kind: 'ValidatingWebhookConfiguration',
      }),
    ).toBe(true);
    expect(isExemptKind({ group: '', version: 'v1', kind: 'ConfigMap' })).toBe(false);
  });
});

describe('AdmissionReview', () => {
  const user = { username: 'alice', groups: ['system:authenticated'] };
  const a = {
    operation: 'CREATE',
    info: {
      isResourceRequest: true,
      path: '',
      verb: 'create',
      apiGroup: '',
      apiVersion: 'v1',
      resource: 'configmaps',
      subresource: '',
      namespace: 'ns',
      name: '',
    },
    gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } },
    user,
    dryRun: false,
    options: { fieldManager: 'kubectl' },
  } as unknown as AdmissionAttributes;

  it('carries the request fields kube sends', () => {
    const inv = { webhook: hook(), resource: cm, kind: a.gvk };
    const review = buildReview(a, inv, 'u-1') as { request: Record<string, unknown> };
    expect(JSON.parse(JSON.stringify(review))).toEqual({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: {
        uid: 'u-1',
        kind: { group: '', version: 'v1', kind: 'ConfigMap' },
        resource: cm,
        requestKind: { group: '', version: 'v1', kind: 'ConfigMap' },
        requestResource: cm,
        name: 'x',
        namespace: 'ns',
        operation: 'CREATE',
        userInfo: { username: 'alice', groups: ['system:authenticated'] },
        object: a.object,
        oldObject: null,
        dryRun: false,
        options: { fieldManager: 'kubectl', kind: 'CreateOptions', apiVersion: 'meta.k8s.io/v1' },
      },
    });
  });

  it('verifies responses like VerifyAdmissionResponse', () => {
    const ok = {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'u', allowed: true },
    };
    expect(verifyResponse('h', ok, 'u', false).allowed).toBe(true);
    expect(() =>
      verifyResponse('h', { ...ok, response: { uid: 'v', allowed: true } }, 'u', false),
    ).toThrow(
      'failed calling webhook "h": received invalid webhook response: expected response.uid="u", got "v"',
    );
    expect(() =>
      verifyResponse(
        'h',
        { ...ok, response: { uid: 'u', allowed: true, patch: 'W10=' } },
        'u',
        false,
      ),
    ).toThrow('validating webhook may not return response.patch');
    expect(() =>
      verifyResponse(
        'h',
        { ...ok, response: { uid: 'u', allowed: true, patch: 'W10=' } },
        'u',
        true,
      ),
    ).toThrow('webhook returned response.patch but not response.patchType');
    expect(() => verifyResponse('h', { response: { uid: 'u' } }, 'u', true)).toThrow(
      CallingWebhookError,
    );
  });

  it('turns a denial into the Status kube returns (code ≥ 400, message prefixed)', () => {
    const e = denialError('h.example.com', { code: 403, reason: 'Forbidden', message: 'no' });
    expect([e.code, e.reason, e.message]).toEqual([
      403,
      'Forbidden',
      'admission webhook "h.example.com" denied the request: no',
    ]);
    const bare = denialError('h', undefined);
    expect([bare.code, bare.message]).toEqual([
      400,
      'admission webhook "h" denied the request without explanation',
    ]);
    expect(denialError('h', { code: 200, reason: 'Nope' }).message).toBe(
      'admission webhook "h" denied the request: Nope',
    );
  });
});
