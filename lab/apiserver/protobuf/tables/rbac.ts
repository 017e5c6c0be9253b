// Protobuf descriptor table: k8s.io/api rbac/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `rbac` (8). */
export const RBAC_MESSAGES: DescriptorTable = {
  pkg: 'rbac',
  messages: {
    Role: 'metadata=1:meta.ObjectMeta rules=2:PolicyRule[]',
    PolicyRule:
      'verbs=1:string[] apiGroups=2:string[] resources=3:string[] resourceNames=4:string[] nonResourceURLs=5:string[]',
    ClusterRole:
      'metadata=1:meta.ObjectMeta rules=2:PolicyRule[] aggregationRule=3:AggregationRule',
    AggregationRule: 'clusterRoleSelectors=1:meta.LabelSelector[]',
    RoleBinding: 'metadata=1:meta.ObjectMeta subjects=2:Subject[] roleRef=3:RoleRef',
    Subject: 'kind=1:string! apiGroup=2:string name=3:string! namespace=4:string',
    RoleRef: 'apiGroup=1:string! kind=2:string! name=3:string!',
    ClusterRoleBinding: 'metadata=1:meta.ObjectMeta subjects=2:Subject[] roleRef=3:RoleRef',
  },
};
