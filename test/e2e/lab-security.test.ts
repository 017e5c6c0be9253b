// Identities and RBAC of the lab API server driven by real kubectl: ServiceAccount tokens from
// TokenRequest and from token Secrets, kube's exact 401/403 wording, `auth can-i` (SSAR and
// SSRR), ClusterRole aggregation, token expiry with an injected clock, TokenReview.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { installSecurity } from '../../lab/security/index.js';
import type { SecurityHandle } from '../../lab/security/index.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let cluster: LabCluster;
let security: SecurityHandle;
let admin: string;
let clock = Date.now();

/** A kubeconfig for the same cluster with another bearer token. */
function kubeconfigWithToken(name: string, token: string): string {
  const kc = load(cluster.kubeconfig()) as { users: { user: { token: string } }[] };
  kc.users[0].user.token = token;
  const path = join(lab.dir, `${name}.kubeconfig`);
  writeFileSync(path, dump(kc), { mode: 0o600 });
  return path;
}

async function ok(args: string[], kubeconfig = admin, stdin?: string): Promise<string> {
  const r = await kubectl(args, { kubeconfig, stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['sec'] });
  cluster = lab.cluster('sec');
  admin = lab.kubeconfig('sec');
  security = installSecurity(cluster, { now: () => clock });
  await security.ready;
  await ok(['create', 'namespace', 'app']);
  await ok(['create', 'namespace', 'other']);
  await ok(['create', 'serviceaccount', 'reader', '-n', 'app']);
  await ok([
    'create',
    'role',
    'cm-reader',
    '--verb=get,list,watch',
    '--resource=configmaps',
    '-n',
    'app',
  ]);
  await ok([
    'create',
    'rolebinding',
    'cm-reader',
    '--role=cm-reader',
    '--serviceaccount=app:reader',
    '-n',
    'app',
  ]);
  await ok(['create', 'configmap', 'demo', '--from-literal=a=b', '-n', 'app']);
});

afterAll(async () => {
  await lab?.stop();
});

