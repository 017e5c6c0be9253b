// The seed blog post's pull-mode flow with real kubectl and the real plugin process:
// register on mgmt, apply the printed YAML on a managed lab cluster, prove the agent's rights
// with `kubectl auth can-i`, re-run idempotently, then deregister without leftovers.
import { load, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterLab } from './register-harness.js';
import { waitFor } from '../support/kubectl.js';
import { startRegisterLab, suffix } from './register-harness.js';

const SEED_APPLY_LINES = (cluster: string): string =>
  [
    'namespace/projectsveltos created',
    'serviceaccount/sveltos-applier-manager created',
    'clusterrole.rbac.authorization.k8s.io/sveltos-applier-manager-role created',
    'clusterrolebinding.rbac.authorization.k8s.io/sveltos-applier-manager-rolebinding created',
    'service/sveltos-applier-metrics-service created',
    'deployment.apps/sveltos-applier-manager created',
    `secret/${cluster}-sveltos-kubeconfig created`,
    '',
  ].join('\n');

let lab: RegisterLab;
beforeAll(async () => {
  lab = await startRegisterLab();
});
afterAll(async () => {
  await lab?.stop();
});

/** The management kubeconfig the agent got, read back from the printed YAML. */
function agentKubeconfig(yaml: string, cluster: string): string {
  const docs = loadAll(yaml) as Array<{
    kind: string;
    metadata: { name: string };
    data?: Record<string, string>;
  }>;
  const secret = docs.find(
    (d) => d.kind === 'Secret' && d.metadata.name === `${cluster}-sveltos-kubeconfig`,
  );
  return Buffer.from(secret?.data?.['kubeconfig'] ?? '', 'base64').toString();
}

