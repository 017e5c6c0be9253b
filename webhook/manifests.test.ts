// The webhook's manifests agree with the code: paths, names, ports, rules and RBAC.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../test/fixtures/profiles/builders.js';
import {
  MUTATING_CONFIGURATION_NAME,
  VALIDATING_CONFIGURATION_NAME,
  WEBHOOK_NAMES,
  WEBHOOK_PATHS,
} from './webhook-names.js';
import { SERVICE_TARGET, buildWebhookConfigurations } from './webhook-configurations.js';

const dir = join(import.meta.dirname, '..', 'manifests', 'webhook');
const load = (file: string) => loadAll(readFileSync(join(dir, file), 'utf8')) as Obj[];
const [validating, mutating] = load('webhook-configurations.yaml');
const hooks = [...(validating?.webhooks as Obj[]), ...(mutating?.webhooks as Obj[])];

describe('manifests/webhook', () => {
  it('names the configurations the webhook patches', () => {
    expect(validating).toMatchObject({
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: VALIDATING_CONFIGURATION_NAME },
    });
    expect(mutating).toMatchObject({
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: MUTATING_CONFIGURATION_NAME },
    });
  });

  it('registers every endpoint under its name, fail-closed, v1 only, with a timeout', () => {
    const byName = Object.fromEntries(hooks.map((h) => [h.name as string, h]));
    for (const key of Object.keys(WEBHOOK_PATHS) as (keyof typeof WEBHOOK_PATHS)[]) {
      const hook = byName[WEBHOOK_NAMES[key]];
      expect(hook?.clientConfig.service).toMatchObject({
        name: 'sveltos-webhook',
        namespace: 'projectsveltos',
        path: WEBHOOK_PATHS[key],
        port: 443,
      });
      expect(hook).toMatchObject({
        failurePolicy: 'Fail',
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
        timeoutSeconds: 5,
      });
      expect(hook?.rules[0].operations).toEqual(['CREATE', 'UPDATE']);
    }
    expect(hooks.map((h): unknown => h.rules[0].resources[0])).toEqual([
      'clusterprofiles',
      'profiles',
      'sveltosclusters',
      'sveltosclusters',
    ]);
  });

  it('lets the ServiceAccount read profiles and patch only its own configurations', () => {
    const [role, binding] = load('rbac.yaml');
    const rules = role?.rules as Obj[];
    expect(
      rules
        .filter((r) => r.resourceNames)
        .map((r): unknown[] => [r.resources[0], r.resourceNames, r.verbs]),
    ).toEqual([
      ['validatingwebhookconfigurations', [VALIDATING_CONFIGURATION_NAME], ['get', 'patch']],
      ['mutatingwebhookconfigurations', [MUTATING_CONFIGURATION_NAME], ['get', 'patch']],
    ]);
    expect(binding?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sveltos-webhook', namespace: 'projectsveltos' },
    ]);
  });

  it('runs the Deployment behind the Service on the probed HTTPS port', () => {
    const [deployment] = load('deployment.yaml');
    const [service] = load('service.yaml');
    const container = deployment?.spec.template.spec.containers[0] as Obj;
    expect(container.ports[0]).toMatchObject({ name: 'webhook', containerPort: 9443 });
    expect(container.args).toContain('--port=9443');
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/readyz', scheme: 'HTTPS' });
    expect(service?.spec.ports[0]).toMatchObject({ port: 443, targetPort: 'webhook' });
    expect(service?.spec.selector).toEqual(deployment?.spec.selector.matchLabels);
  });

  it('equals the configurations webhook-configurations.ts builds for the Service', () => {
    expect(buildWebhookConfigurations(SERVICE_TARGET)).toEqual([validating, mutating]);
  });

  it('builds url-based configurations with a caBundle for the lab', () => {
    const [v, m] = buildWebhookConfigurations({ url: 'https://127.0.0.1:9443/' }, 'Q0E=');
    const hooks = [...(v.webhooks as Obj[]), ...(m.webhooks as Obj[])];
    expect(hooks.map((h): unknown => h.clientConfig)).toEqual(
      Object.values(WEBHOOK_PATHS).map((path) => ({
        url: `https://127.0.0.1:9443${path}`,
        caBundle: 'Q0E=',
      })),
    );
  });
});
