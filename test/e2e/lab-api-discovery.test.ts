// Discovery and OpenAPI documents of the lab API server in the forms kubectl and helm ask
// for: aggregated v2 and v2beta1 answered exactly as asked, legacy documents, CRDs appearing
// and disappearing, OpenAPI v3 with patch operations and CRD schemas, per-cluster versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { kubectl } from '../support/kubectl.js';
import { findBy, labRequest, pluck } from '../support/lab-http.js';
import type { Json } from '../support/lab-http.js';
import { startTestLab } from '../support/lab.js';
import type { TestLab } from '../support/lab.js';

let lab: TestLab;
let c: LabCluster;

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

beforeAll(async () => {
  lab = await startTestLab({ clusters: ['d', 'old'] });
  c = lab.cluster('d');
});
afterAll(async () => lab.stop());

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gizmos.disco.example.com' },
  spec: {
    group: 'disco.example.com',
    scope: 'Cluster',
    names: {
      plural: 'gizmos',
      singular: 'gizmo',
      kind: 'Gizmo',
      shortNames: ['gz'],
      categories: ['all'],
    },
    versions: [
      {
        name: 'v1beta1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                description: 'Desired gizmo',
                properties: { size: { type: 'integer' } },
              },
            },
          },
        },
      },
    ],
  },
};

function resourceIn(doc: Json, group: string, version: string, resource: string): Json {
  const g = (doc.items as Json[]).find((i) => (i.metadata.name ?? '') === group);
  const v = (g?.versions as Json[] | undefined)?.find((x) => x.version === version);
  return (v?.resources as Json[] | undefined)?.find((r) => r.resource === resource);
}

