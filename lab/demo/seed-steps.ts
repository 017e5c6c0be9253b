// The seed blog post as demo steps: each is the command a user types, what it must show, and
// which components it needs. A step whose component is not built yet is named and skipped, so
// the demo always says plainly what is real. Pure data plus small predicates.
import type { CommandResult } from './demo-shell.js';

export type Component = 'controller' | 'agent' | 'webhook';

export interface DemoStep {
  /** One line of narration printed before the command. */
  title: string;
  /** The command exactly as a user would type it in the lab directory. */
  command: string;
  needs?: Component[];
  /** Returns why the output is not what the step expects, or undefined when it is. */
  expect?: (result: CommandResult) => string | undefined;
  /** Re-run the command until `expect` holds, for this long at most. */
  waitMs?: number;
}

const succeeded = (r: CommandResult): string | undefined =>
  r.code === 0 ? undefined : `exited ${r.code}`;

function contains(...fragments: (string | RegExp)[]) {
  return (r: CommandResult): string | undefined => {
    if (r.code !== 0) return `exited ${r.code}`;
    const missing = fragments.find((f) =>
      typeof f === 'string' ? !r.stdout.includes(f) : !f.test(r.stdout),
    );
    return missing === undefined ? undefined : `output lacks ${String(missing)}`;
  };
}

function lacksAny(...fragments: string[]) {
  return (r: CommandResult): string | undefined => {
    if (r.code !== 0) return `exited ${r.code}`;
    const present = fragments.find((f) => r.stdout.includes(f));
    return present === undefined ? undefined : `output still shows ${present}`;
  };
}

const SEVEN_CREATED_LINES = [
  'namespace/projectsveltos created',
  'serviceaccount/sveltos-applier-manager created',
  'clusterrole.rbac.authorization.k8s.io/sveltos-applier-manager-role created',
  'clusterrolebinding.rbac.authorization.k8s.io/sveltos-applier-manager-rolebinding created',
  'service/sveltos-applier-metrics-service created',
  'deployment.apps/sveltos-applier-manager created',
  'secret/cluster01-sveltos-kubeconfig created',
];

const WAIT = 60_000;

