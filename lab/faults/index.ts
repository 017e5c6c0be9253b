// Entry point of fault injection for one cluster: `installFaults` adds the FaultInjector to the
// core's filter chain and returns it so tests can switch faults at run time.
import type { LabCluster } from '../apiserver/extension-points.js';
import { FaultInjector } from './fault-injector.js';

export { FaultInjector, FAULTS_PATH } from './fault-injector.js';
export type { FaultSettings } from './fault-settings.js';

/** Installs fault injection on a cluster (no faults until set). */
export function installFaults(
  cluster: LabCluster,
  opts: { random?: () => number } = {},
): FaultInjector {
  const faults = new FaultInjector(opts.random);
  cluster.use({ filters: [faults] });
  return faults;
}
