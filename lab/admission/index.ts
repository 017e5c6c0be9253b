// Entry point of the lab's webhook admission for one cluster: `installAdmission` plugs the
// Mutating/ValidatingWebhookConfiguration dispatcher into the core's admission chain and stops
// its keep-alive connections with the cluster.
import type { LabCluster } from '../apiserver/extension-points.js';
import { WebhookAdmission } from './dispatcher.js';
import { WebhookClient } from './webhook-client.js';
import type { ServiceResolver } from './webhook-client.js';

export type { ServiceResolver } from './webhook-client.js';

/** Options of installAdmission. */
export interface AdmissionOptions {
  /** Where `clientConfig.service` references listen; unresolved services fail the call. */
  serviceResolver?: ServiceResolver;
}

/** Installs webhook admission on a cluster and returns the controller. */
export function installAdmission(
  cluster: LabCluster,
  opts: AdmissionOptions = {},
): WebhookAdmission {
  const admission = new WebhookAdmission(new WebhookClient(opts.serviceResolver));
  cluster.use({ admission: [admission], controllers: [admission] });
  return admission;
}
