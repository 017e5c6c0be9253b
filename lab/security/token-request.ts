// The TokenRequest subresource (`POST .../serviceaccounts/NAME/token`, `kubectl create token`) as
// kube's serviceaccount token REST: validates expirationSeconds and boundObjectRef, and answers
// the request object with status.token and status.expirationTimestamp. No storage.
import type { KubeObject } from '../apiserver/types.js';
import { invalid, notFound } from '../apiserver/status-errors.js';
import type { FieldError } from '../apiserver/types.js';
import { PODS, SECRETS, SERVICE_ACCOUNTS } from './context.js';
import type { SecurityContext } from './context.js';
import { issueBoundToken } from './service-account-tokens.js';
import type { BoundObject } from './service-account-tokens.js';

/** kube's default and minimum token lifetimes. */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

function specErrors(spec: TokenRequestSpec): FieldError[] {
  const errors: FieldError[] = [];
  const exp = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  if (exp < MIN_EXPIRATION_SECONDS) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.expirationSeconds',
      badValue: exp,
      detail: 'may not specify a duration less than 10 minutes',
    });
  }
  if (exp > MAX_EXPIRATION_SECONDS) {
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.expirationSeconds',
      badValue: exp,
      detail: 'may not specify a duration larger than 2^32 seconds',
    });
  }
  const kind = spec.boundObjectRef?.kind;
  if (kind !== undefined && kind !== 'Pod' && kind !== 'Secret') {
    errors.push({
      type: 'FieldValueNotSupported',
      field: 'spec.boundObjectRef.kind',
      badValue: kind,
      detail: 'supported values: "Pod", "Secret"',
    });
  }
  return errors;
}

function resolveBound(
  ctx: SecurityContext,
  ns: string,
  spec: TokenRequestSpec,
): BoundObject | undefined {
  const ref = spec.boundObjectRef;
  if (!ref?.kind) return undefined;
  const kind = ref.kind as BoundObject['kind'];
  const gvr = kind === 'Pod' ? PODS : SECRETS;
  const name = ref.name ?? '';
  const obj = ctx.cluster.client.get(gvr, ns, name);
  const uid = obj?.metadata.uid ?? '';
  if (!obj || (ref.uid && ref.uid !== uid))
    throw notFound({ group: '', resource: gvr.resource }, name);
  return { kind, name, uid };
}

/**
 * Answers a TokenRequest for service account `name` in `ns`. Throws StatusError 404 when the
 * account or the bound object is missing, 422 for an invalid spec.
 */
export function createTokenRequest(
  ctx: SecurityContext,
  ns: string,
  name: string,
  body: KubeObject,
): KubeObject {
  const spec = (body.spec ?? {}) as TokenRequestSpec;
  const errors = specErrors(spec);
  if (errors.length)
    throw invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, name, errors);
  const sa = ctx.cluster.client.get(SERVICE_ACCOUNTS, ns, name);
  if (!sa) throw notFound({ group: '', resource: 'serviceaccounts' }, name);
  const bound = resolveBound(ctx, ns, spec);
  const audiences = spec.audiences?.length ? spec.audiences : ctx.apiAudiences;
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  const { token, expiresAt } = issueBoundToken(ctx, sa, { audiences, expirationSeconds, bound });
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: null as unknown as string },
    spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: {
      token,
      expirationTimestamp: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}