describe('service account tokens and RBAC', () => {
  let reader: string;

  beforeAll(async () => {
    const token = (await ok(['create', 'token', 'reader', '-n', 'app'])).trim();
    expect(token.split('.')).toHaveLength(3);
    reader = kubeconfigWithToken('reader', token);
  });

  it('lets the Role grant through and refuses other namespaces with kube-apiserver 403 wording', async () => {
    expect(await ok(['get', 'configmaps', '-n', 'app', '-o', 'name'], reader)).toContain(
      'configmap/demo',
    );
    const denied = await kubectl(['get', 'configmaps', '-n', 'other'], { kubeconfig: reader });
    expect(denied.code).toBe(1);
    expect(denied.stderr.trim()).toBe(
      'Error from server (Forbidden): configmaps is forbidden: User "system:serviceaccount:app:reader" cannot list resource "configmaps" in API group "" in the namespace "other"',
    );
    const named = await kubectl(['delete', 'configmap', 'demo', '-n', 'app'], {
      kubeconfig: reader,
    });
    expect(named.stderr).toContain(
      'configmaps "demo" is forbidden: User "system:serviceaccount:app:reader" cannot delete resource "configmaps" in API group "" in the namespace "app"',
    );
    const cluster = await kubectl(['get', 'namespaces'], { kubeconfig: reader });
    expect(cluster.stderr).toContain(
      'User "system:serviceaccount:app:reader" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('grants the discovery paths and no other non-resource URL', async () => {
    // `kubectl get --raw` drops the server's path prefix, so the check goes through can-i.
    expect((await ok(['auth', 'can-i', 'get', '/apis/apps/v1'], reader)).trim()).toBe('yes');
    const metrics = await kubectl(['auth', 'can-i', 'get', '/metrics'], { kubeconfig: reader });
    expect(metrics.stdout.trim()).toBe('no');
  });

  it('answers kubectl auth can-i and can-i --list from the Role', async () => {
    expect((await ok(['auth', 'can-i', 'list', 'configmaps', '-n', 'app'], reader)).trim()).toBe(
      'yes',
    );
    const no = await kubectl(['auth', 'can-i', 'list', 'configmaps', '-n', 'other'], {
      kubeconfig: reader,
    });
    expect(no.stdout.trim()).toBe('no');
    expect(no.code).toBe(1);
    const list = await ok(['auth', 'can-i', '--list', '-n', 'app'], reader);
    expect(list).toMatch(/^configmaps\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(list).toMatch(
      /selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/,
    );
    expect(list).toMatch(/\[\/api\/\*\]\s+\[\]\s+\[get\]/);
    const other = await ok(['auth', 'can-i', '--list', '-n', 'other'], reader);
    expect(other).not.toMatch(/^configmaps/m);
  });

  it('tells who the token is (kubectl auth whoami, TokenReview)', async () => {
    const whoami = await ok(['auth', 'whoami', '-o', 'json'], reader);
    const info = JSON.parse(whoami).status.userInfo;
    expect(info.username).toBe('system:serviceaccount:app:reader');
    expect(info.groups).toEqual([
      'system:serviceaccounts',
      'system:serviceaccounts:app',
      'system:authenticated',
    ]);
    const token = (
      load(await ok(['config', 'view', '--raw', '-o', 'yaml'], reader)) as {
        users: { user: { token: string } }[];
      }
    ).users[0].user.token;
    const review = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } };
    const out = JSON.parse(
      await ok(['create', '-f', '-', '-o', 'json'], admin, JSON.stringify(review)),
    );
    expect(out.status.authenticated).toBe(true);
    expect(out.status.user.username).toBe('system:serviceaccount:app:reader');
  });

  it('authorizes status subresources separately (sveltosclusters/status)', async () => {
    await ok(['apply', '-f', 'manifests/crds/lib.projectsveltos.io_sveltosclusters.yaml']);
    await ok(['wait', '--for=condition=Established', 'crd/sveltosclusters.lib.projectsveltos.io']);
    const cluster = {
      apiVersion: 'lib.projectsveltos.io/v1beta1',
      kind: 'SveltosCluster',
      metadata: { name: 'c1', namespace: 'app' },
      spec: {},
    };
    await ok(['apply', '-f', '-'], admin, JSON.stringify(cluster));
    await ok([
      'create',
      'role',
      'sc-reader',
      '--verb=get,list',
      '--resource=sveltosclusters.lib.projectsveltos.io',
      '-n',
      'app',
    ]);
    await ok([
      'create',
      'rolebinding',
      'sc-reader',
      '--role=sc-reader',
      '--serviceaccount=app:reader',
      '-n',
      'app',
    ]);
    // kubectl reads the status subresource before patching it, so `get` is refused first.
    const patch = [
      'patch',
      'sveltoscluster',
      'c1',
      '-n',
      'app',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"ready":true}}',
    ];
    const denied = await kubectl(patch, { kubeconfig: reader });
    expect(denied.stderr.trim()).toBe(
      'Error from server (Forbidden): sveltosclusters.lib.projectsveltos.io "c1" is forbidden: User "system:serviceaccount:app:reader" cannot get resource "sveltosclusters/status" in API group "lib.projectsveltos.io" in the namespace "app"',
    );
    const statusRole = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'sc-status', namespace: 'app' },
      rules: [
        {
          apiGroups: ['lib.projectsveltos.io'],
          resources: ['sveltosclusters/status'],
          verbs: ['get', 'patch'],
        },
      ],
    };
    await ok(['apply', '-f', '-'], admin, JSON.stringify(statusRole));
    await ok([
      'create',
      'rolebinding',
      'sc-status',
      '--role=sc-status',
      '--serviceaccount=app:reader',
      '-n',
      'app',
    ]);
    await ok(patch, reader);
    expect(
      await ok(['get', 'sveltoscluster', 'c1', '-n', 'app', '-o', 'jsonpath={.status.ready}']),
    ).toBe('true');
    expect(
      (
        await ok(
          ['auth', 'can-i', 'patch', 'sveltoscluster', '--subresource=status', '-n', 'app'],
          reader,
        )
      ).trim(),
    ).toBe('yes');
    const main = await kubectl(['auth', 'can-i', 'patch', 'sveltosclusters', '-n', 'app'], {
      kubeconfig: reader,
    });
    expect(main.stdout.trim()).toBe('no');
  });

  it('answers SubjectAccessReview and LocalSubjectAccessReview for another user', async () => {
    const spec = {
      user: 'system:serviceaccount:app:reader',
      groups: ['system:serviceaccounts', 'system:authenticated'],
      resourceAttributes: { namespace: 'app', verb: 'list', resource: 'configmaps' },
    };
    const sar = { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec };
    const out = JSON.parse(
      await ok(['create', '-f', '-', '-o', 'json'], admin, JSON.stringify(sar)),
    ) as {
      status: { allowed: boolean; reason: string };
    };
    expect(out.status).toEqual({
      allowed: true,
      reason:
        'RBAC: allowed by RoleBinding "cm-reader/app" of Role "cm-reader" to ServiceAccount "reader/app"',
    });
    const local = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'LocalSubjectAccessReview',
      metadata: { namespace: 'other' },
      spec: { ...spec, resourceAttributes: { ...spec.resourceAttributes, namespace: 'other' } },
    };
    const denied = JSON.parse(
      await ok(['create', '-f', '-', '-o', 'json'], admin, JSON.stringify(local)),
    ) as {
      status: { allowed: boolean };
    };
    expect(denied.status).toEqual({ allowed: false });
  });

  it('refuses a bad token with 401', async () => {
    const bad = kubeconfigWithToken('bad', 'not-a-token');
    const r = await kubectl(['get', 'configmaps', '-n', 'app'], { kubeconfig: bad });
    // What kubectl 1.32 prints against kube-apiserver too: discovery is refused first.
    expect(r.stderr).toContain(
      'error: You must be logged in to the server (the server has asked for the client to provide credentials)',
    );
  });

  it('refuses a token once it has expired (injected clock)', async () => {
    const token = (await ok(['create', 'token', 'reader', '-n', 'app', '--duration=10m'])).trim();
    const short = kubeconfigWithToken('short', token);
    expect(await ok(['get', 'configmaps', '-n', 'app', '-o', 'name'], short)).toContain('demo');
    clock += 11 * 60 * 1000;
    const r = await kubectl(['get', 'configmaps', '-n', 'app'], { kubeconfig: short });
    expect(r.stderr).toContain('You must be logged in to the server');
    const tooShort = await kubectl(['create', 'token', 'reader', '-n', 'app', '--duration=1m'], {
      kubeconfig: admin,
    });
    expect(tooShort.stderr).toContain(
      'spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
  });
});

