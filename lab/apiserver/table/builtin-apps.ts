// Built-in Table columns of apps/v1 and batch/v1 workloads (Deployment, ReplicaSet, DaemonSet,
// StatefulSet, ControllerRevision, Job, CronJob), as kube-apiserver's printers compute them,
// wide cells included. Pure.
import type { KubeObject } from '../types.js';
import type { BuiltinColumn } from './cells.js';
import {
  ageColumn,
  boolText,
  column,
  containerColumns,
  formatLabelSelector,
  formatLabels,
  get,
  int,
  list,
  nameColumn,
  selectorString,
  str,
  wide,
} from './cells.js';
import { doc } from './descriptions.js';
import { humanDuration, timestampAge } from './human-duration.js';

const templateSpec = (o: KubeObject): unknown => get(o, 'spec', 'template', 'spec');
const replicas = (o: KubeObject): number => int(get(o, 'spec', 'replicas'), 1);
const status = (o: KubeObject, field: string): number => int(get(o, 'status', field));

export const deploymentColumns: BuiltinColumn[] = [
  nameColumn(),
  column(
    'Ready',
    'string',
    'Number of the pod with ready state',
    (o) => `${status(o, 'readyReplicas')}/${replicas(o)}`,
  ),
  column('Up-to-date', 'string', doc('DeploymentStatus.updatedReplicas'), (o) =>
    status(o, 'updatedReplicas'),
  ),
  column('Available', 'string', doc('DeploymentStatus.availableReplicas'), (o) =>
    status(o, 'availableReplicas'),
  ),
  ageColumn(),
  ...containerColumns(templateSpec),
  wide(
    column('Selector', 'string', doc('DeploymentSpec.selector'), (o) =>
      selectorString(get(o, 'spec', 'selector')),
    ),
  ),
];

export const replicaSetColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Desired', 'integer', doc('ReplicaSetSpec.replicas'), replicas),
  column('Current', 'integer', doc('ReplicaSetStatus.replicas'), (o) => status(o, 'replicas')),
  column('Ready', 'integer', doc('ReplicaSetStatus.readyReplicas'), (o) =>
    status(o, 'readyReplicas'),
  ),
  ageColumn(),
  ...containerColumns(templateSpec),
  wide(
    column('Selector', 'string', doc('ReplicaSetSpec.selector'), (o) =>
      formatLabelSelector(get(o, 'spec', 'selector')),
    ),
  ),
];

export const daemonSetColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Desired', 'integer', doc('DaemonSetStatus.desiredNumberScheduled'), (o) =>
    status(o, 'desiredNumberScheduled'),
  ),
  column('Current', 'integer', doc('DaemonSetStatus.currentNumberScheduled'), (o) =>
    status(o, 'currentNumberScheduled'),
  ),
  column('Ready', 'integer', doc('DaemonSetStatus.numberReady'), (o) => status(o, 'numberReady')),
  column('Up-to-date', 'integer', doc('DaemonSetStatus.updatedNumberScheduled'), (o) =>
    status(o, 'updatedNumberScheduled'),
  ),
  column('Available', 'integer', doc('DaemonSetStatus.numberAvailable'), (o) =>
    status(o, 'numberAvailable'),
  ),
  column('Node Selector', 'string', doc('PodSpec.nodeSelector'), (o) =>
    formatLabels(get(templateSpec(o), 'nodeSelector')),
  ),
  ageColumn(),
  ...containerColumns(templateSpec),
  wide(
    column('Selector', 'string', doc('DaemonSetSpec.selector'), (o) =>
      formatLabelSelector(get(o, 'spec', 'selector')),
    ),
  ),
];

export const statefulSetColumns: BuiltinColumn[] = [
  nameColumn(),
  column(
    'Ready',
    'string',
    'Number of the pod with ready state',
    (o) => `${status(o, 'readyReplicas')}/${replicas(o)}`,
  ),
  ageColumn(),
  ...containerColumns(templateSpec),
];

