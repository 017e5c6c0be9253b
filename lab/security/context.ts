// What the security plug-ins of one cluster share: the cluster, its token signer, the clock and
// the issuer/audience of bound tokens. Built once by installSecurity and passed down.
import type { LabCluster } from '../apiserver/extension-points.js';
import type { GroupVersionResource } from '../apiserver/types.js';
import { TokenSigner } from './jwt.js';

/** kube-apiserver's default `--service-account-issuer` and `--api-audiences`. */
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The issuer of secret-based (legacy) tokens. */
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';

export const SERVICE_ACCOUNTS: GroupVersionResource = {
  group: '',
  version: 'v1',
  resource: 'serviceaccounts',
};
export const SECRETS: GroupVersionResource = { group: '', version: 'v1', resource: 'secrets' };
export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };

/** Shared state of the security plug-ins of one cluster. */
export interface SecurityContext {
  cluster: LabCluster;
  signer: TokenSigner;
  /** Milliseconds since the epoch; injectable so tests can expire tokens. */
  now: () => number;
  issuer: string;
  apiAudiences: string[];
}

/** A context with a fresh signer and the wall clock unless given. */
export function createSecurityContext(
  cluster: LabCluster,
  opts: { now?: () => number; issuer?: string } = {},
): SecurityContext {
  const issuer = opts.issuer ?? DEFAULT_ISSUER;
  return {
    cluster,
    signer: new TokenSigner(),
    now: opts.now ?? Date.now,
    issuer,
    apiAudiences: [issuer],
  };
}
