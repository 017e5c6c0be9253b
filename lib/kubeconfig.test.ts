import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KubeconfigError,
  buildTokenKubeconfig,
  kubeconfigPaths,
  kubeconfigToYaml,
  loadKubeconfig,
  parseKubeconfig,
} from './kubeconfig.js';

function kubeconfigText(opts: {
  current?: string;
  contexts: Array<[name: string, cluster: string, user: string]>;
  clusters: Array<[name: string, server: string]>;
  users?: string[];
}): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  if (opts.current) lines.push(`current-context: ${opts.current}`);
  lines.push('clusters:');
  for (const [name, server] of opts.clusters) {
    lines.push(`- name: ${name}`, '  cluster:', `    server: ${server}`);
  }
  lines.push('contexts:');
  for (const [name, cluster, user] of opts.contexts) {
    lines.push(`- name: ${name}`, '  context:', `    cluster: ${cluster}`, `    user: ${user}`);
  }
  lines.push('users:');
  for (const user of opts.users ?? []) {
    lines.push(`- name: ${user}`, '  user:', `    token: token-of-${user}`);
  }
  return lines.join('\n') + '\n';
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const a = (): string =>
  write(
    'a.yaml',
    kubeconfigText({
      current: 'mgmt',
      contexts: [['mgmt', 'mgmt', 'admin']],
      clusters: [['mgmt', 'https://a.example:6443/']],
      users: ['admin'],
    }),
  );
const b = (): string =>
  write(
    'b.yaml',
    kubeconfigText({
      current: 'other',
      contexts: [
        ['other', 'other', 'bob'],
        ['mgmt', 'other', 'bob'],
      ],
      clusters: [
        ['other', 'https://b.example:6443'],
        ['mgmt', 'https://shadowed.example'],
      ],
      users: ['bob'],
    }),
  );

describe('kubeconfigPaths', () => {
  it('prefers --kubeconfig, then KUBECONFIG (deduplicated), then ~/.kube/config', () => {
    expect(kubeconfigPaths({ kubeconfig: '/x/k', kubeconfigEnv: '/a:/b', homeDir: '/h' })).toEqual([
      '/x/k',
    ]);
    expect(
      kubeconfigPaths({ kubeconfigEnv: ['/a', '', '/b', '/a'].join(delimiter), homeDir: '/h' }),
    ).toEqual(['/a', '/b']);
    expect(kubeconfigPaths({ homeDir: '/h' })).toEqual(['/h/.kube/config']);
  });
});

