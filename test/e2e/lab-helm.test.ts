// Real helm 4 against a lab cluster: install (server-side apply, protobuf release Secrets),
// list, upgrade (revision bump), --wait on the watch-list bookmark, and uninstall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labControllers } from '../../lab/controllers/index.js';
import { helm, kubectl } from '../support/kubectl.js';
import type { RunResult } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let kubeconfig: string;

async function run(tool: typeof helm, args: string[]): Promise<string> {
  const r: RunResult = await tool(args, { kubeconfig, cwd: lab.dir });
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  lab = await startTestLab({
    clusters: ['apps'],
    onCluster: (c) => c.use({ controllers: labControllers() }),
  });
  kubeconfig = lab.kubeconfig('apps');
  await run(helm, ['create', 'demo']);
  await run(kubectl, ['create', 'namespace', 'web']);
});
afterAll(async () => lab.stop());

describe('helm', () => {
  it('installs a chart made with helm create and lists the release', async () => {
    const out = await run(helm, ['upgrade', '--install', 'demo', './demo', '-n', 'web']);
    expect(out).toContain('STATUS: deployed');
    expect(out).toContain('REVISION: 1');
    const list = await run(helm, ['list', '-A']);
    expect(list).toMatch(/^demo\s+web\s+1\s+.*deployed\s+demo-0\.1\.0/m);
    const objects = await run(kubectl, [
      'get',
      'deployment,service,serviceaccount',
      '-n',
      'web',
      '-o',
      'name',
    ]);
    const demo = objects.split('\n').filter((l) => l.endsWith('/demo'));
    expect(demo.sort()).toEqual(['deployment.apps/demo', 'service/demo', 'serviceaccount/demo']);
  });

  // A lab cluster has no nodes, so only a Deployment scaled to 0 can become ready for --wait
  // (helm's kstatus watcher uses watch-list and needs the initial-events-end bookmark).
  it('upgrades with --wait and bumps the revision', async () => {
    const out = await run(helm, [
      'upgrade',
      '--install',
      'demo',
      './demo',
      '-n',
      'web',
      '--set',
      'replicaCount=0',
      '--wait',
      '--timeout',
      '40s',
    ]);
    expect(out).toContain('REVISION: 2');
    expect(await run(helm, ['list', '-n', 'web'])).toMatch(/^demo\s+web\s+2\s+/m);
    expect(
      await run(kubectl, [
        'get',
        'deployment',
        'demo',
        '-n',
        'web',
        '-o',
        'jsonpath={.spec.replicas}',
      ]),
    ).toBe('0');
    const history = await run(helm, ['history', 'demo', '-n', 'web']);
    expect(history).toMatch(/^1\s+.*superseded/m);
    expect(history).toMatch(/^2\s+.*deployed/m);
  });

  it('uninstalls and removes the objects and release secrets', async () => {
    expect(await run(helm, ['uninstall', 'demo', '-n', 'web'])).toContain(
      'release "demo" uninstalled',
    );
    const left = await run(kubectl, [
      'get',
      'deployment,service,serviceaccount,secret',
      '-n',
      'web',
      '-o',
      'name',
    ]);
    expect(left.split('\n').filter((l) => /demo/.test(l))).toEqual([]);
    expect(await run(helm, ['list', '-A'])).not.toMatch(/^demo\s/m);
  });
});
