// Garbage collection and namespace deletion in a lab cluster, driven by real kubectl:
// `kubectl delete --cascade=background|foreground|orphan`, dangling owners, namespace content.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labControllers } from '../../lab/controllers/index.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab, type TestLab } from '../support/lab.js';

let lab: TestLab;
let kubeconfig: string;

beforeAll(async () => {
  lab = await startTestLab({
    clusters: ['gc'],
    onCluster: (c) => c.use({ controllers: labControllers() }),
  });
  kubeconfig = lab.kubeconfig('gc');
});

afterAll(async () => {
  await lab?.stop();
});

async function k(...args: string[]): Promise<string> {
  const r = await kubectl(args, { kubeconfig });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function apply(yaml: string): Promise<void> {
  const r = await kubectl(['apply', '-f', '-'], { kubeconfig, stdin: yaml });
  if (r.code !== 0) throw new Error(`kubectl apply failed: ${r.stderr}`);
}

async function exists(ns: string, kind: string, name: string): Promise<boolean> {
  const r = await kubectl(['get', kind, name, '-n', ns, '-o', 'name'], { kubeconfig });
  if (r.code === 0) return true;
  if (r.stderr.includes('NotFound')) return false;
  throw new Error(r.stderr);
}

async function freshNamespace(): Promise<string> {
  const ns = `gc-${randomBytes(3).toString('hex')}`;
  await k('create', 'namespace', ns);
  return ns;
}

/** Creates ConfigMap `owner` and returns its uid. */
async function createOwner(ns: string): Promise<string> {
  await k('create', 'configmap', 'owner', '-n', ns);
  return k('get', 'configmap', 'owner', '-n', ns, '-o', 'jsonpath={.metadata.uid}');
}

function dependent(ns: string, name: string, ownerUid: string, extra = ''): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}
${extra}  ownerReferences:
    - apiVersion: v1
      kind: ConfigMap
      name: owner
      uid: ${ownerUid}
      blockOwnerDeletion: true
