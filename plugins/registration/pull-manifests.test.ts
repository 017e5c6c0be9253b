import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../output.js';
import { agentArgs, pullManifestRefs, pullManifests } from './pull-manifests.js';

const input = {
  clusterNamespace: 'rke2',
  clusterName: 'cluster01',
  image: 'ghcr.io/sveltos-ts/sveltos-agent:v0.1.0',
  managementKubeconfig: 'apiVersion: v1\nkind: Config\n',
};

describe('pullManifests', () => {
  it('lists the seven objects in the order of the seed blog post', () => {
    const labels = pullManifests(input).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(labels).toEqual([
      'Namespace/projectsveltos',
      'ServiceAccount/sveltos-applier-manager',
      'ClusterRole/sveltos-applier-manager-role',
      'ClusterRoleBinding/sveltos-applier-manager-rolebinding',
      'Service/sveltos-applier-metrics-service',
      'Deployment/sveltos-applier-manager',
      'Secret/cluster01-sveltos-kubeconfig',
    ]);
  });

  it('puts every namespaced object in projectsveltos', () => {
    for (const o of pullManifests(input).filter(
      (x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind),
    )) {
      expect(o.metadata.namespace, o.kind).toBe('projectsveltos');
    }
  });

  it('runs the agent image with the cluster namespace, name, type and kubeconfig Secret', () => {
    const deployment = pullManifests(input)[5] as unknown as {
      spec: {
        selector: { matchLabels: Record<string, string> };
        template: {
          metadata: { labels: Record<string, string> };
          spec: {
            serviceAccountName: string;
            containers: Array<{ image: string; args: string[] }>;
          };
        };
      };
    };
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe(input.image);
    expect(container.args).toEqual([
      '--cluster-namespace=rke2',
      '--cluster-name=cluster01',
      '--cluster-type=sveltos',
      '--secret-with-kubeconfig=cluster01-sveltos-kubeconfig',
    ]);
    expect(deployment.spec.template.spec.serviceAccountName).toBe('sveltos-applier-manager');
    expect(deployment.spec.template.metadata.labels).toMatchObject(
      deployment.spec.selector.matchLabels,
    );
  });

  it('stores the management kubeconfig base64-encoded under key kubeconfig', () => {
    const secret = pullManifests(input)[6] as unknown as { data: Record<string, string> };
    expect(Object.keys(secret.data)).toEqual(['kubeconfig']);
    expect(Buffer.from(secret.data['kubeconfig'], 'base64').toString()).toBe(
      input.managementKubeconfig,
    );
  });

  it('binds the ClusterRole to the agent ServiceAccount', () => {
    const binding = pullManifests(input)[3] as unknown as {
      roleRef: { name: string };
      subjects: unknown[];
    };
    expect(binding.roleRef.name).toBe('sveltos-applier-manager-role');
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sveltos-applier-manager', namespace: 'projectsveltos' },
    ]);
  });

  it('renders as multi-document YAML that parses back to the same objects', () => {
    const yaml = toYaml(pullManifests(input));
    expect(yaml.startsWith('---\napiVersion: v1\nkind: Namespace\n')).toBe(true);
    expect(loadAll(yaml)).toEqual(JSON.parse(JSON.stringify(pullManifests(input))));
  });

  it('agentArgs is what the Deployment runs', () => {
    expect(agentArgs(input)).toHaveLength(4);
  });
});

describe('pullManifestRefs', () => {
  it('lists headers only, newest first, for deletion', () => {
    const refs = pullManifestRefs('cluster01');
    expect(refs.map((r) => r.kind)).toEqual([
      'Secret',
      'Deployment',
      'Service',
      'ClusterRoleBinding',
      'ClusterRole',
      'ServiceAccount',
      'Namespace',
    ]);
    expect(refs.every((r) => Object.keys(r).join() === 'apiVersion,kind,metadata')).toBe(true);
    expect(load(toYaml([refs[0]]).slice(4))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cluster01-sveltos-kubeconfig', namespace: 'projectsveltos' },
    });
  });
});
