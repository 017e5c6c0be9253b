// Every way `register cluster` can be refused, run as a real process against the lab: the exact
// `error: …` line on stderr, the exit code (2 usage, 1 failure), no stack trace unless -v, and —
// when a step fails half-way — nothing this run created left behind.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/kubectl.js';
import type { RegisterLab } from './register-harness.js';
import { closedPort, limitedKubeconfig, startRegisterLab, suffix } from './register-harness.js';

let lab: RegisterLab;
beforeAll(async () => {
  lab = await startRegisterLab();
});
afterAll(async () => {
  await lab?.stop();
});

const HINT = "See 'kubectl sveltos register cluster --help' for usage.\n";

function register(ns: string, ...flags: string[]): string[] {
  return ['register', 'cluster', `--namespace=${ns}`, '--cluster=c1', ...flags];
}

describe('usage errors exit 2 with the flag named', () => {
  it.each([
    [
      ['--pullmode', '--labels=env=te st'],
      'Invalid --labels: value "te st" of key "env": a valid label must be',
    ],
    [['--pullmode', '--labels=env'], 'Invalid --labels: "env" is not of the form key=value'],
    [['--pullmode', '--labels=env=a,env=b'], 'Invalid --labels: key "env" is given twice'],
    [
      ['--pullmode', '--labels=sveltos-agent=present'],
      'Invalid --labels: key "sveltos-agent" is reserved',
    ],
    [[], 'One of --kubeconfig, --fleet-cluster-context (push mode) or --pullmode is required'],
    [['--pullmode', '--kubeconfig=x'], 'Flags --kubeconfig and --pullmode cannot be used together'],
    [['--pullmode', '--bogus'], 'Unknown flag: --bogus'],
  ])('register %j', async (flags, message) => {
    const res = await lab.plugin(register('ns1', ...flags));
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.startsWith(`error: ${message}`)).toBe(true);
    expect(res.stderr.endsWith(HINT)).toBe(true);
  });

  it('a missing --cluster is a usage error', async () => {
    const res = await lab.plugin(['register', 'cluster', '--namespace=x', '--pullmode']);
    expect(res).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: Missing required flag --cluster\n${HINT}`,
    });
  });

  it('an unknown command suggests the right one', async () => {
    const res = await lab.plugin(['registr', 'cluster']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `error: Unknown command "registr". Did you mean register?\nSee 'kubectl sveltos --help' for usage.\n`,
    );
  });

  it('--help works on every level and exits 0', async () => {
    for (const args of [
      ['--help'],
      ['register', '--help'],
      ['register', 'cluster', '--help'],
      ['deregister', 'cluster', '--help'],
      ['generate', 'kubeconfig', '--help'],
      ['version', '--help'],
    ]) {
      const res = await lab.plugin(args);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout, args.join(' ')).toContain('kubectl sveltos');
    }
  });
});

describe('failures exit 1 with the cause named', () => {
  it('an unreachable management cluster', async () => {
    const port = await closedPort();
    const text = readFileSync(lab.kubeconfigOf('mgmt'), 'utf8');
    const down = lab.writeFile(
      'down.kubeconfig',
      text.replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${port}`),
    );
    const res = await lab.plugin(register('ns2', '--pullmode'), { kubeconfig: down });
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Unable to connect to the management cluster at https://127.0.0.1:${port}/clusters/mgmt: connection refused\n`,
    });
  });

  it('an unreachable managed cluster is only a warning in push mode', async () => {
    const port = await closedPort();
    const text = readFileSync(lab.kubeconfigOf('mgmt'), 'utf8');
    const down = lab.writeFile(
      'managed-down.kubeconfig',
      text.replace(/https:\/\/127\.0\.0\.1:\d+/, `https://127.0.0.1:${port}`),
    );
    const ns = `warn-${suffix()}`;
    const res = await lab.plugin(register(ns, `--kubeconfig=${down}`));
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(
      `warning: Unable to connect to the managed cluster at https://127.0.0.1:${port}/clusters/mgmt: connection refused; registering it anyway`,
    );
  });

  it('a missing managed kubeconfig file', async () => {
    const res = await lab.plugin(register('ns3', '--kubeconfig=nope.kubeconfig'));
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Managed cluster kubeconfig "${lab.dir}/nope.kubeconfig" does not exist\n`,
    });
  });

  it('a malformed managed kubeconfig names the file', async () => {
    const bad = lab.writeFile('bad.kubeconfig', 'clusters: [\n  - a: : b\n');
    const res = await lab.plugin(register('ns4', `--kubeconfig=${bad}`));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      new RegExp(`^error: Error loading kubeconfig file "${bad}": .+\\n$`),
    );
  });

  it('a missing or malformed management kubeconfig names the file', async () => {
    const missing = await lab.plugin(
      register('ns5', '--pullmode', `--management-kubeconfig=${lab.dir}/none`),
    );
    expect(missing).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Kubeconfig file "${lab.dir}/none" does not exist\n`,
    });
    const bad = lab.writeFile('bad-mgmt.kubeconfig', 'users: 3\n');
    const malformed = await lab.plugin(register('ns5', '--pullmode'), { kubeconfig: bad });
    expect(malformed.stderr).toBe(
      `error: Error loading kubeconfig file "${bad}": users must be a list\n`,
    );
    expect(malformed.code).toBe(1);
  });

  it('an unknown --context', async () => {
    const res = await lab.plugin(register('ns6', '--pullmode', '--context=prod'));
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: Context "prod" does not exist in kubeconfig "${lab.kubeconfigOf('mgmt')}"\n`,
    });
  });

  it('a cluster already registered in the other mode', async () => {
    const ns = `mode-${suffix()}`;
    expect((await lab.plugin(register(ns, '--pullmode'))).code).toBe(0);
    const res = await lab.plugin(register(ns, `--kubeconfig=${lab.kubeconfigOf('mgmt')}`));
    expect(res).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `error: SveltosCluster ${ns}/c1 is already registered in pull mode and cannot switch to push mode; ` +
        `run "kubectl sveltos deregister cluster --namespace=${ns} --cluster=c1" first\n`,
    });
  });

  it('missing permissions name the verb and the resource', async () => {
    const kubeconfig = await limitedKubeconfig(lab, `reader-${suffix()}`, [
      { apiGroups: ['lib.projectsveltos.io'], resources: ['sveltosclusters'], verbs: ['get'] },
    ]);
    const res = await lab.plugin(register('ns7', '--pullmode'), { kubeconfig });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^error: Permission denied: cannot get Namespace "ns7": namespaces "ns7" is forbidden: User "system:serviceaccount:default:reader-\w+" cannot get resource "namespaces"/,
    );
    expect(res.stderr).not.toContain('    at ');
  });

  it('a failure half-way rolls back exactly what this run created', async () => {
    const ns = `rb-${suffix()}`;
    const all = ['get', 'create', 'patch', 'delete'];
    const kubeconfig = await limitedKubeconfig(lab, `partial-${suffix()}`, [
      { apiGroups: [''], resources: ['namespaces', 'serviceaccounts', 'secrets'], verbs: all },
      { apiGroups: ['lib.projectsveltos.io'], resources: ['sveltosclusters'], verbs: ['get'] },
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['get'] },
    ]);
    const res = await lab.plugin(register(ns, '--pullmode'), { kubeconfig });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(
      `error: Permission denied: cannot patch Role "c1" in namespace "${ns}"`,
    );
    expect(res.stderr).toContain('secret/c1 deleted (rollback)');
    expect(res.stderr).toContain('serviceaccount/c1 deleted (rollback)');
    expect(res.stderr).toContain(`namespace/${ns} deleted (rollback)`);
    await waitFor(
      async () =>
        (await lab.kubectl(['get', 'namespace', ns, '--ignore-not-found', '-o', 'name'])).stdout ===
        '',
      { what: `namespace ${ns} to be gone` },
    );
  });

  it('a management cluster without the Sveltos CRDs', async () => {
    const bare = await lab.addCluster(`bare-${suffix()}`);
    const res = await lab.plugin(register('ns8', '--pullmode'), {
      kubeconfig: lab.kubeconfigOf(bare.name),
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `error: The management cluster at ${bare.baseUrl} does not serve kind SveltosCluster; are its CustomResourceDefinitions installed?\n`,
    );
  });

  it('-v adds the stack trace', async () => {
    const res = await lab.plugin([...register('ns9', '--pullmode', '--context=prod'), '-v']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^error: Context "prod" does not exist[^\n]*\nKubeconfigError: [^\n]*\n\s+at /,
    );
  });
});
