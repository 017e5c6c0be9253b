// Protobuf descriptor table: k8s.io/api coordination/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `coord` (2). */
export const COORDINATION_MESSAGES: DescriptorTable = {
  pkg: 'coord',
  messages: {
    Lease: 'metadata=1:meta.ObjectMeta spec=2:LeaseSpec',
    LeaseSpec:
      'holderIdentity=1:string! leaseDurationSeconds=2:int32! acquireTime=3:meta.MicroTime renewTime=4:meta.MicroTime leaseTransitions=5:int32! strategy=6:string! preferredHolder=7:string!',
  },
};
