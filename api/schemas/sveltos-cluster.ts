// Schema of SveltosCluster spec and status: a cluster Sveltos manages, reached through a
// kubeconfig Secret (push mode), cloud workload identity, or its own agent (pull mode).
// Shapes follow libsveltos `api/v1beta1/sveltoscluster_type.go`.
import { resourceSelector } from './common.js';
import { localObjectReference } from './core.js';
import {
  arr,
  bool,
  bytes,
  documented,
  duration,
  enumOf,
  int,
  obj,
  str,
  stringMap,
  time,
} from './schema.js';

const activeWindow = obj(
  {
    from: str({ minLength: 1, description: 'Cron expression: when the cluster is un-paused.' }),
    to: str({ minLength: 1, description: 'Cron expression: when the cluster is paused.' }),
  },
  { title: 'ActiveWindow', required: ['from', 'to'] },
);

const clusterCheck = obj(
  {
    condition: str({ description: 'Lua function `evaluate` over the selected resources.' }),
    name: str({ description: 'Name of the check, unique in its list.' }),
    resourceSelectors: arr(resourceSelector, { description: 'Resources passed to the check.' }),
  },
  { title: 'ClusterCheck', required: ['condition', 'name', 'resourceSelectors'] },
);

const tokenRequestRenewalOption = obj(
  {
    kubeconfigKeyName: str({
      description: 'Secret key the renewed kubeconfig is written to (default re-kubeconfig).',
    }),
    renewTokenRequestInterval: duration({ description: 'How often the token is renewed.' }),
    saName: str({ description: 'ServiceAccount whose token is renewed.' }),
    saNamespace: str({ description: 'Namespace of that ServiceAccount.' }),
    tokenDuration: duration({ description: 'Validity of each token; defaults to the interval.' }),
  },
  { title: 'TokenRequestRenewalOption', required: ['renewTokenRequestInterval'] },
);

const awsWorkloadIdentity = obj(
  {
    clusterName: str({ minLength: 1, description: 'EKS cluster name.' }),
    region: str({ description: 'AWS region; defaults to AWS_REGION.' }),
    roleARN: str({ description: 'IAM role assumed before requesting the token.' }),
  },
  { title: 'AWSWorkloadIdentityConfig', required: ['clusterName'] },
);

const gcpWorkloadIdentity = obj(
  {
    clusterName: str({ minLength: 1, description: 'GKE cluster name.' }),
    location: str({ minLength: 1, description: 'Region or zone of the cluster.' }),
    projectID: str({ minLength: 1, description: 'GCP project of the cluster.' }),
  },
  { title: 'GCPWorkloadIdentityConfig', required: ['clusterName', 'location', 'projectID'] },
);

const azureWorkloadIdentity = obj(
  {
    clientID: str({ minLength: 1, description: 'Client ID of the federated identity.' }),
    clusterName: str({ description: 'AKS cluster name.' }),
    resourceGroup: str({ description: 'Resource group of the cluster.' }),
    subscriptionID: str({ description: 'Subscription of the cluster.' }),
    tenantID: str({ minLength: 1, description: 'Azure AD tenant.' }),
  },
  { title: 'AzureWorkloadIdentityConfig', required: ['clientID', 'tenantID'] },
);

const providerRule = (provider: string, field: string): { rule: string; message: string } => ({
  rule: `(self.provider == '${provider}') == has(self.${field})`,
  message: `${field} must be set if and only if provider is ${provider}`,
});

const workloadIdentity = obj(
  {
    aws: documented(awsWorkloadIdentity, 'AWS settings; required for provider AWS.'),
    azure: documented(azureWorkloadIdentity, 'Azure settings; required for provider Azure.'),
    caSecretRef: documented(localObjectReference, 'Secret with the API server CA as ca.crt.'),
    endpoint: str({ minLength: 1, description: 'API server URL of the managed cluster.' }),
    gcp: documented(gcpWorkloadIdentity, 'GCP settings; required for provider GCP.'),
    provider: enumOf(['AWS', 'GCP', 'Azure'], {
      title: 'WorkloadIdentityProvider',
      description: 'Cloud provider issuing the credentials.',
    }),
  },
  {
    title: 'WorkloadIdentityConfig',
    required: ['endpoint', 'provider'],
    'x-kubernetes-validations': [
      providerRule('AWS', 'aws'),
      providerRule('GCP', 'gcp'),
      providerRule('Azure', 'azure'),
    ],
  },
);

export const sveltosClusterSpec = obj(
  {
    activeWindow: documented(activeWindow, 'Schedule that pauses and un-pauses the cluster.'),
    consecutiveFailureThreshold: int({
      default: 3,
      description: 'Failed connections in a row before connectionStatus turns Down.',
    }),
    data: stringMap({ description: 'Arbitrary data about the cluster.' }),
    kubeconfigKeyName: str({
      description: 'Key of the kubeconfig in its Secret; defaults to the first key.',
    }),
    kubeconfigName: str({
      description: 'Secret holding the kubeconfig; defaults to <name>-sveltos-kubeconfig.',
    }),
    livenessChecks: arr(clusterCheck, { description: 'Checks that the cluster stays healthy.' }),
    paused: bool({ description: 'Stop all Sveltos processing for this cluster.' }),
    pullMode: bool({
      default: false,
      description: 'An agent in the cluster pulls its configuration; immutable.',
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }],
    }),
    readinessChecks: arr(clusterCheck, {
      description: 'Checks that must pass before the cluster is ready.',
    }),
    tokenRequestRenewalOption: documented(
      tokenRequestRenewalOption,
      'Renew the kubeconfig token with TokenRequests.',
    ),
    workloadIdentity: documented(
      workloadIdentity,
      'Authenticate with cloud workload identity instead of a kubeconfig Secret.',
    ),
  },
  {
    title: 'SveltosClusterSpec',
    'x-kubernetes-validations': [
      {
        rule: '!has(self.workloadIdentity) || !has(self.kubeconfigName)',
        message: 'workloadIdentity, kubeconfigName: conflict',
      },
    ],
  },
);

export const sveltosClusterStatus = obj(
  {
    activeWindowHash: bytes({ description: 'Hash of spec.activeWindow last scheduled.' }),
    agentLastReportTime: time({ description: 'Last heartbeat of the pull-mode agent.' }),
    connectionFailures: int({ default: 0, description: 'Failed connections in a row.' }),
    connectionStatus: enumOf(['Healthy', 'Down'], {
      title: 'ConnectionStatus',
      description: 'Whether the management cluster reaches the cluster.',
    }),
    failureMessage: str({ description: 'Why the last connection failed.' }),
    lastReconciledTokenRequestAt: str({ description: 'When the token was last renewed.' }),
    nextPause: time({ description: 'Next scheduled pause.' }),
    nextUnpause: time({ description: 'Next scheduled un-pause.' }),
    ready: bool({ description: 'The cluster is ready to be managed.' }),
    version: str({ description: 'Kubernetes version of the cluster.' }),
  },
  { title: 'SveltosClusterStatus' },
);
