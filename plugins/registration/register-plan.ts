// Pure decisions of register/deregister: whether an existing SveltosCluster conflicts with the
// requested mode, what a write did (created/configured/unchanged), which management objects
// deregister removes and in what order, and the kubectl-style name of an object
// (`sveltoscluster.lib.projectsveltos.io/cluster01`). Tests in register-plan.test.ts.
import type { KubeObject, ObjectRef } from '../../lib/kube-client.js';
import type { ClusterIdentity } from './mgmt-objects.js';
import { managementObjects } from './mgmt-objects.js';

/** `kind.group/name` as kubectl prints it (`namespace/rke2`, `role.rbac.authorization.k8s.io/x`). */
export function resourceLabel(ref: Pick<ObjectRef, 'apiVersion' | 'kind' | 'name'>): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash > 0 ? ref.apiVersion.slice(0, slash) : '';
  const kind = ref.kind.toLowerCase();
  return `${group ? `${kind}.${group}` : kind}/${ref.name}`;
}

/** What a server-side apply did, judged by resourceVersion before and after. */
export function writeAction(
  live: KubeObject | undefined,
  result: KubeObject,
): 'created' | 'configured' | 'unchanged' {
  if (!live) return 'created';
  const before = live.metadata.resourceVersion;
  return before !== undefined && before === result.metadata.resourceVersion
    ? 'unchanged'
    : 'configured';
}

/** True when a SveltosCluster is registered in pull mode. */
export function isPullMode(cluster: KubeObject): boolean {
  const spec = cluster['spec'] as { pullMode?: unknown } | undefined;
  return spec?.pullMode === true;
}

/**
 * The reason an existing SveltosCluster cannot be re-registered in the requested mode, or ''
 * when it can (absent, or same mode). `spec.pullMode` is immutable, so a switch needs deregister.
 */
export function modeConflict(existing: KubeObject | undefined, wantPull: boolean): string {
  if (!existing || isPullMode(existing) === wantPull) return '';
  const { namespace, name } = existing.metadata;
  const has = isPullMode(existing) ? 'pull' : 'push';
  const want = wantPull ? 'pull' : 'push';
  return (
    `SveltosCluster ${namespace ?? ''}/${name} is already registered in ${has} mode and cannot ` +
    `switch to ${want} mode; run "kubectl sveltos deregister cluster --namespace=${namespace ?? ''} ` +
    `--cluster=${name}" first`
  );
}

/**
 * Management objects deregister removes, SveltosCluster first (so controllers stop using the
 * credentials) and the namespace excluded (decided separately). `pullMode` undefined means
 * the SveltosCluster is gone and the mode unknown: both modes' objects are candidates.
 */
export function deregistrationRefs(
  id: ClusterIdentity,
  pullMode: boolean | undefined,
): ObjectRef[] {
  const modes = pullMode === undefined ? [true, false] : [pullMode];
  const refs: ObjectRef[] = [];
  for (const pull of modes) {
    const objects = managementObjects({ id, labels: {}, pullMode: pull }).slice(1).reverse();
    for (const o of objects) {
      const ref = {
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
      };
      if (!refs.some((r) => r.kind === ref.kind && r.name === ref.name)) refs.push(ref);
    }
  }
  return refs;
}
