// Protobuf descriptor table: k8s.io/api core/v1 (objects other than the Pod template closure).
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `core` (44). */
export const CORE_MESSAGES: DescriptorTable = {
  pkg: 'core',
  messages: {
    Namespace: 'metadata=1:meta.ObjectMeta spec=2:NamespaceSpec status=3:NamespaceStatus',
    NamespaceSpec: 'finalizers=1:string[]',
    NamespaceStatus: 'phase=1:string conditions=2:NamespaceCondition[]',
    NamespaceCondition:
      'type=1:string! status=2:string! lastTransitionTime=4:meta.Time reason=5:string message=6:string',
    ConfigMap:
      'metadata=1:meta.ObjectMeta immutable=4:bool! data=2:map<string,string> binaryData=3:map<string,bytes>',
    Secret:
      'metadata=1:meta.ObjectMeta immutable=5:bool! data=2:map<string,bytes> stringData=4:map<string,string> type=3:string',
    ServiceAccount:
      'metadata=1:meta.ObjectMeta secrets=2:ObjectReference[] imagePullSecrets=3:LocalObjectReference[] automountServiceAccountToken=4:bool!',
    ObjectReference:
      'kind=1:string namespace=2:string name=3:string uid=4:string apiVersion=5:string resourceVersion=6:string fieldPath=7:string',
    Service: 'metadata=1:meta.ObjectMeta spec=2:ServiceSpec status=3:ServiceStatus',
    ServiceSpec:
      'ports=1:ServicePort[] selector=2:map<string,string> clusterIP=3:string clusterIPs=18:string[] type=4:string externalIPs=5:string[] sessionAffinity=7:string loadBalancerIP=8:string loadBalancerSourceRanges=9:string[] externalName=10:string externalTrafficPolicy=11:string healthCheckNodePort=12:int32 publishNotReadyAddresses=13:bool sessionAffinityConfig=14:SessionAffinityConfig ipFamilies=19:string[] ipFamilyPolicy=17:string! allocateLoadBalancerNodePorts=20:bool! loadBalancerClass=21:string! internalTrafficPolicy=22:string! trafficDistribution=23:string!',
    ServicePort:
      'name=1:string protocol=2:string appProtocol=6:string! port=3:int32! targetPort=4:intstr.IntOrString nodePort=5:int32',
    SessionAffinityConfig: 'clientIP=1:ClientIPConfig',
    ClientIPConfig: 'timeoutSeconds=1:int32!',
    ServiceStatus: 'loadBalancer=1:LoadBalancerStatus conditions=2:meta.Condition[]',
    LoadBalancerStatus: 'ingress=1:LoadBalancerIngress[]',
    LoadBalancerIngress: 'ip=1:string hostname=2:string ipMode=3:string! ports=4:PortStatus[]',
    PortStatus: 'port=1:int32! protocol=2:string! error=3:string!',
    Pod: 'metadata=1:meta.ObjectMeta spec=2:PodSpec status=3:PodStatus',
    Event:
      'metadata=1:meta.ObjectMeta involvedObject=2:ObjectReference reason=3:string message=4:string source=5:EventSource firstTimestamp=6:meta.Time lastTimestamp=7:meta.Time count=8:int32 type=9:string eventTime=10:meta.MicroTime series=11:EventSeries action=12:string related=13:ObjectReference reportingComponent=14:string! reportingInstance=15:string!',
    EventSource: 'component=1:string host=2:string',
    EventSeries: 'count=1:int32 lastObservedTime=2:meta.MicroTime',
    ResourceQuota:
      'metadata=1:meta.ObjectMeta spec=2:ResourceQuotaSpec status=3:ResourceQuotaStatus',
    ResourceQuotaSpec:
      'hard=1:map<string,resource.Quantity> scopes=2:string[] scopeSelector=3:ScopeSelector',
    ScopeSelector: 'matchExpressions=1:ScopedResourceSelectorRequirement[]',
    ScopedResourceSelectorRequirement: 'scopeName=1:string! operator=2:string! values=3:string[]',
    ResourceQuotaStatus:
      'hard=1:map<string,resource.Quantity> used=2:map<string,resource.Quantity>',
    LimitRange: 'metadata=1:meta.ObjectMeta spec=2:LimitRangeSpec',
    LimitRangeSpec: 'limits=1:LimitRangeItem[]',
    LimitRangeItem:
      'type=1:string! max=2:map<string,resource.Quantity> min=3:map<string,resource.Quantity> default=4:map<string,resource.Quantity> defaultRequest=5:map<string,resource.Quantity> maxLimitRequestRatio=6:map<string,resource.Quantity>',
    PersistentVolumeClaim:
      'metadata=1:meta.ObjectMeta spec=2:PersistentVolumeClaimSpec status=3:PersistentVolumeClaimStatus',
    PersistentVolumeClaimStatus:
      'phase=1:string accessModes=2:string[] capacity=3:map<string,resource.Quantity> conditions=4:PersistentVolumeClaimCondition[] allocatedResources=5:map<string,resource.Quantity> allocatedResourceStatuses=7:map<string,string> currentVolumeAttributesClassName=8:string! modifyVolumeStatus=9:ModifyVolumeStatus healthStatus=10:VolumeHealthStatus',
    PersistentVolumeClaimCondition:
      'type=1:string! status=2:string! lastProbeTime=3:meta.Time lastTransitionTime=4:meta.Time reason=5:string message=6:string',
    ModifyVolumeStatus: 'targetVolumeAttributesClassName=1:string status=2:string!',
    VolumeHealthStatus: 'healthConditions=1:VolumeHealthCondition[] lastTransitionTime=2:meta.Time',
    Endpoints: 'metadata=1:meta.ObjectMeta subsets=2:EndpointSubset[]',
    EndpointSubset:
      'addresses=1:EndpointAddress[] notReadyAddresses=2:EndpointAddress[] ports=3:EndpointPort[]',
    EndpointAddress:
      'ip=1:string! hostname=3:string nodeName=4:string! targetRef=2:ObjectReference',
    EndpointPort: 'name=1:string port=2:int32! protocol=3:string appProtocol=4:string!',
    Binding: 'metadata=1:meta.ObjectMeta target=2:ObjectReference',
    PodTemplate: 'metadata=1:meta.ObjectMeta template=2:PodTemplateSpec',
    ReplicationController:
      'metadata=1:meta.ObjectMeta spec=2:ReplicationControllerSpec status=3:ReplicationControllerStatus',
    ReplicationControllerSpec:
      'replicas=1:int32! minReadySeconds=4:int32 selector=2:map<string,string> template=3:PodTemplateSpec',
    ReplicationControllerStatus:
      'replicas=1:int32! fullyLabeledReplicas=2:int32 readyReplicas=4:int32 availableReplicas=5:int32 observedGeneration=3:int64 conditions=6:ReplicationControllerCondition[]',
    ReplicationControllerCondition:
      'type=1:string! status=2:string! lastTransitionTime=3:meta.Time reason=4:string message=5:string',
  },
};
