// Push-mode registration with real kubectl and the real plugin process: the seed blog post's
// AKS step, `generate kubeconfig`, `--fleet-cluster-context`, kubectl-style kubeconfig merging,
// `version`, and deregister leaving nothing behind.
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/kubectl.js';
import type { RegisterLab } from './register-harness.js';
import { startRegisterLab, suffix } from './register-harness.js';

let lab: RegisterLab;
beforeAll(async () => {
  lab = await startRegisterLab();
});
afterAll(async () => {
  await lab?.stop();
});

/** The kubeconfig stored in `<cluster>-sveltos-kubeconfig`, decoded and written to a file. */
async function storedKubeconfig(ns: string, cluster: string): Promise<string> {
  const res = await lab.kubectl([
    'get',
    'secret',
    `${cluster}-sveltos-kubeconfig`,
    '-n',
    ns,
    '-o',
    'jsonpath={.data.kubeconfig}',
  ]);
  expect(res.code).toBe(0);
  return lab.writeFile(`${ns}-${cluster}.stored`, Buffer.from(res.stdout, 'base64').toString());
}

describe('register cluster in push mode', () => {
  it('registers aks/cluster02 with the managed kubeconfig: Secret with key kubeconfig and the labelled SveltosCluster', async () => {
    const aks = await lab.addCluster('aks');
    const reg = await lab.kubectl([
      'sveltos',
      'register',
      'cluster',
      '--namespace=aks',
      '--cluster=cluster02',
      `--kubeconfig=${lab.kubeconfigOf(aks.name)}`,
      '--labels=env=test',
    ]);
    expect(reg.code).toBe(0);
    expect(reg.stdout).toBe('');
    expect(reg.stderr).toBe(
      'namespace/aks created\nsecret/cluster02-sveltos-kubeconfig created\nsveltoscluster.lib.projectsveltos.io/cluster02 created\n',
    );
    const labels = await lab.kubectl(['get', 'sveltosclusters', '-A', '--show-labels']);
    expect(labels.stdout).toMatch(/^aks\s+cluster02\s.*env=test/m);

    const stored = await storedKubeconfig('aks', 'cluster02');
    const viaStored = await lab.kubectl(['get', 'namespace', 'kube-system', '-o', 'name'], {
      kubeconfig: stored,
    });
    expect(viaStored.stdout).toBe('namespace/kube-system\n');
  });

  it('-o yaml prints the SveltosCluster as stored, without managedFields or credentials', async () => {
    const ns = `y-${suffix()}`;
    const reg = await lab.plugin([
      'register',
      'cluster',
      `--namespace=${ns}`,
      '--cluster=c1',
      `--kubeconfig=${lab.kubeconfigOf('mgmt')}`,
      '-o',
      'yaml',
    ]);
    expect(reg.code).toBe(0);
    const obj = load(reg.stdout.replace(/^---\n/, '')) as {
      kind: string;
      metadata: Record<string, unknown>;
    };
    expect(obj.kind).toBe('SveltosCluster');
    expect(obj.metadata).not.toHaveProperty('managedFields');
    expect(reg.stdout).not.toContain('token');
  });

  it('generate kubeconfig prints a working kubeconfig with a TokenRequest token, or a long-lived one with --create', async () => {
    const dev = await lab.addCluster(`dev-${suffix()}`);
    const expiring = await lab.plugin(['generate', 'kubeconfig', '--expiration-seconds=3600'], {
      kubeconfig: lab.kubeconfigOf(dev.name),
    });
    expect(expiring.code).toBe(0);
    expect(expiring.stderr).toContain('serviceaccount/projectsveltos created');
    expect(expiring.stderr).toMatch(
      /Token for serviceaccount projectsveltos\/projectsveltos expires at /,
    );
    const file = lab.writeFile(`${dev.name}-sveltos.kubeconfig`, expiring.stdout);
    const canI = await lab.kubectl(['auth', 'can-i', 'create', 'deployments', '-A'], {
      kubeconfig: file,
    });
    expect(canI.stdout.trim()).toBe('yes');

    const longLived = await lab.plugin(['generate', 'kubeconfig', '--create'], {
      kubeconfig: lab.kubeconfigOf(dev.name),
    });
    expect(longLived.code).toBe(0);
    expect(longLived.stderr).toContain('secret/projectsveltos-token created');
    const file2 = lab.writeFile(`${dev.name}-long.kubeconfig`, longLived.stdout);
    const who = await lab.kubectl(
      ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'],
      { kubeconfig: file2 },
    );
    expect(who.stdout).toBe('system:serviceaccount:projectsveltos:projectsveltos');
  });

  it('--fleet-cluster-context registers another context of the merged kubeconfig', async () => {
    const fleet = await lab.addCluster(`fleet-${suffix()}`);
    const ns = `f-${suffix()}`;
    const merged = `${lab.kubeconfigOf('mgmt')}:${lab.kubeconfigOf(fleet.name)}`;
    const reg = await lab.plugin(
      [
        'register',
        'cluster',
        `--namespace=${ns}`,
        '--cluster=c1',
        `--fleet-cluster-context=${fleet.name}`,
      ],
      { env: { KUBECONFIG: merged } },
    );
    expect(reg.stderr).toContain('sveltoscluster.lib.projectsveltos.io/c1 created');
    expect(reg.code).toBe(0);
    const stored = await storedKubeconfig(ns, 'c1');
    const who = await lab.kubectl(
      ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'],
      { kubeconfig: stored },
    );
    expect(who.stdout).toBe('system:serviceaccount:projectsveltos:projectsveltos');
    const onFleet = await lab.kubectl(
      ['get', 'serviceaccount', 'projectsveltos', '-n', 'projectsveltos', '-o', 'name'],
      {
        kubeconfig: lab.kubeconfigOf(fleet.name),
      },
    );
    expect(onFleet.stdout).toBe('serviceaccount/projectsveltos\n');
  });

  it('finds the management cluster as kubectl does: KUBECONFIG with several files and --context', async () => {
    const other = await lab.addCluster(`other-${suffix()}`);
    const ns = `ctx-${suffix()}`;
    const env = { KUBECONFIG: `${lab.kubeconfigOf(other.name)}:${lab.kubeconfigOf('mgmt')}` };
    const reg = await lab.plugin(
      ['register', 'cluster', `--namespace=${ns}`, '--cluster=c1', '--pullmode', '--context=mgmt'],
      { env },
    );
    expect(reg.code).toBe(0);
    const onMgmt = await lab.kubectl(['get', 'sveltoscluster', 'c1', '-n', ns, '-o', 'name']);
    expect(onMgmt.stdout).toBe('sveltoscluster.lib.projectsveltos.io/c1\n');
  });

  it('deregister removes the SveltosCluster, its Secret and the namespace it created', async () => {
    const ns = `d-${suffix()}`;
    const args = [`--namespace=${ns}`, '--cluster=c1'];
    const reg = await lab.plugin([
      'register',
      'cluster',
      ...args,
      `--kubeconfig=${lab.kubeconfigOf('mgmt')}`,
    ]);
    expect(reg.code).toBe(0);
    const dereg = await lab.plugin(['deregister', 'cluster', ...args]);
    expect(dereg.code).toBe(0);
    expect(dereg.stderr).toBe(
      `sveltoscluster.lib.projectsveltos.io/c1 deleted\nsecret/c1-sveltos-kubeconfig deleted\nnamespace/${ns} deleted\n`,
    );
    await waitFor(
      async () =>
        (await lab.kubectl(['get', 'namespace', ns, '--ignore-not-found', '-o', 'name'])).stdout ===
        '',
      { what: `namespace ${ns} to be gone` },
    );
    expect(
      (await lab.kubectl(['get', 'sveltosclusters,secrets', '-n', ns, '-o', 'name'])).stdout,
    ).toBe('');
  });

  it('deregister keeps a namespace it did not create', async () => {
    const ns = `keep-${suffix()}`;
    expect((await lab.kubectl(['create', 'namespace', ns])).code).toBe(0);
    const args = [`--namespace=${ns}`, '--cluster=c1'];
    expect((await lab.plugin(['register', 'cluster', ...args, '--pullmode'])).code).toBe(0);
    const dereg = await lab.plugin(['deregister', 'cluster', ...args]);
    expect(dereg.stderr).not.toContain(`namespace/${ns} deleted`);
    expect(dereg.stderr).toContain('rerun with --pullmode');
    expect((await lab.kubectl(['get', 'namespace', ns, '-o', 'name'])).stdout).toBe(
      `namespace/${ns}\n`,
    );
  });
});

describe('version', () => {
  it('prints the client version and the management cluster version', async () => {
    const res = await lab.plugin(['version']);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`Client Version: v0.1.0\nServer Version: ${lab.mgmt.version}\n`);
    const json = await lab.plugin(['version', '-o', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      clientVersion: { gitVersion: 'v0.1.0' },
      serverVersion: { gitVersion: lab.mgmt.version },
    });
  });

  it('--client does not contact the cluster', async () => {
    const res = await lab.plugin(['version', '--client'], { env: { KUBECONFIG: '/nonexistent' } });
    expect(res).toEqual({ code: 0, stdout: 'Client Version: v0.1.0\n', stderr: '' });
  });
});
