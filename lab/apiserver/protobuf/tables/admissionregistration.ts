// Protobuf descriptor table: k8s.io/api admissionregistration/v1.
// Field numbers and types come from kubernetes' generated.proto; JSON names, omitempty and
// pointer-ness from the Go types (kubernetes/api 10b39a39b, apimachinery eed236ce). The spec
// syntax is documented in ../descriptor.ts. Data only: no code.
import type { DescriptorTable } from '../descriptor.js';

/** Messages of package `admreg` (9). */
export const ADMISSIONREGISTRATION_MESSAGES: DescriptorTable = {
  pkg: 'admreg',
  messages: {
    MutatingWebhookConfiguration: 'metadata=1:meta.ObjectMeta webhooks=2:MutatingWebhook[]',
    MutatingWebhook:
      'name=1:string! clientConfig=2:WebhookClientConfig rules=3:RuleWithOperations[] failurePolicy=4:string! matchPolicy=9:string! namespaceSelector=5:meta.LabelSelector objectSelector=11:meta.LabelSelector sideEffects=6:string! timeoutSeconds=7:int32! admissionReviewVersions=8:string[] reinvocationPolicy=10:string! matchConditions=12:MatchCondition[]',
    WebhookClientConfig: 'url=3:string! service=1:ServiceReference caBundle=2:bytes',
    ServiceReference: 'namespace=1:string! name=2:string! path=3:string! port=4:int32!',
    RuleWithOperations: 'operations=1:string[] rule=2:Rule^',
    Rule: 'apiGroups=1:string[] apiVersions=2:string[] resources=3:string[] scope=4:string!',
    MatchCondition: 'name=1:string! expression=2:string!',
    ValidatingWebhookConfiguration: 'metadata=1:meta.ObjectMeta webhooks=2:ValidatingWebhook[]',
    ValidatingWebhook:
      'name=1:string! clientConfig=2:WebhookClientConfig rules=3:RuleWithOperations[] failurePolicy=4:string! matchPolicy=9:string! namespaceSelector=5:meta.LabelSelector objectSelector=10:meta.LabelSelector sideEffects=6:string! timeoutSeconds=7:int32! admissionReviewVersions=8:string[] matchConditions=11:MatchCondition[]',
  },
};