`;
}

describe('garbage collector', () => {
  it('deletes dependents after their owner is deleted with the default background cascade', async () => {
    const ns = await freshNamespace();
    const uid = await createOwner(ns);
    await apply(dependent(ns, 'child', uid));
    await k('delete', 'configmap', 'owner', '-n', ns);
    await waitFor(async () => !(await exists(ns, 'configmap', 'child')), {
      what: 'child collected',
    });
    expect(await exists(ns, 'configmap', 'owner')).toBe(false);
  });

  it('keeps a foreground-deleted owner until its blocking dependents are gone', async () => {
    const ns = await freshNamespace();
    const uid = await createOwner(ns);
    await apply(dependent(ns, 'held', uid, '  finalizers: ["example.com/hold"]\n'));
    await k('delete', 'configmap', 'owner', '-n', ns, '--cascade=foreground', '--wait=false');
    const owner = await waitFor(async () => {
      const out = await k('get', 'configmap', 'owner', '-n', ns, '-o', 'json');
      const obj = JSON.parse(out) as {
        metadata: { finalizers?: string[]; deletionTimestamp?: string };
      };
      return obj.metadata.deletionTimestamp ? obj : undefined;
    });
    expect(owner.metadata.finalizers).toContain('foregroundDeletion');
    const held = await waitFor(
      async () => {
        const ts = await k(
          'get',
          'configmap',
          'held',
          '-n',
          ns,
          '-o',
          'jsonpath={.metadata.deletionTimestamp}',
        );
        return ts || undefined;
      },
      { what: 'dependent marked for deletion' },
    );
    expect(held).not.toBe('');
    expect(await exists(ns, 'configmap', 'owner')).toBe(true);
    await k(
      'patch',
      'configmap',
      'held',
      '-n',
      ns,
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    );
    await waitFor(async () => !(await exists(ns, 'configmap', 'owner')), { what: 'owner removed' });
    expect(await exists(ns, 'configmap', 'held')).toBe(false);
  });

  it('orphans dependents with --cascade=orphan: they stay without the owner reference', async () => {
    const ns = await freshNamespace();
    const uid = await createOwner(ns);
    await apply(dependent(ns, 'orphaned', uid));
    await k('delete', 'configmap', 'owner', '-n', ns, '--cascade=orphan');
    await waitFor(async () => !(await exists(ns, 'configmap', 'owner')), { what: 'owner removed' });
    const refs = await k(
      'get',
      'configmap',
      'orphaned',
      '-n',
      ns,
      '-o',
      'jsonpath={.metadata.ownerReferences}',
    );
    expect(refs).toBe('');
  });

  it('collects an object whose owner never existed', async () => {
    const ns = await freshNamespace();
    await apply(dependent(ns, 'dangling', '00000000-0000-0000-0000-000000000000'));
    await waitFor(async () => !(await exists(ns, 'configmap', 'dangling')), {
      what: 'dangling collected',
    });
  });

  it('keeps a dependent that still has another owner and drops only the dangling reference', async () => {
    const ns = await freshNamespace();
    const uid = await createOwner(ns);
    await k('create', 'configmap', 'second', '-n', ns);
    const second = await k(
      'get',
      'configmap',
      'second',
      '-n',
      ns,
      '-o',
      'jsonpath={.metadata.uid}',
    );
    const yaml = dependent(ns, 'shared', uid).replace(
      '  ownerReferences:\n',
      `  ownerReferences:\n    - apiVersion: v1\n      kind: ConfigMap\n      name: second\n      uid: ${second}\n`,
    );
    await apply(yaml);
    await k('delete', 'configmap', 'owner', '-n', ns);
    const names = await waitFor(
      async () => {
        const out = await k(
          'get',
          'configmap',
          'shared',
          '-n',
          ns,
          '-o',
          'jsonpath={.metadata.ownerReferences[*].name}',
        );
        return out === 'second' ? out : undefined;
      },
      { what: 'dangling reference dropped' },
    );
    expect(names).toBe('second');
  });
});

describe('namespace deletion', () => {
  it('deletes every object in a deleted namespace, then the namespace', async () => {
    const ns = await freshNamespace();
    await k('create', 'configmap', 'a', '-n', ns);
    await k('create', 'secret', 'generic', 's', '-n', ns, '--from-literal=k=v');
    await k('create', 'deployment', 'web', '-n', ns, '--image=example.com/web:1');
    await k('delete', 'namespace', ns, '--timeout=30s');
    const r = await kubectl(['get', 'namespace', ns], { kubeconfig });
    expect(r.stderr).toContain(`namespaces "${ns}" not found`);
    const leftovers = await k(
      'get',
      'configmaps,secrets,deployments,replicasets,pods',
      '-A',
      '-o',
      'name',
      '--field-selector',
      `metadata.namespace=${ns}`,
    );
    expect(leftovers.trim()).toBe('');
  });

  it('stays Terminating and says why while content with a finalizer remains', async () => {
    const ns = await freshNamespace();
    await apply(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sticky\n  namespace: ${ns}\n  finalizers: ["example.com/hold"]\n`,
    );
    await k('delete', 'namespace', ns, '--wait=false');
    const message = await waitFor(
      async () => {
        const out = await k(
          'get',
          'namespace',
          ns,
          '-o',
          'jsonpath={.status.conditions[?(@.type=="NamespaceFinalizersRemaining")].message}',
        );
        return out || undefined;
      },
      { what: 'finalizer condition' },
    );
    expect(message).toBe(
      'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    );
    expect(await k('get', 'namespace', ns, '-o', 'jsonpath={.status.phase}')).toBe('Terminating');
    const refused = await kubectl(['create', 'configmap', 'late', '-n', ns], { kubeconfig });
    expect(refused.stderr).toContain(`because it is being terminated`);
    await k(
      'patch',
      'configmap',
      'sticky',
      '-n',
      ns,
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    );
    await waitFor(
      async () => {
        const r = await kubectl(['get', 'namespace', ns], { kubeconfig });
        return r.code !== 0 && r.stderr.includes('not found');
      },
      { what: 'namespace removed' },
    );
  });
});

describe('default objects', () => {
  it('gives every namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap, and restores them', async () => {
    const ns = await freshNamespace();
    await waitFor(
      async () =>
        (await exists(ns, 'serviceaccount', 'default')) &&
        (await exists(ns, 'configmap', 'kube-root-ca.crt')),
      { what: 'defaults' },
    );
    const ca = await k(
      'get',
      'configmap',
      'kube-root-ca.crt',
      '-n',
      ns,
      '-o',
      'jsonpath={.data.ca\\.crt}',
    );
    expect(ca).toBe(lab.cluster('gc').caPem);
    await k('delete', 'serviceaccount', 'default', '-n', ns);
    await waitFor(() => exists(ns, 'serviceaccount', 'default'), {
      what: 'default ServiceAccount re-created',
    });
    const namespaces = await k('get', 'namespaces', '-o', 'name');
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(namespaces).toContain(`namespace/${name}`);
    }
  });
});
