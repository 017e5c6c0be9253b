// Protobuf descriptor table: k8s.io/api authentication/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `authn` (12). */
export const AUTHENTICATION_MESSAGES: DescriptorTable = {
  pkg: 'authn',
  messages: {
    TokenRequest: 'metadata=1:meta.ObjectMeta spec=2:TokenRequestSpec status=3:TokenRequestStatus',
    TokenRequestSpec:
      'audiences=1:string[] expirationSeconds=4:int64! boundObjectRef=3:BoundObjectReference attestations=5:map<string,AttestationValue>',
    BoundObjectReference: 'kind=1:string apiVersion=2:string name=3:string uid=4:string',
    AttestationValue: '[] items=1:string[]',
    TokenRequestStatus: 'token=1:string! expirationTimestamp=2:meta.Time',
    TokenReview: 'metadata=1:meta.ObjectMeta spec=2:TokenReviewSpec status=3:TokenReviewStatus',
    TokenReviewSpec: 'token=1:string audiences=2:string[]',
    TokenReviewStatus: 'authenticated=1:bool user=2:UserInfo audiences=4:string[] error=3:string',
    UserInfo: 'username=1:string uid=2:string groups=3:string[] extra=4:map<string,ExtraValue>',
    ExtraValue: '[] items=1:string[]',
    SelfSubjectReview: 'metadata=1:meta.ObjectMeta status=2:SelfSubjectReviewStatus',
    SelfSubjectReviewStatus: 'userInfo=1:UserInfo',
  },
};
