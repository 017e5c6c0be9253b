// Protobuf descriptor table: k8s.io/api events/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `events` (2). */
export const EVENTS_MESSAGES: DescriptorTable = {
  pkg: 'events',
  messages: {
    Event:
      'metadata=1:meta.ObjectMeta eventTime=2:meta.MicroTime series=3:EventSeries reportingController=4:string reportingInstance=5:string action=6:string reason=7:string regarding=8:core.ObjectReference related=9:core.ObjectReference note=10:string type=11:string deprecatedSource=12:core.EventSource deprecatedFirstTimestamp=13:meta.Time deprecatedLastTimestamp=14:meta.Time deprecatedCount=15:int32',
    EventSeries: 'count=1:int32! lastObservedTime=2:meta.MicroTime',
  },
};