describe('RBAC escalation prevention', () => {
  it('lets a namespace admin grant what it holds and refuses more, as kube-apiserver words it', async () => {
    await ok(['create', 'serviceaccount', 'manager', '-n', 'app']);
    await ok([
      'create',
      'rolebinding',
      'manager-admin',
      '--clusterrole=admin',
      '--serviceaccount=app:manager',
      '-n',
      'app',
    ]);
    const manager = kubeconfigWithToken(
      'manager',
      (await ok(['create', 'token', 'manager', '-n', 'app'])).trim(),
    );
    await ok(
      ['create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', 'app'],
      manager,
    );
    const role = await kubectl(
      ['create', 'role', 'node-reader', '--verb=get,list', '--resource=nodes', '-n', 'app'],
      { kubeconfig: manager },
    );
    expect(role.stderr.trim()).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "node-reader" is forbidden: user "system:serviceaccount:app:manager" (groups=["system:serviceaccounts" "system:serviceaccounts:app" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "list"]}',
    );
    await ok(
      [
        'create',
        'rolebinding',
        'reader-edit',
        '--clusterrole=edit',
        '--serviceaccount=app:reader',
        '-n',
        'app',
      ],
      manager,
    );
    const binding = await kubectl(
      [
        'create',
        'rolebinding',
        'reader-root',
        '--clusterrole=cluster-admin',
        '--serviceaccount=app:reader',
        '-n',
        'app',
      ],
      { kubeconfig: manager },
    );
    expect(binding.stderr).toContain(
      'rolebindings.rbac.authorization.k8s.io "reader-root" is forbidden: user "system:serviceaccount:app:manager"',
    );
    expect(binding.stderr).toContain('{APIGroups:["*"], Resources:["*"], Verbs:["*"]}');
  });
});

