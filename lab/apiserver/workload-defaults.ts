// kube-apiserver's defaulting of workload kinds that clients read back: update strategies,
// history limits and progress deadlines of Deployments, StatefulSets and DaemonSets, Job and
// CronJob knobs, and the pod-spec defaults inside templates and Pods (restart and DNS policy,
// grace period, scheduler, image pull policy). Only absent fields are set. Pure, in place.

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** Sets `key` to `value` when absent; returns the (possibly new) nested object. */
function ensure(parent: Json, key: string, value: unknown): unknown {
  if (parent[key] === undefined) parent[key] = value;
  return parent[key];
}

function pullPolicy(image: unknown): string {
  const ref = typeof image === 'string' ? image : '';
  const lastPart = ref.split('/').pop() ?? '';
  if (ref.includes('@')) return 'IfNotPresent';
  const tag = lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: unknown): void {
  const container = obj(c);
  if (!container) return;
  ensure(container, 'terminationMessagePath', '/dev/termination-log');
  ensure(container, 'terminationMessagePolicy', 'File');
  ensure(container, 'imagePullPolicy', pullPolicy(container.image));
  for (const p of Array.isArray(container.ports) ? container.ports : []) {
    const port = obj(p);
    if (port) ensure(port, 'protocol', 'TCP');
  }
}

/** Pod-spec defaults (also used inside templates). */
export function defaultPodSpec(spec: Json, restartPolicy = 'Always'): void {
  ensure(spec, 'restartPolicy', restartPolicy);
  ensure(spec, 'terminationGracePeriodSeconds', 30);
  ensure(spec, 'dnsPolicy', 'ClusterFirst');
  ensure(spec, 'schedulerName', 'default-scheduler');
  ensure(spec, 'securityContext', {});
  for (const list of [spec.containers, spec.initContainers]) {
    if (Array.isArray(list)) list.forEach(defaultContainer);
  }
}

function defaultTemplate(spec: Json, restartPolicy?: string): void {
  const podSpec = obj(obj(spec.template)?.spec);
  if (podSpec) defaultPodSpec(podSpec, restartPolicy);
}

function defaultDeployment(spec: Json): void {
  ensure(spec, 'replicas', 1);
  const strategy = obj(ensure(spec, 'strategy', { type: 'RollingUpdate' }));
  if (strategy?.type === 'RollingUpdate')
    ensure(strategy, 'rollingUpdate', { maxUnavailable: '25%', maxSurge: '25%' });
  ensure(spec, 'revisionHistoryLimit', 10);
  ensure(spec, 'progressDeadlineSeconds', 600);
  defaultTemplate(spec);
}

function defaultStatefulSet(spec: Json): void {
  ensure(spec, 'replicas', 1);
  const strategy = obj(ensure(spec, 'updateStrategy', { type: 'RollingUpdate' }));
  if (strategy?.type === 'RollingUpdate') ensure(strategy, 'rollingUpdate', { partition: 0 });
  ensure(spec, 'podManagementPolicy', 'OrderedReady');
  ensure(spec, 'revisionHistoryLimit', 10);
  ensure(spec, 'persistentVolumeClaimRetentionPolicy', {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
  });
  defaultTemplate(spec);
}

function defaultDaemonSet(spec: Json): void {
  const strategy = obj(ensure(spec, 'updateStrategy', { type: 'RollingUpdate' }));
  if (strategy?.type === 'RollingUpdate')
    ensure(strategy, 'rollingUpdate', { maxUnavailable: 1, maxSurge: 0 });
  ensure(spec, 'revisionHistoryLimit', 10);
  defaultTemplate(spec);
}

function defaultJobSpec(spec: Json): void {
  ensure(spec, 'backoffLimit', 6);
  ensure(spec, 'completionMode', 'NonIndexed');
  ensure(spec, 'suspend', false);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  ensure(spec, 'parallelism', 1);
  defaultTemplate(spec, 'Never');
}

function defaultCronJob(spec: Json): void {
  ensure(spec, 'concurrencyPolicy', 'Allow');
  ensure(spec, 'suspend', false);
  ensure(spec, 'successfulJobsHistoryLimit', 3);
  ensure(spec, 'failedJobsHistoryLimit', 1);
  const jobSpec = obj(obj(spec.jobTemplate)?.spec);
  if (jobSpec) defaultJobSpec(jobSpec);
}

function defaultReplicaSet(spec: Json): void {
  ensure(spec, 'replicas', 1);
  defaultTemplate(spec);
}

function defaultPod(spec: Json): void {
  defaultPodSpec(spec);
  ensure(spec, 'serviceAccountName', 'default');
  ensure(spec, 'serviceAccount', spec.serviceAccountName);
  ensure(spec, 'enableServiceLinks', true);
}

const BY_RESOURCE: Record<string, (spec: Json) => void> = {
  'apps/deployments': defaultDeployment,
  'apps/statefulsets': defaultStatefulSet,
  'apps/daemonsets': defaultDaemonSet,
  'apps/replicasets': defaultReplicaSet,
  '/replicationcontrollers': defaultReplicaSet,
  'batch/jobs': defaultJobSpec,
  'batch/cronjobs': defaultCronJob,
  '/pods': defaultPod,
  '/podtemplates': (spec) => defaultPodSpec(spec),
};

/** Applies the workload defaults of resource `group/resource` to an object's spec, if any. */
export function applyWorkloadDefaults(key: string, object: Json): void {
  const fn = BY_RESOURCE[key];
  if (!fn) return;
  // PodTemplates keep their pod spec under `template.spec`.
  const spec = key === '/podtemplates' ? obj(obj(object.template)?.spec) : obj(object.spec);
  if (spec) fn(spec);
}
