import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'kubectl-sveltos');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input });

describe('kubectl sveltos validate', () => {
  it('accepts the seed profiles and exits 0', () => {
    const res = run([
      'validate',
      '-f',
      'test/fixtures/seed/deploy-kyverno.yaml',
      '-f',
      'test/fixtures/seed/tetragon-rke2-deploy.yaml',
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('clusterprofile/deploy-kyverno valid');
    expect(res.stdout).toContain('clusterprofile/tetragon-rke2-deploy valid');
  });

  it('lists every problem of every invalid document with its field path and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: config.projectsveltos.io/v1beta1',
        'kind: ClusterProfile',
        'metadata: { name: bad }',
        'spec:',
        '  clusterSelector: { matchLabels: { env: test } }',
        '  helmCharts:',
        '  - { repositoryURL: "https://kyverno.github.io/kyverno/", repositoryName: kyverno, chartName: kyverno/kyverno, chartVersion: v3.x, releaseName: Kyverno_Latest, releaseNamespace: kyverno, helmChartAction: Install }',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: other }',
      ].join('\n'),
    );
    const res = run(['validate', '-f', file]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('clusterprofile/bad invalid');
    expect(res.stdout).toContain('spec.helmCharts[0].chartVersion: "v3.x"');
    expect(res.stdout).toContain('spec.helmCharts[0].releaseName: "Kyverno_Latest"');
    expect(res.stdout).toContain('configmap/other skipped');
    expect(res.stderr).toContain('error: 1 invalid object(s): clusterprofile/bad');
  });

  it('reads stdin through /dev/stdin and prints JSON with -o json', () => {
    const res = run(
      ['validate', '-f', '/dev/stdin', '-o', 'json'],
      'apiVersion: config.projectsveltos.io/v1beta1\nkind: ClusterProfile\nmetadata: {name: x}\nspec: {syncMode: Sometimes}\n',
    );
    expect(res.status).toBe(1);
    const parsed = JSON.parse(res.stdout) as { files: { results: { status: string }[] }[] };
    expect(parsed.files[0].results[0].status).toBe('invalid');
  });

  it('is a usage error without -f, and names an unreadable file', () => {
    expect(run(['validate']).status).toBe(2);
    const res = run(['validate', '-f', '/nonexistent.yaml']);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('cannot read /nonexistent.yaml');
  });
});
