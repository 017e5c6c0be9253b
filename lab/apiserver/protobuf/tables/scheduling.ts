// Protobuf descriptor table: k8s.io/api scheduling/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `scheduling` (1). */
export const SCHEDULING_MESSAGES: DescriptorTable = {
  pkg: 'scheduling',
  messages: {
    PriorityClass:
      'metadata=1:meta.ObjectMeta value=2:int32! globalDefault=3:bool description=4:string preemptionPolicy=5:string!',
  },
};