describe('loadKubeconfig', () => {
  it('merges KUBECONFIG files with the first definition of a name and current-context winning', () => {
    const loaded = loadKubeconfig({ kubeconfigEnv: [a(), b()].join(delimiter), homeDir: dir });
    expect(loaded.contextName).toBe('mgmt');
    expect(loaded.server).toBe('https://a.example:6443');
    expect(loaded.userName).toBe('admin');
    expect(loaded.files).toHaveLength(2);
  });

  it('selects the context named by --context across merged files', () => {
    const loaded = loadKubeconfig({
      kubeconfigEnv: [a(), b()].join(delimiter),
      context: 'other',
      homeDir: dir,
    });
    expect(loaded.server).toBe('https://b.example:6443');
    expect(loaded.doc.users[0]).toEqual({ name: 'bob', user: { token: 'token-of-bob' } });
  });

  it('skips a missing file listed in KUBECONFIG when another exists, as kubectl does', () => {
    const loaded = loadKubeconfig({
      kubeconfigEnv: [join(dir, 'missing'), a()].join(delimiter),
      homeDir: dir,
    });
    expect(loaded.contextName).toBe('mgmt');
  });

  it('names the file when --kubeconfig points to a missing file', () => {
    const file = join(dir, 'nope.yaml');
    expect(() => loadKubeconfig({ kubeconfig: file, homeDir: dir })).toThrow(
      new KubeconfigError('KubeconfigNotFound', `Kubeconfig file "${file}" does not exist`),
    );
  });

  it('names the default file when there is no kubeconfig at all', () => {
    expect(() => loadKubeconfig({ homeDir: dir })).toThrow(
      `"${join(dir, '.kube', 'config')}" does not exist`,
    );
  });

  it('names the file and the YAML problem for a malformed file', () => {
    const file = write('bad.yaml', 'clusters: [\n  - name: x\n  bad: : :\n');
    const err = catchError(() => loadKubeconfig({ kubeconfig: file, homeDir: dir }));
    expect(err.reason).toBe('KubeconfigMalformed');
    expect(err.message).toMatch(new RegExp(`^Error loading kubeconfig file "${file}": `));
  });

  it('refuses a kubeconfig whose clusters is not a list', () => {
    const file = write('shape.yaml', 'clusters: {a: 1}\n');
    expect(() => loadKubeconfig({ kubeconfig: file, homeDir: dir })).toThrow(
      `Error loading kubeconfig file "${file}": clusters must be a list`,
    );
  });

  it('names a context that does not exist', () => {
    const file = a();
    const err = catchError(() =>
      loadKubeconfig({ kubeconfig: file, context: 'prod', homeDir: dir }),
    );
    expect(err.reason).toBe('ContextNotFound');
    expect(err.message).toBe(`Context "prod" does not exist in kubeconfig "${file}"`);
  });

  it('asks for --context when no current-context is set', () => {
    const file = write(
      'nocurrent.yaml',
      kubeconfigText({ contexts: [['c', 'c', 'u']], clusters: [['c', 'https://c']], users: ['u'] }),
    );
    expect(catchError(() => loadKubeconfig({ kubeconfig: file, homeDir: dir })).reason).toBe(
      'NoCurrentContext',
    );
  });

  it('names the cluster a context references when it is missing', () => {
    const file = write(
      'nocluster.yaml',
      kubeconfigText({ current: 'c', contexts: [['c', 'gone', 'u']], clusters: [], users: ['u'] }),
    );
    expect(() => loadKubeconfig({ kubeconfig: file, homeDir: dir })).toThrow(
      `Cluster "gone" (used by context "c") does not exist in kubeconfig "${file}"`,
    );
  });

  it('inlines certificate files given relative to the kubeconfig folder', () => {
    writeFileSync(join(dir, 'ca.pem'), 'PEM-DATA');
    const file = write(
      'rel.yaml',
      'current-context: c\nclusters:\n- name: c\n  cluster:\n    server: https://c\n    certificate-authority: ca.pem\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user: {token: t}\n',
    );
    const loaded = loadKubeconfig({ kubeconfig: file, homeDir: dir });
    expect(loaded.caData).toBe(Buffer.from('PEM-DATA').toString('base64'));
    expect(loaded.doc.clusters[0]?.['cluster']).not.toHaveProperty('certificate-authority');
  });

  it('an empty kubeconfig file has no context to select', () => {
    const file = write('empty.yaml', '');
    expect(catchError(() => loadKubeconfig({ kubeconfig: file, homeDir: dir })).reason).toBe(
      'NoCurrentContext',
    );
  });
});

describe('parseKubeconfig and buildTokenKubeconfig', () => {
  it('round-trips a token kubeconfig through YAML', () => {
    const doc = buildTokenKubeconfig({
      server: 'https://mgmt:6443',
      token: 'abc',
      caData: 'Q0E=',
      clusterName: 'mgmt',
      userName: 'agent',
      contextName: 'ctx',
      namespace: 'rke2',
    });
    const yaml = kubeconfigToYaml(doc);
    expect(load(yaml)).toMatchObject({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'ctx',
    });
    const parsed = parseKubeconfig(yaml, '/virtual/kubeconfig');
    expect(parsed).toMatchObject({
      server: 'https://mgmt:6443',
      caData: 'Q0E=',
      namespace: 'rke2',
      userName: 'agent',
    });
  });
});

function catchError(fn: () => unknown): KubeconfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof KubeconfigError) return err;
    throw err;
  }
  throw new Error('expected a KubeconfigError');
}