function controllerName(o: KubeObject): string {
  const ref = list(o.metadata.ownerReferences).find((r) => get(r, 'controller') === true);
  if (!ref) return '<none>';
  const apiVersion = str(get(ref, 'apiVersion'));
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const kind = str(get(ref, 'kind'));
  const gk = group ? `${kind}.${group}` : kind;
  return gk ? `${gk.toLowerCase()}/${str(get(ref, 'name'))}` : str(get(ref, 'name'));
}

export const controllerRevisionColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Controller', 'string', 'Controller of the object', controllerName),
  column('Revision', 'string', doc('ControllerRevision.revision'), (o) => int(o.revision)),
  ageColumn(),
];

function jobCondition(o: KubeObject, type: string): boolean {
  const c = list(get(o, 'status', 'conditions')).find((x) => get(x, 'type') === type);
  return c !== undefined && get(c, 'status') === 'True';
}

const jobStates: [string, string][] = [
  ['Complete', 'Complete'],
  ['Failed', 'Failed'],
];

function jobStatus(o: KubeObject): string {
  for (const [type, text] of jobStates) if (jobCondition(o, type)) return text;
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (jobCondition(o, 'Suspended')) return 'Suspended';
  return jobCondition(o, 'FailureTarget') ? 'FailureTarget' : 'Running';
}

function jobCompletions(o: KubeObject): string {
  const succeeded = status(o, 'succeeded');
  const completions = get(o, 'spec', 'completions');
  if (typeof completions === 'number') return `${succeeded}/${completions}`;
  const parallelism = int(get(o, 'spec', 'parallelism'));
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: KubeObject, now: number): string {
  const start = str(get(o, 'status', 'startTime'));
  if (!start) return '';
  const end = str(get(o, 'status', 'completionTime'));
  return end ? humanDuration(Date.parse(end) - Date.parse(start)) : timestampAge(start, now);
}

export const jobColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Status', 'string', 'Status of the job.', jobStatus),
  column('Completions', 'string', doc('JobStatus.succeeded'), jobCompletions),
  column('Duration', 'string', 'Time required to complete the job.', (o, c) =>
    jobDuration(o, c.now),
  ),
  ageColumn(),
  ...containerColumns(templateSpec),
  wide(
    column('Selector', 'string', doc('JobSpec.selector'), (o) =>
      formatLabelSelector(get(o, 'spec', 'selector')),
    ),
  ),
];

const jobTemplateSpec = (o: KubeObject): unknown =>
  get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec');

function lastSchedule(o: KubeObject, now: number): string {
  const t = get(o, 'status', 'lastScheduleTime');
  return typeof t === 'string' ? timestampAge(t, now) : '<none>';
}

export const cronJobColumns: BuiltinColumn[] = [
  nameColumn(),
  column('Schedule', 'string', doc('CronJobSpec.schedule'), (o) => str(get(o, 'spec', 'schedule'))),
  column('Timezone', 'string', doc('CronJobSpec.timeZone'), (o) =>
    str(get(o, 'spec', 'timeZone'), '<none>'),
  ),
  column('Suspend', 'boolean', doc('CronJobSpec.suspend'), (o) =>
    boolText(get(o, 'spec', 'suspend') ?? false),
  ),
  column(
    'Active',
    'integer',
    doc('CronJobStatus.active'),
    (o) => list(get(o, 'status', 'active')).length,
  ),
  column('Last Schedule', 'string', doc('CronJobStatus.lastScheduleTime'), (o, c) =>
    lastSchedule(o, c.now),
  ),
  ageColumn(),
  ...containerColumns(jobTemplateSpec),
  wide(
    column('Selector', 'string', doc('JobSpec.selector'), (o) =>
      formatLabelSelector(get(o, 'spec', 'jobTemplate', 'spec', 'selector')),
    ),
  ),
];
