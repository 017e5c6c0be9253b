// Entry point of `sveltos-lab`: the lab API server, the lab environment and the demo.
// Sub-commands land with their issues; until then each says plainly that it is not built.
const seedSteps = [
  'start the lab: management cluster mgmt, managed clusters cluster01 (pull) and cluster02 (push)',
  'kubectl sveltos register cluster --namespace=rke2 --cluster=cluster01 --pullmode --labels=env=test',
  'kubectl apply -f rke2_reg.yaml on cluster01 (the pull agent starts)',
  'kubectl sveltos register cluster --namespace=aks --cluster=cluster02 --kubeconfig=… --labels=env=test',
  'kubectl apply -f deploy-kyverno.yaml and tetragon-rke2-deploy.yaml',
  'kubectl label sveltosclusters cluster01 -n rke2 req=tetragon',
  'kubectl get configurationbundle -A, then kubectl get clusterprofile,clustersummary -A',
];

function runDemo(): number {
  process.stdout.write('sveltos-ts demo: the seed blog post on lab clusters\n\n');
  for (const step of seedSteps) process.stdout.write(`  [not built yet] ${step}\n`);
  process.stdout.write(
    '\nNo step is built yet: the lab API server lands first (issues 4 and 5).\n',
  );
  return 0;
}

const [command] = process.argv.slice(2);
if (command === 'demo') {
  process.exitCode = runDemo();
} else if (command === 'apiserver') {
  const { runApiserverCommand } = await import('./apiserver-command.js');
  process.exitCode = await runApiserverCommand(process.argv.slice(3));
} else {
  process.stderr.write(
    `sveltos-lab: "${command ?? ''}" is not implemented yet (see issues 4 and 5)\n`,
  );
  process.exitCode = 1;
}
