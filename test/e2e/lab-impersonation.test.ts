// `kubectl --as` against a lab cluster with the security plug-ins: the admin may impersonate
// anyone, and the impersonated service account gets exactly its own RBAC rights, with
// kube-apiserver's 403 wording for what it lacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSecurity } from '../../lab/security/index.js';
import { kubectl } from '../support/kubectl.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let kubeconfig: string;

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['imp'] });
  await installSecurity(lab.cluster('imp')).ready;
  kubeconfig = lab.kubeconfig('imp');
});
afterAll(async () => lab.stop());

describe('impersonation', () => {
  it('runs requests as the impersonated service account', async () => {
    const setup = `apiVersion: v1
kind: Namespace
metadata: { name: team }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: reader, namespace: team }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: read-cm, namespace: team }
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader-read-cm, namespace: team }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-cm }
subjects:
- { kind: ServiceAccount, name: reader, namespace: team }
`;
    expect((await kubectl(['apply', '-f', '-'], { kubeconfig, stdin: setup })).code).toBe(0);
    const as = '--as=system:serviceaccount:team:reader';
    const allowed = await kubectl(['get', 'configmaps', '-n', 'team', as], { kubeconfig });
    expect(allowed.code).toBe(0);
    const denied = await kubectl(['get', 'secrets', '-n', 'team', as], { kubeconfig });
    expect(denied.stderr).toContain(
      'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:team:reader" cannot list resource "secrets" in API group "" in the namespace "team"',
    );
    const whoami = await kubectl(
      ['auth', 'whoami', as, '-o', 'jsonpath={.status.userInfo.username}'],
      { kubeconfig },
    );
    expect(whoami.stdout).toBe('system:serviceaccount:team:reader');
  });

  it('refuses impersonation to a user who may not impersonate, in kube wording', async () => {
    const token = (
      await kubectl(['create', 'token', 'reader', '-n', 'team'], { kubeconfig })
    ).stdout.trim();
    expect(token.length).toBeGreaterThan(20);
    const r = await kubectl(['get', 'configmaps', '-n', 'team', `--token=${token}`, '--as=bob'], {
      kubeconfig,
    });
    expect(r.stderr).toContain(
      'users "bob" is forbidden: User "system:serviceaccount:team:reader" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });
});