describe('token Secrets (token controller)', () => {
  it('fills a service-account-token Secret, and deleting the account invalidates and removes it', async () => {
    await ok(['create', 'serviceaccount', 'legacy', '-n', 'app']);
    await ok([
      'create',
      'rolebinding',
      'legacy-view',
      '--clusterrole=view',
      '--serviceaccount=app:legacy',
      '-n',
      'app',
    ]);
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 'legacy-token',
        namespace: 'app',
        annotations: { 'kubernetes.io/service-account.name': 'legacy' },
      },
    };
    await ok(['apply', '-f', '-'], admin, JSON.stringify(secret));
    const filled = await waitFor(
      async () => {
        const s = JSON.parse(
          await ok(['get', 'secret', 'legacy-token', '-n', 'app', '-o', 'json']),
        ) as { data?: Record<string, string>; metadata: { annotations: Record<string, string> } };
        return s.data?.token ? s : undefined;
      },
      { what: 'token in the Secret' },
    );
    const data = filled.data ?? {};
    expect(Buffer.from(data.namespace, 'base64').toString()).toBe('app');
    expect(Buffer.from(data['ca.crt'], 'base64').toString()).toBe(cluster.caPem);
    expect(filled.metadata.annotations['kubernetes.io/service-account.uid']).toMatch(/-/);
    const legacy = kubeconfigWithToken('legacy', Buffer.from(data.token, 'base64').toString());
    // view is aggregated from system:aggregate-to-view by the aggregation controller.
    expect(await ok(['get', 'configmaps', '-n', 'app', '-o', 'name'], legacy)).toContain('demo');
    await ok(['delete', 'serviceaccount', 'legacy', '-n', 'app']);
    const r = await kubectl(['get', 'configmaps', '-n', 'app'], { kubeconfig: legacy });
    expect(r.stderr).toContain('Unauthorized');
    await waitFor(
      async () =>
        (await kubectl(['get', 'secret', 'legacy-token', '-n', 'app'], { kubeconfig: admin }))
          .code === 1,
      {
        what: 'token Secret deleted with its ServiceAccount',
      },
    );
  });
});

describe('ClusterRole aggregation', () => {
  it('fills an aggregated ClusterRole from the roles its selector matches, and follows changes', async () => {
    const agg = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'monitoring' },
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }],
      },
    };
    await ok(['apply', '-f', '-'], admin, JSON.stringify(agg));
    await ok(['create', 'clusterrole', 'pods-reader', '--verb=get,list', '--resource=pods']);
    await ok(['label', 'clusterrole', 'pods-reader', 'example.com/aggregate-to-monitoring=true']);
    const rules = await waitFor(
      async () => {
        const role = JSON.parse(await ok(['get', 'clusterrole', 'monitoring', '-o', 'json'])) as {
          rules?: unknown[];
        };
        return role.rules?.length ? role.rules : undefined;
      },
      { what: 'aggregated rules' },
    );
    expect(rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]);
    await ok(['label', 'clusterrole', 'pods-reader', 'example.com/aggregate-to-monitoring-']);
    await waitFor(
      async () => {
        const role = JSON.parse(await ok(['get', 'clusterrole', 'monitoring', '-o', 'json']));
        return (role.rules ?? []).length === 0;
      },
      { what: 'rules removed' },
    );
  });

  it('serves the default roles (cluster-admin, admin, edit, view) with aggregated rules', async () => {
    const out = await ok(['get', 'clusterroles', '-o', 'name']);
    for (const name of [
      'cluster-admin',
      'admin',
      'edit',
      'view',
      'system:discovery',
      'system:basic-user',
    ]) {
      expect(out).toContain(`clusterrole.rbac.authorization.k8s.io/${name}\n`);
    }
    const edit = JSON.parse(await ok(['get', 'clusterrole', 'edit', '-o', 'json'])) as {
      rules: { resources?: string[] }[];
    };
    expect(edit.rules.some((r) => r.resources?.includes('secrets'))).toBe(true);
  });
});
