// Entry point of the lab's security plug-ins for one cluster: bearer-token authentication,
// RBAC authorization with the bootstrap policy, ClusterRole aggregation, the legacy token
// controller, RBAC escalation prevention and the token/review virtual resources. `installSecurity` wires them with `use`.
import type { LabCluster } from '../apiserver/extension-points.js';
import { AggregationController } from './aggregation.js';
import { TokenAuthenticator } from './authenticator.js';
import { RbacBootstrap } from './bootstrap.js';
import { createSecurityContext } from './context.js';
import { EscalationCheck } from './escalation.js';
import type { SecurityContext } from './context.js';
import { RbacAuthorizer } from './rbac-authorizer.js';
import { TokenController } from './token-controller.js';
import { securityVirtualResources } from './virtual-resources.js';

/** Options of installSecurity. */
export interface SecurityOptions {
  /** Clock in ms since the epoch (tests advance it to expire tokens). */
  now?: () => number;
}

/** What installSecurity installed, for tests and the lab's own use. */
export interface SecurityHandle {
  context: SecurityContext;
  authorizer: RbacAuthorizer;
  /** Settles when the default ClusterRoles and bindings exist. */
  ready: Promise<void>;
  /** Resolves when the token and aggregation controllers have no queued work. */
  idle(): Promise<void>;
}

/** Installs authentication, RBAC, aggregation, the token controller and review APIs. */
export function installSecurity(cluster: LabCluster, opts: SecurityOptions = {}): SecurityHandle {
  const context = createSecurityContext(cluster, { now: opts.now });
  const authorizer = new RbacAuthorizer();
  const bootstrap = new RbacBootstrap();
  const aggregation = new AggregationController();
  const tokens = new TokenController(context);
  cluster.use({
    authenticator: new TokenAuthenticator(context),
    authorizer,
    admission: [new EscalationCheck(cluster, authorizer)],
    controllers: [authorizer, aggregation, tokens, bootstrap],
    virtualResources: securityVirtualResources(context, authorizer),
  });
  const ready = bootstrap.done.then(() => aggregation.idle());
  return {
    context,
    authorizer,
    ready,
    idle: async () => {
      await tokens.idle();
      await aggregation.idle();
    },
  };
}