export const seedSteps: DemoStep[] = [
  {
    title: 'Register the firewalled RKE2 cluster in pull mode: the output is what it must apply',
    command:
      'kubectl sveltos register cluster --namespace=rke2 --cluster=cluster01 --pullmode --labels=env=test > rke2_reg.yaml',
    expect: succeeded,
  },
  {
    title: 'The management cluster knows cluster01; it is not ready until its agent reports',
    command: 'kubectl get sveltosclusters -A',
    expect: contains(/rke2\s+cluster01/),
  },
  {
    title:
      'On cluster01 (behind the firewall), apply the registration YAML: the agent starts and dials out',
    command: 'kubectl --kubeconfig=cluster01.kubeconfig apply -f rke2_reg.yaml',
    expect: contains(...SEVEN_CREATED_LINES),
  },
  {
    title: 'The agent heartbeat makes cluster01 ready with its own version',
    command: 'kubectl get sveltosclusters -n rke2',
    needs: ['agent'],
    expect: contains(/cluster01\s+true\s+v1\.32\.5/),
    waitMs: WAIT,
  },
  {
    title: 'Register the AKS cluster in push mode with its kubeconfig',
    command:
      'kubectl sveltos register cluster --namespace=aks --cluster=cluster02 --kubeconfig=cluster02.kubeconfig --labels=env=test',
    expect: succeeded,
  },
  {
    title:
      'The controller probes cluster02 (and mgmt, which it registered) and labels their version',
    command: 'kubectl get sveltosclusters -A --show-labels',
    needs: ['controller', 'webhook'],
    expect: contains(
      /^aks\s+cluster02\s+true\s+v1\.32\.5\s.*projectsveltos\.io\/k8s-version=v1\.32\.5/m,
      /^mgmt\s+mgmt\s+true\s+v1\.31\.6\+k3s1\s.*projectsveltos\.io\/k8s-version=v1\.31\.6/m,
    ),
    waitMs: WAIT,
  },
  {
    title: 'Deploy Kyverno to every cluster labelled env=test (the seed profile, unchanged)',
    command: 'kubectl apply -f deploy-kyverno.yaml',
    expect: contains('clusterprofile.config.projectsveltos.io/deploy-kyverno created'),
  },
  {
    title: 'One ClusterSummary per matching cluster: cluster01 (pull) and cluster02 (push)',
    command: 'kubectl get clusterprofile,clustersummary -A',
    needs: ['controller'],
    expect: contains('deploy-kyverno-sveltos-cluster01', 'deploy-kyverno-sveltos-cluster02'),
    waitMs: WAIT,
  },
  {
    title: 'Push mode: the Helm release is real on cluster02',
    command: 'helm --kubeconfig=cluster02.kubeconfig list -A',
    needs: ['controller'],
    expect: contains(/kyverno-latest\s+kyverno\s+1\s.*deployed\s+kyverno-3\.5\.1/),
    waitMs: WAIT,
  },
  {
    title:
      'Pull mode: the agent applied the chart, rendered on the management side, inside cluster01',
    command: 'kubectl --kubeconfig=cluster01.kubeconfig get deployments -n kyverno',
    needs: ['controller', 'agent'],
    expect: contains('kyverno-latest-admission-controller'),
    waitMs: WAIT,
  },
  {
    title: 'Deploy Tetragon to clusters labelled req=tetragon',
    command: 'kubectl apply -f tetragon-rke2-deploy.yaml',
    expect: contains('clusterprofile.config.projectsveltos.io/tetragon-rke2-deploy created'),
  },
  {
    title: "Cut cluster01's agent off for a moment (as a firewall outage would)",
    command:
      'kubectl --kubeconfig=cluster01.kubeconfig scale deployment sveltos-applier-manager -n projectsveltos --replicas=0',
    needs: ['agent'],
    expect: contains('deployment.apps/sveltos-applier-manager scaled'),
  },
  {
    title: "The agent's pod is gone: nothing in cluster01 fetches bundles now",
    command: 'kubectl --kubeconfig=cluster01.kubeconfig get pods -n projectsveltos',
    needs: ['agent'],
    expect: lacksAny('sveltos-applier-manager'),
    waitMs: WAIT,
  },
  {
    title: 'Label cluster01 so the Tetragon profile selects it',
    command: 'kubectl label sveltosclusters cluster01 -n rke2 req=tetragon',
    expect: contains('sveltoscluster.lib.projectsveltos.io/cluster01 labeled'),
  },
  {
    title: 'Pull mode: the bundles wait on the management cluster until the agent fetches them',
    command: 'kubectl get configurationbundle -A',
    needs: ['controller'],
    expect: contains(/^rke2\s+\S+/m),
    waitMs: WAIT,
  },
  {
    title: 'What waits for which agent',
    command: 'kubectl sveltos bundles -A',
    needs: ['controller'],
    expect: contains('cluster01', 'tetragon-rke2-deploy'),
  },
  {
    title: 'The agent comes back',
    command:
      'kubectl --kubeconfig=cluster01.kubeconfig scale deployment sveltos-applier-manager -n projectsveltos --replicas=1',
    needs: ['agent'],
    expect: contains('deployment.apps/sveltos-applier-manager scaled'),
  },
  {
    title: 'The agent applied Tetragon inside cluster01',
    command: 'kubectl --kubeconfig=cluster01.kubeconfig get daemonset -n kube-system',
    needs: ['controller', 'agent'],
    expect: contains(/^tetragon\s/m),
    waitMs: WAIT,
  },
  {
    title: 'Bundles are cleaned up once provisioned',
    command: 'kubectl get configurationbundle -A',
    needs: ['controller', 'agent'],
    expect: lacksAny('rke2'),
    waitMs: WAIT,
  },
  {
    title: 'Where everything stands',
    command: 'kubectl get clusterprofile,clustersummary -A',
    needs: ['controller'],
    expect: contains(
      'deploy-kyverno-sveltos-cluster01',
      'deploy-kyverno-sveltos-cluster02',
      'tetragon-rke2-deploy-sveltos-cluster01',
    ),
  },
  {
    title: 'Withdrawal: remove the label, and Tetragon leaves cluster01',
    command: 'kubectl label sveltosclusters cluster01 -n rke2 req-',
    expect: contains('sveltoscluster.lib.projectsveltos.io/cluster01 unlabeled'),
  },
  {
    title: 'Tetragon is gone from cluster01',
    command: 'kubectl --kubeconfig=cluster01.kubeconfig get daemonset -n kube-system',
    needs: ['controller', 'agent'],
    expect: lacksAny('tetragon'),
    waitMs: WAIT,
  },
  {
    title: 'Withdrawal: delete the Kyverno profile',
    command: 'kubectl delete clusterprofile deploy-kyverno',
    expect: contains('clusterprofile.config.projectsveltos.io "deploy-kyverno" deleted'),
  },
  {
    title: 'The release is uninstalled from cluster02',
    command: 'helm --kubeconfig=cluster02.kubeconfig list -A',
    needs: ['controller'],
    expect: lacksAny('kyverno-latest'),
    waitMs: WAIT,
  },
  {
    title: 'And its objects are removed from cluster01',
    command: 'kubectl --kubeconfig=cluster01.kubeconfig get deployments -n kyverno',
    needs: ['controller', 'agent'],
    expect: lacksAny('kyverno-latest'),
    waitMs: WAIT,
  },
  {
    title: 'Only the Tetragon profile is left, matching no cluster',
    command: 'kubectl get clusterprofile,clustersummary -A',
    needs: ['controller'],
    expect: lacksAny('deploy-kyverno', 'clustersummary'),
    waitMs: WAIT,
  },
];
