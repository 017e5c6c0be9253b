// Protobuf descriptor table: k8s.io/api authorization/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `authz` (16). */
export const AUTHORIZATION_MESSAGES: DescriptorTable = {
  pkg: 'authz',
  messages: {
    SelfSubjectAccessReview:
      'metadata=1:meta.ObjectMeta spec=2:SelfSubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
    SelfSubjectAccessReviewSpec:
      'resourceAttributes=1:ResourceAttributes nonResourceAttributes=2:NonResourceAttributes',
    ResourceAttributes:
      'namespace=1:string verb=2:string group=3:string version=4:string resource=5:string subresource=6:string name=7:string fieldSelector=8:FieldSelectorAttributes labelSelector=9:LabelSelectorAttributes',
    FieldSelectorAttributes: 'rawSelector=1:string requirements=2:meta.FieldSelectorRequirement[]',
    LabelSelectorAttributes: 'rawSelector=1:string requirements=2:meta.LabelSelectorRequirement[]',
    NonResourceAttributes: 'path=1:string verb=2:string',
    SubjectAccessReviewStatus:
      'allowed=1:bool! denied=4:bool reason=2:string evaluationError=3:string',
    SelfSubjectRulesReview:
      'metadata=1:meta.ObjectMeta spec=2:SelfSubjectRulesReviewSpec status=3:SubjectRulesReviewStatus',
    SelfSubjectRulesReviewSpec: 'namespace=1:string',
    SubjectRulesReviewStatus:
      'resourceRules=1:ResourceRule[] nonResourceRules=2:NonResourceRule[] incomplete=3:bool! evaluationError=4:string',
    ResourceRule:
      'verbs=1:string[] apiGroups=2:string[] resources=3:string[] resourceNames=4:string[]',
    NonResourceRule: 'verbs=1:string[] nonResourceURLs=2:string[]',
    SubjectAccessReview:
      'metadata=1:meta.ObjectMeta spec=2:SubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
    SubjectAccessReviewSpec:
      'resourceAttributes=1:ResourceAttributes nonResourceAttributes=2:NonResourceAttributes user=3:string groups=4:string[] extra=5:map<string,ExtraValue> uid=6:string',
    ExtraValue: '[] items=1:string[]',
    LocalSubjectAccessReview:
      'metadata=1:meta.ObjectMeta spec=2:SubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
  },
};
