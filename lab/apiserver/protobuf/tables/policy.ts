// Protobuf descriptor table: k8s.io/api policy/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `policy` (4). */
export const POLICY_MESSAGES: DescriptorTable = {
  pkg: 'policy',
  messages: {
    PodDisruptionBudget:
      'metadata=1:meta.ObjectMeta spec=2:PodDisruptionBudgetSpec status=3:PodDisruptionBudgetStatus',
    PodDisruptionBudgetSpec:
      'minAvailable=1:intstr.IntOrString selector=2:meta.LabelSelector maxUnavailable=3:intstr.IntOrString unhealthyPodEvictionPolicy=4:string!',
    PodDisruptionBudgetStatus:
      'observedGeneration=1:int64 disruptedPods=2:map<string,meta.Time> disruptionsAllowed=3:int32! currentHealthy=4:int32! desiredHealthy=5:int32! expectedPods=6:int32! conditions=7:meta.Condition[]',
    Eviction: 'metadata=1:meta.ObjectMeta deleteOptions=2:meta.DeleteOptions',
  },
};