describe('register cluster --pullmode (seed blog post)', () => {
  it('registers rke2/cluster01, and kubectl apply of the printed YAML prints exactly the seven created lines', async () => {
    const managed = await lab.addCluster('cluster01');
    const reg = await lab.kubectl([
      'sveltos',
      'register',
      'cluster',
      '--namespace=rke2',
      '--cluster=cluster01',
      '--pullmode',
      '--labels=env=test',
    ]);
    expect(reg.stderr).toContain('sveltoscluster.lib.projectsveltos.io/cluster01 created');
    expect(reg.code).toBe(0);
    const tokenLine = /token: (\S+)/.exec(agentKubeconfig(reg.stdout, 'cluster01'))?.[1];
    expect(tokenLine).toBeTruthy();
    expect(reg.stderr).not.toContain(tokenLine);

    const clusters = await lab.kubectl(['get', 'sveltosclusters', '-A']);
    expect(clusters.stdout).toMatch(/^rke2\s+cluster01\s/m);
    const stored = await lab.kubectl([
      'get',
      'sveltoscluster',
      'cluster01',
      '-n',
      'rke2',
      '-o',
      'json',
    ]);
    expect(JSON.parse(stored.stdout)).toMatchObject({
      metadata: { labels: { env: 'test' } },
      spec: { pullMode: true },
    });

    lab.writeFile('rke2_reg.yaml', reg.stdout);
    const apply = await lab.kubectl(['apply', '-f', 'rke2_reg.yaml'], {
      kubeconfig: lab.kubeconfigOf(managed.name),
    });
    expect(apply.stderr).toBe('');
    expect(apply.stdout).toBe(SEED_APPLY_LINES('cluster01'));
  });

  it("the printed kubeconfig's token can watch its bundles, and nothing in another cluster's namespace nor Secrets", async () => {
    const ns = `rke2-${suffix()}`;
    const other = `other-${suffix()}`;
    const reg = await lab.plugin([
      'register',
      'cluster',
      `--namespace=${ns}`,
      '--cluster=c1',
      '--pullmode',
    ]);
    expect(reg.code).toBe(0);
    expect(
      (
        await lab.plugin([
          'register',
          'cluster',
          `--namespace=${other}`,
          '--cluster=c2',
          '--pullmode',
        ])
      ).code,
    ).toBe(0);
    const agent = lab.writeFile(`${ns}-agent.kubeconfig`, agentKubeconfig(reg.stdout, 'c1'));
    expect(load(agentKubeconfig(reg.stdout, 'c1'))).toMatchObject({
      clusters: [{ cluster: { server: lab.mgmt.baseUrl } }],
    });

    const canI = async (...args: string[]): Promise<string> =>
      (await lab.kubectl(['auth', 'can-i', ...args], { kubeconfig: agent })).stdout.trim();
    expect(await canI('watch', 'configurationbundles', '-n', ns)).toBe('yes');
    expect(await canI('list', 'configurationgroups', '-n', ns)).toBe('yes');
    expect(await canI('patch', 'configurationgroups', '--subresource=status', '-n', ns)).toBe(
      'yes',
    );
    expect(await canI('update', 'sveltosclusters/c1', '--subresource=status', '-n', ns)).toBe(
      'yes',
    );
    expect(await canI('update', 'sveltosclusters/c2', '-n', ns)).toBe('no');
    expect(await canI('create', 'configurationbundles', '-n', ns)).toBe('no');
    expect(await canI('get', 'secrets', '-n', ns)).toBe('no');
    expect(await canI('get', 'secrets', '-A')).toBe('no');
    expect(await canI('watch', 'configurationbundles', '-n', other)).toBe('no');
    expect(await canI('get', 'sveltosclusters/c2', '-n', other)).toBe('no');
    expect(await canI('*', '*', '-n', other)).toBe('no');
  });

  it('re-running is idempotent: same token, everything unchanged, labels updated', async () => {
    const ns = `idem-${suffix()}`;
    const args = ['register', 'cluster', `--namespace=${ns}`, '--cluster=c1', '--pullmode'];
    const first = await lab.plugin([...args, '--labels=env=test']);
    const second = await lab.plugin([...args, '--labels=env=test']);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).not.toContain('created');
    expect(second.stderr).toContain(`sveltoscluster.lib.projectsveltos.io/c1 unchanged`);

    const third = await lab.plugin([...args, '--labels=env=prod,req=tetragon']);
    expect(third.stderr).toContain('sveltoscluster.lib.projectsveltos.io/c1 configured');
    const labels = await lab.kubectl([
      'get',
      'sveltoscluster',
      'c1',
      '-n',
      ns,
      '-o',
      'jsonpath={.metadata.labels}',
    ]);
    expect(JSON.parse(labels.stdout)).toMatchObject({ env: 'prod', req: 'tetragon' });
  });

  it('--management-url and --agent-image end up in the printed YAML', async () => {
    const ns = `url-${suffix()}`;
    const reg = await lab.plugin([
      'register',
      'cluster',
      `--namespace=${ns}`,
      '--cluster=c1',
      '--pullmode',
      '--management-url=https://mgmt.example.com:6443',
      '--agent-image=registry.local/sveltos-agent:dev',
      '-o',
      'json',
    ]);
    expect(reg.code).toBe(0);
    const list = JSON.parse(reg.stdout) as { kind: string; items: Array<Record<string, unknown>> };
    expect(list.kind).toBe('List');
    expect(JSON.stringify(list.items[5])).toContain('registry.local/sveltos-agent:dev');
    const secret = list.items[6] as { data: { kubeconfig: string } };
    expect(Buffer.from(secret.data.kubeconfig, 'base64').toString()).toContain(
      'server: https://mgmt.example.com:6443',
    );
  });

  it('deregister --pullmode removes every management object and prints what to delete on the managed cluster', async () => {
    const ns = `dereg-${suffix()}`;
    const managed = await lab.addCluster(`m-${suffix()}`);
    const reg = await lab.plugin([
      'register',
      'cluster',
      `--namespace=${ns}`,
      '--cluster=c1',
      '--pullmode',
    ]);
    const applied = await lab.kubectl(['apply', '-f', '-'], {
      kubeconfig: lab.kubeconfigOf(managed.name),
      input: reg.stdout,
    });
    expect(applied.code).toBe(0);

    const dereg = await lab.plugin([
      'deregister',
      'cluster',
      `--namespace=${ns}`,
      '--cluster=c1',
      '--pullmode',
    ]);
    expect(dereg.code).toBe(0);
    expect(dereg.stderr).toContain('sveltoscluster.lib.projectsveltos.io/c1 deleted');
    expect(dereg.stderr).toContain(`namespace/${ns} deleted`);
    await waitFor(
      async () =>
        (await lab.kubectl(['get', 'namespace', ns, '--ignore-not-found', '-o', 'name'])).stdout ===
        '',
      { what: `namespace ${ns} to be gone` },
    );
    for (const kind of ['sveltosclusters', 'serviceaccounts', 'secrets', 'roles', 'rolebindings']) {
      const left = await lab.kubectl(['get', kind, '-n', ns, '-o', 'name']);
      expect(left.stdout, kind).toBe('');
    }

    const cleanup = await lab.kubectl(['delete', '--ignore-not-found', '--wait=false', '-f', '-'], {
      kubeconfig: lab.kubeconfigOf(managed.name),
      input: dereg.stdout,
    });
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toContain('deployment.apps "sveltos-applier-manager" deleted');

    const again = await lab.plugin(['deregister', 'cluster', `--namespace=${ns}`, '--cluster=c1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `error: SveltosCluster "c1" not found in namespace "${ns}": nothing to deregister\n`,
    );
  });
});
