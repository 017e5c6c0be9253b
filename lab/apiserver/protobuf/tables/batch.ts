// Protobuf descriptor table: k8s.io/api batch/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `batch` (16). */
export const BATCH_MESSAGES: DescriptorTable = {
  pkg: 'batch',
  messages: {
    Job: 'metadata=1:meta.ObjectMeta spec=2:JobSpec status=3:JobStatus',
    JobSpec:
      'parallelism=1:int32! completions=2:int32! activeDeadlineSeconds=3:int64! podFailurePolicy=11:PodFailurePolicy successPolicy=16:SuccessPolicy backoffLimit=7:int32! backoffLimitPerIndex=12:int32! maxFailedIndexes=13:int32! selector=4:meta.LabelSelector manualSelector=5:bool! template=6:core.PodTemplateSpec ttlSecondsAfterFinished=8:int32! completionMode=9:string! suspend=10:bool! podReplacementPolicy=14:string! managedBy=15:string! scheduling=17:JobSchedulingConfiguration',
    PodFailurePolicy: 'rules=1:PodFailurePolicyRule[]',
    PodFailurePolicyRule:
      'action=1:string! onExitCodes=2:PodFailurePolicyOnExitCodesRequirement onPodConditions=3:PodFailurePolicyOnPodConditionsPattern[]',
    PodFailurePolicyOnExitCodesRequirement:
      'containerName=1:string! operator=2:string! values=3:int32[]',
    PodFailurePolicyOnPodConditionsPattern: 'type=1:string! status=2:string!',
    SuccessPolicy: 'rules=1:SuccessPolicyRule[]',
    SuccessPolicyRule: 'succeededIndexes=1:string! succeededCount=2:int32!',
    JobSchedulingConfiguration: '',
    JobStatus:
      'conditions=1:JobCondition[] startTime=2:meta.Time completionTime=3:meta.Time active=4:int32 succeeded=5:int32 failed=6:int32 terminating=11:int32! completedIndexes=7:string failedIndexes=10:string! uncountedTerminatedPods=8:UncountedTerminatedPods ready=9:int32!',
    JobCondition:
      'type=1:string! status=2:string! lastProbeTime=3:meta.Time lastTransitionTime=4:meta.Time reason=5:string message=6:string',
    UncountedTerminatedPods: 'succeeded=1:string[] failed=2:string[]',
    CronJob: 'metadata=1:meta.ObjectMeta spec=2:CronJobSpec status=3:CronJobStatus',
    CronJobSpec:
      'schedule=1:string! timeZone=8:string! startingDeadlineSeconds=2:int64! concurrencyPolicy=3:string suspend=4:bool! jobTemplate=5:JobTemplateSpec successfulJobsHistoryLimit=6:int32! failedJobsHistoryLimit=7:int32!',
    JobTemplateSpec: 'metadata=1:meta.ObjectMeta spec=2:JobSpec',
    CronJobStatus:
      'active=1:core.ObjectReference[] lastScheduleTime=4:meta.Time lastSuccessfulTime=5:meta.Time',
  },
};
