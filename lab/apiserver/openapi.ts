// OpenAPI v3 as far as kubectl and helm need it: the `/openapi/v3` index and one document per
// group version whose PATCH operations carry `x-kubernetes-group-version-kind` and the
// `fieldValidation`/`dryRun` parameters (so clients validate server-side), plus CRD schemas as
// components (so `kubectl explain` works). Built-in kinds get no schema on purpose: kubectl then
// computes strategic merge patches from its compiled-in types, with the right merge keys.
import { createHash } from 'node:crypto';
import type { ResourceRegistry } from './registry.js';
import type { JSONSchemaProps, ResourceInfo } from './types.js';

const OBJECT_META_REF = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** `api/v1` or `apis/GROUP/VERSION`: the index key of a group version. */
export function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function hashOf(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 64).toUpperCase();
}

/** `GET /openapi/v3`: one entry per served group version. */
export function openapiIndex(
  registry: ResourceRegistry,
  clusterSeed: string,
): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      const p = gvPath(g.name, v);
      paths[p] = {
        serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(`${clusterSeed}/${registry.generation}/${p}`)}`,
      };
    }
  }
  return { paths };
}

/** Reverse-domain schema name kube uses, e.g. `io.projectsveltos.config.v1beta1.ClusterProfile`. */
export function schemaName(r: { group: string; version: string; kind: string }): string {
  const group = r.group ? r.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${r.version}.${r.kind}`;
}

const queryParam = (name: string, type: string, description: string): Record<string, unknown> => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

const PATCH_PARAMS = [
  queryParam(
    'dryRun',
    'string',
    'When present, indicates that modifications should not be persisted.',
  ),
  queryParam(
    'fieldManager',
    'string',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  queryParam(
    'fieldValidation',
    'string',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  ),
  queryParam('force', 'boolean', 'Force is going to "force" Apply requests.'),
];

function objectPath(r: ResourceInfo): string {
  const base = `/${gvPath(r.group, r.version)}`;
  return r.namespaced
    ? `${base}/namespaces/{namespace}/${r.resource}/{name}`
    : `${base}/${r.resource}/{name}`;
}

function pathItem(r: ResourceInfo, withSchema: boolean): Record<string, unknown> {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const ref = withSchema ? { $ref: `#/components/schemas/${schemaName(r)}` } : { type: 'object' };
  const pathParams = [
    { name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } },
  ];
  if (r.namespaced)
    pathParams.push({
      name: 'namespace',
      in: 'path',
      required: true,
      schema: { type: 'string', uniqueItems: true },
    });
  const patchBody = { schema: { type: 'object' } };
  return {
    patch: {
      description: `partially update the specified ${r.kind}`,
      operationId: `patch${r.kind}`,
      parameters: PATCH_PARAMS,
      requestBody: {
        content: {
          'application/apply-patch+yaml': patchBody,
          'application/json-patch+json': patchBody,
          'application/merge-patch+json': patchBody,
          ...(r.builtin ? { 'application/strategic-merge-patch+json': patchBody } : {}),
        },
        required: true,
      },
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
      'x-kubernetes-action': 'patch',
      'x-kubernetes-group-version-kind': gvk,
    },
    parameters: pathParams,
  };
}

function crdComponent(r: ResourceInfo, schema: JSONSchemaProps): JSONSchemaProps {
  const properties = { ...(schema.properties ?? {}) };
  properties.metadata = {
    $ref: `#/components/schemas/${OBJECT_META_REF}`,
  };
  properties.apiVersion ??= {
    type: 'string',
    description: 'APIVersion defines the versioned schema of this representation of an object.',
  };
  properties.kind ??= {
    type: 'string',
    description: 'Kind is a string value representing the REST resource this object represents.',
  };
  return {
    ...schema,
    type: schema.type ?? 'object',
    properties,
    'x-kubernetes-group-version-kind': [{ group: r.group, kind: r.kind, version: r.version }],
  };
}

const OBJECT_META_SCHEMA: JSONSchemaProps = {
  type: 'object',
  description:
    'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
  properties: {
    name: { type: 'string', description: 'Name must be unique within a namespace.' },
    namespace: {
      type: 'string',
      description: 'Namespace defines the space within which each name must be unique.',
    },
    labels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        'Map of string keys and values that can be used to organize and categorize objects.',
    },
    annotations: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Annotations is an unstructured key value map stored with a resource.',
    },
  },
};

/** `GET /openapi/v3/api/v1` or `/openapi/v3/apis/G/V`; undefined when not served. */
export function openapiGroupVersion(
  registry: ResourceRegistry,
  group: string,
  version: string,
  serverVersion: string,
): Record<string, unknown> | undefined {
  const resources = registry.servedOf(group, version);
  if (resources.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const r of resources) {
    const withSchema = !r.builtin && r.schema !== undefined;
    paths[objectPath(r)] = pathItem(r, withSchema);
    if (withSchema && r.schema) schemas[schemaName(r)] = crdComponent(r, r.schema);
  }
  if (Object.keys(schemas).length > 0) schemas[OBJECT_META_REF] = OBJECT_META_SCHEMA;
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths,
    components: { schemas },
  };
}