describe('discovery', () => {
  it('answers aggregated discovery in exactly the version asked for', async () => {
    const v2 = await labRequest(c, 'GET', '/api', { accept: `${V2},${V2BETA1},application/json` });
    expect(v2.headers['content-type']).toBe(V2);
    expect(v2.json.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(resourceIn(v2.json, '', 'v1', 'configmaps')).toMatchObject({
      responseKind: { group: '', version: 'v1', kind: 'ConfigMap' },
      scope: 'Namespaced',
      shortNames: ['cm'],
    });
    const beta = await labRequest(c, 'GET', '/apis', { accept: `${V2BETA1},application/json` });
    expect(beta.headers['content-type']).toBe(V2BETA1);
    expect(beta.json.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    const deployments = resourceIn(beta.json, 'apps', 'v1', 'deployments');
    expect(deployments.categories).toEqual(['all']);
    expect(pluck(deployments.subresources, 'subresource')).toEqual(['status', 'scale']);
    expect(resourceIn(beta.json, 'apps', 'v1', 'replicasets')).toBeDefined();
  });

  it('answers the legacy documents to a plain Accept', async () => {
    const api = await labRequest(c, 'GET', '/api', { accept: 'application/json, */*' });
    expect(api.json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = await labRequest(c, 'GET', '/apis');
    expect(apis.json.kind).toBe('APIGroupList');
    expect(findBy(apis.json.groups, 'name', 'apps').preferredVersion.groupVersion).toBe('apps/v1');
    const group = await labRequest(c, 'GET', '/apis/apps');
    expect(group.json).toMatchObject({ kind: 'APIGroup', name: 'apps' });
    const list = await labRequest(c, 'GET', '/apis/apps/v1');
    const names = pluck(list.json.resources, 'name');
    expect(names).toEqual(
      expect.arrayContaining(['deployments', 'deployments/status', 'deployments/scale']),
    );
    const scale = findBy(list.json.resources, 'name', 'deployments/scale');
    expect(scale).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale' });
    expect((await labRequest(c, 'GET', '/apis/nothing.example.com/v1')).code).toBe(404);
  });

  it('serves a CRD once created and forgets it once deleted', async () => {
    expect(
      (
        await labRequest(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
          body: crd,
        })
      ).code,
    ).toBe(201);
    const stored = await labRequest(
      c,
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.disco.example.com',
    );
    const types = (stored.json.status.conditions as Record<string, string>[]).map(
      (x) => `${x.type}=${x.status}`,
    );
    expect(types).toEqual(expect.arrayContaining(['Established=True', 'NamesAccepted=True']));
    const agg = await labRequest(c, 'GET', '/apis', { accept: V2 });
    expect(resourceIn(agg.json, 'disco.example.com', 'v1beta1', 'gizmos')).toMatchObject({
      scope: 'Cluster',
      shortNames: ['gz'],
      categories: ['all'],
      subresources: [{ subresource: 'status' }],
    });
    expect(
      (
        await labRequest(
          c,
          'DELETE',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.disco.example.com',
        )
      ).code,
    ).toBe(200);
    const after = await labRequest(c, 'GET', '/apis', { accept: V2 });
    expect(resourceIn(after.json, 'disco.example.com', 'v1beta1', 'gizmos')).toBeUndefined();
    expect((await labRequest(c, 'GET', '/apis/disco.example.com/v1beta1/gizmos')).code).toBe(404);
  });
});

describe('openapi', () => {
  it('indexes every group version and describes patch operations and CRD schemas', async () => {
    await labRequest(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      body: { ...crd, metadata: { name: 'gizmos.disco.example.com' } },
    });
    const index = await labRequest(c, 'GET', '/openapi/v3');
    expect(Object.keys(index.json.paths as object)).toEqual(
      expect.arrayContaining(['api/v1', 'apis/apps/v1', 'apis/disco.example.com/v1beta1']),
    );
    const url: string = index.json.paths['apis/disco.example.com/v1beta1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/disco\.example\.com\/v1beta1\?hash=[0-9A-F]+$/);
    const doc = await labRequest(c, 'GET', url);
    const patch = doc.json.paths['/apis/disco.example.com/v1beta1/gizmos/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({
      group: 'disco.example.com',
      version: 'v1beta1',
      kind: 'Gizmo',
    });
    expect(pluck(patch.parameters, 'name')).toEqual(
      expect.arrayContaining(['fieldValidation', 'dryRun', 'fieldManager']),
    );
    const schema = doc.json.components.schemas['com.example.disco.v1beta1.Gizmo'];
    expect(schema['x-kubernetes-group-version-kind']).toEqual([
      { group: 'disco.example.com', kind: 'Gizmo', version: 'v1beta1' },
    ]);
    expect(schema.properties.spec.description).toBe('Desired gizmo');
    const core = await labRequest(c, 'GET', '/openapi/v3/api/v1');
    expect(
      core.json.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'].patch[
        'x-kubernetes-group-version-kind'
      ].kind,
    ).toBe('ConfigMap');
    expect((await labRequest(c, 'GET', '/openapi/v2')).code).toBe(404);
  });
});

describe('version', () => {
  it('reports each cluster its own version', async () => {
    lab.cluster('old').version = 'v1.28.15';
    const v = await labRequest(lab.cluster('old'), 'GET', '/version');
    expect(v.json).toMatchObject({ major: '1', minor: '28', gitVersion: 'v1.28.15' });
    expect((await labRequest(c, 'GET', '/version')).json.minor).toBe('32');
  });

  it('serves kubectl 1.28, which asks for v2beta1 discovery only', async () => {
    lab.cluster('old').version = 'v1.28.15';
    const kubeconfig = lab.kubeconfig('old');
    const created = await kubectl(['create', 'configmap', 'from-old', '--from-literal=a=b'], {
      kubeconfig,
    });
    expect(created.stderr).toBe('');
    const got = await kubectl(['get', 'cm', 'from-old', '-o', 'name'], { kubeconfig });
    expect(got.stdout.trim()).toBe('configmap/from-old');
    const client = await kubectl(['version', '-o', 'json'], { kubeconfig });
    expect(client.stdout).toContain('"gitVersion": "v1.28');
  });
});
