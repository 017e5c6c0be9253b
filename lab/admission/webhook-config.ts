// admissionregistration.k8s.io/v1 webhook configurations as the dispatcher reads them: every
// webhook of every Mutating/ValidatingWebhookConfiguration, defaulted as kube-apiserver's
// defaulting does (failurePolicy Fail, matchPolicy Equivalent, timeoutSeconds 10, selectors {},
// scope *, service port 443), ordered by configuration name then position. Pure.
import type { LabelSelector } from '../../api/label-selector.js';
import type { GroupVersionResource, KubeObject } from '../apiserver/types.js';

/** `RuleWithOperations`. */
export interface WebhookRule {
  operations: string[];
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  scope: '*' | 'Cluster' | 'Namespaced';
}

/** `WebhookClientConfig`. */
export interface ClientConfig {
  url?: string;
  service?: { namespace: string; name: string; path?: string; port: number };
  /** PEM bytes decoded from the base64 `caBundle`; empty = system roots. */
  caBundle: string;
}

/** One webhook with every default applied. */
export interface Webhook {
  /** Name of the webhook (`validate.example.com`). */
  name: string;
  /** Name of its configuration object. */
  configurationName: string;
  mutating: boolean;
  rules: WebhookRule[];
  clientConfig: ClientConfig;
  failurePolicy: 'Fail' | 'Ignore';
  matchPolicy: 'Equivalent' | 'Exact';
  namespaceSelector: LabelSelector;
  objectSelector: LabelSelector;
  sideEffects: string | undefined;
  timeoutSeconds: number;
  admissionReviewVersions: string[];
  reinvocationPolicy: 'Never' | 'IfNeeded';
}

const GROUP = 'admissionregistration.k8s.io';
export const MUTATING_GVR: GroupVersionResource = {
  group: GROUP,
  version: 'v1',
  resource: 'mutatingwebhookconfigurations',
};
export const VALIDATING_GVR: GroupVersionResource = {
  group: GROUP,
  version: 'v1',
  resource: 'validatingwebhookconfigurations',
};

type Raw = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function toRule(raw: Raw): WebhookRule {
  const scope = raw.scope as WebhookRule['scope'] | undefined;
  return {
    operations: strings(raw.operations),
    apiGroups: strings(raw.apiGroups),
    apiVersions: strings(raw.apiVersions),
    resources: strings(raw.resources),
    scope: scope ?? '*',
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toClientConfig(raw: Raw | undefined): ClientConfig {
  const bundle = str(raw?.caBundle);
  const caBundle = bundle ? Buffer.from(bundle, 'base64').toString('utf8') : '';
  const svc = raw?.service as Raw | undefined;
  if (!svc) return { url: str(raw?.url), caBundle };
  const service = {
    namespace: str(svc.namespace) ?? '',
    name: str(svc.name) ?? '',
    path: str(svc.path),
    port: typeof svc.port === 'number' ? svc.port : 443,
  };
  return { service, caBundle };
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function toWebhook(raw: Raw, configurationName: string, mutating: boolean): Webhook {
  return {
    name: str(raw.name) ?? '',
    configurationName,
    mutating,
    rules: (Array.isArray(raw.rules) ? (raw.rules as Raw[]) : []).map(toRule),
    clientConfig: toClientConfig(raw.clientConfig as Raw | undefined),
    failurePolicy: pick(raw.failurePolicy, ['Fail', 'Ignore'] as const, 'Fail'),
    matchPolicy: pick(raw.matchPolicy, ['Equivalent', 'Exact'] as const, 'Equivalent'),
    namespaceSelector: (raw.namespaceSelector as LabelSelector | undefined) ?? {},
    objectSelector: (raw.objectSelector as LabelSelector | undefined) ?? {},
    sideEffects: typeof raw.sideEffects === 'string' ? raw.sideEffects : undefined,
    timeoutSeconds: typeof raw.timeoutSeconds === 'number' ? raw.timeoutSeconds : 10,
    admissionReviewVersions: strings(raw.admissionReviewVersions),
    reinvocationPolicy: pick(raw.reinvocationPolicy, ['Never', 'IfNeeded'] as const, 'Never'),
  };
}

/** All webhooks of the configurations, sorted by configuration name (kube's order). */
export function webhooksOf(configs: KubeObject[], mutating: boolean): Webhook[] {
  const sorted = [...configs].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  return sorted.flatMap((c) =>
    (Array.isArray(c.webhooks) ? (c.webhooks as Raw[]) : []).map((w) =>
      toWebhook(w, c.metadata.name ?? '', mutating),
    ),
  );
}
